"""Profile of the PostgreSQL ranking query and of an exact, cheaper ranking (issue 20 item 3).

Throwaway measurement like ``bench/fts_query_shape.py`` (not collected by pytest); results
and the design in bench/README.md "Plain common-word search on PostgreSQL (issue 20)".

    DATABASE_URL=postgresql://…/bench_db .venv/bin/python bench/pg_rank_shape.py [word …]

On a corpus from ``python -m bench.corpus``. Builds a scratch side table
``bench_body_term`` (one row per index entry and body lexeme: that lexeme's positions and
weights as a one-lexeme tsvector) and compares, for each word:

* ``match``: the unranked match (what facets need);
* ``ranked``: ``search.service.postgres_ranked_ids`` as on main (ts_rank over every matching
  body vector, LIMIT SEARCH_MAX_MATCHES);
* ``side``: the same ORDER BY with ``ts_rank(body, q)`` replaced by ``ts_rank`` over a
  vector rebuilt from the side table with only the query's lexemes. With normalisation 0
  ts_rank reads only the query lexemes' positions and weights (calc_rank_or/calc_rank_and
  in tsrank.c), so the value is bit-identical; the script checks the id order is equal;
* ``floor``: ``SELECT 1`` round trip in the same run.
"""

import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
django.setup()

from django.db import connection  # noqa: E402
from wagtail.models import Locale  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from search import service  # noqa: E402

REPEAT = int(os.environ.get("REPEAT", "15"))
REBUILD = os.environ.get("REBUILD", "1") == "1"


def timed(fn):
    fn()  # warm
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        out = fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return out, statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def build_side_table(cursor):
    cursor.execute("DROP TABLE IF EXISTS bench_body_term")
    start = time.perf_counter()
    cursor.execute(
        """
        CREATE TABLE bench_body_term AS
        SELECT e.id AS entry_id, u.lexeme,
               ('''' || replace(replace(u.lexeme, '\\', '\\\\'), '''', '''''') || ''':' || array_to_string(ARRAY(
                   SELECT p || w FROM unnest(u.positions, u.weights) AS x(p, w)), ','))  AS vec_text
        FROM wagtailsearch_indexentry e, unnest(e.body) AS u(lexeme, positions, weights)
        """
    )
    cursor.execute("CREATE INDEX bench_body_term_key ON bench_body_term (entry_id, lexeme) INCLUDE (vec_text)")
    # Posting-list shape: by lexeme first, the one-lexeme vector stored as a tsvector.
    cursor.execute("DROP TABLE IF EXISTS bench_body_posting")
    cursor.execute(
        "CREATE TABLE bench_body_posting AS SELECT lexeme, entry_id, vec_text::tsvector AS vec FROM bench_body_term"
    )
    cursor.execute("CREATE INDEX bench_body_posting_key ON bench_body_posting (lexeme, entry_id) INCLUDE (vec)")
    cursor.execute("VACUUM ANALYZE bench_body_posting")  # all-visible: index-only scans
    cursor.execute("DROP AGGREGATE IF EXISTS bench_tsvector_agg(tsvector)")
    cursor.execute("CREATE AGGREGATE bench_tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector)")
    cursor.execute("ANALYZE bench_body_term")
    cursor.execute(
        "SELECT count(*), pg_size_pretty(pg_total_relation_size('bench_body_posting')) FROM bench_body_posting"
    )
    rows, size = cursor.fetchone()
    cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('wagtailsearch_indexentry'))")
    return rows, size, cursor.fetchone()[0], time.perf_counter() - start


def side_ranked(groups, ct_ids, locale_id, limit, config):
    tsquery = " & ".join("(" + " | ".join(service._tsquery_lexeme(t) for t in g) + ")" for g in groups)
    # As postgres_ranked_ids: the backend's text search configuration, or the server default.
    q = "to_tsquery(%s::regconfig, %s)" if config else "to_tsquery(%s)"
    qp = [config, tsquery] if config else [tsquery]
    v = "to_tsvector(%s::regconfig, %s)" if config else "to_tsvector(%s)"
    words = " ".join(t for g in groups for t in g)
    vp = [config, words] if config else [words]
    sql = f"""
        SELECT m.object_id FROM (
            SELECT e.id, e.object_id, e.title FROM wagtailsearch_indexentry e
            WHERE e.content_type_id = ANY(%s) AND (e.title @@ {q} OR e.body @@ {q})
              AND e.object_id IN (SELECT p.id::text FROM wagtailcore_page p WHERE p.locale_id = %s AND p.live)
        ) m
        LEFT JOIN LATERAL (
            SELECT string_agg(t.vec_text, ' ')::tsvector AS v FROM bench_body_term t
            WHERE t.entry_id = m.id AND t.lexeme = ANY(tsvector_to_array({v}))
        ) b ON true
        ORDER BY ts_rank(m.title, {q}) * 2 + coalesce(ts_rank(b.v, {q}), 0) DESC, m.object_id
        LIMIT %s
    """
    params = [list(ct_ids), *qp, *qp, locale_id, *vp, *qp, *qp, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(r[0]) for r in cursor.fetchall()]


def posting_ranked(groups, ct_ids, locale_id, limit, config):
    """One group (one query word): rank the body from the posting rows of its lexemes.

    ts_rank of an OR query (calc_rank_or) reads only the count and weights of each query
    lexeme's positions, which tsvector_concat keeps (it shifts positions, which only an AND
    query's calc_rank_and would read): the value equals ts_rank(body, q).
    """
    assert len(groups) == 1
    tsquery = " | ".join(service._tsquery_lexeme(t) for t in groups[0])
    q = "to_tsquery(%s::regconfig, %s)" if config else "to_tsquery(%s)"
    qp = [config, tsquery] if config else [tsquery]
    v = "to_tsvector(%s::regconfig, %s)" if config else "to_tsvector(%s)"
    words = " ".join(groups[0])
    vp = [config, words] if config else [words]
    sql = f"""
        WITH m AS MATERIALIZED (
            SELECT e.id, e.object_id, e.title FROM wagtailsearch_indexentry e
            WHERE e.content_type_id = ANY(%s) AND (e.title @@ {q} OR e.body @@ {q})
              AND e.object_id IN (SELECT p.id::text FROM wagtailcore_page p WHERE p.locale_id = %s AND p.live)
        ), b AS (
            SELECT s.entry_id, ts_rank(bench_tsvector_agg(s.vec), {q}) AS r FROM bench_body_posting s
            WHERE s.lexeme = ANY(tsvector_to_array({v})) AND s.entry_id IN (SELECT id FROM m)
            GROUP BY s.entry_id
        )
        SELECT m.object_id FROM m LEFT JOIN b ON b.entry_id = m.id
        ORDER BY ts_rank(m.title, {q}) * 2 + coalesce(b.r, 0) DESC, m.object_id
        LIMIT %s
    """
    params = [list(ct_ids), *qp, *qp, locale_id, *qp, *vp, *qp, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(r[0]) for r in cursor.fetchall()]


def main(words):
    backend = get_search_backend()
    config = backend.config
    locale = Locale.objects.get(language_code="fi")
    ct_ids = list(service._type_content_types())
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM wagtailsearch_indexentry")
        entries = cursor.fetchone()[0]
        rows, side_size, index_size, seconds = build_side_table(cursor) if REBUILD else (0, "-", "-", 0)
    print(
        f"index entries {entries}; side table {rows} rows, {side_size} (index table {index_size}); built in {seconds:.1f} s"
    )

    def floor():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchall()

    _o, p50, p95 = timed(floor)
    print(f"floor SELECT 1: p50 {p50:.2f} ms p95 {p95:.2f} ms")
    limit = 1000
    for word in words:
        groups = service.clean_query(word, "fi").groups
        alternatives = [groups]
        matched, m50, m95 = timed(
            lambda: service.postgres_ranked_ids(alternatives, ct_ids, locale.pk, None, config=config)
        )
        old, o50, o95 = timed(
            lambda: service.postgres_ranked_ids(alternatives, ct_ids, locale.pk, limit, config=config)
        )
        new, n50, n95 = timed(lambda: side_ranked(groups, ct_ids, locale.pk, limit, config))
        if len(groups) == 1:
            post, p50_, p95_ = timed(lambda: posting_ranked(groups, ct_ids, locale.pk, limit, config))
            posting = f" | posting rank p50 {p50_:.1f} p95 {p95_:.1f} ms, same order: {post == old}"
        else:
            posting = ""
        print(
            f"{word!r}: {len(matched)} matches | match p50 {m50:.1f} p95 {m95:.1f} | ranked (main) p50 {o50:.1f} "
            f"p95 {o95:.1f} | side-table rank p50 {n50:.1f} p95 {n95:.1f} ms | same order: {old == new} ({len(old)} ids)"
            + posting
        )


if __name__ == "__main__":
    main(sys.argv[1:] or ["tuki", "perhe", "lapsi palvelu", "kehittäminen"])
