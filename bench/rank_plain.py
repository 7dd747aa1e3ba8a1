"""Plain search for a common word, no filters: the ranking query before and after issue 20
item 3, and a differential check that both give the same ids in the same order.

    DATABASE_URL=postgresql://…/bench_db PYTHONPATH=. REPEAT=21 \\
        .venv/bin/python bench/rank_plain.py [--all-words] [word …]

(also with a SQLite ``DATABASE_URL``). On a corpus from ``python -m bench.corpus``. Prints
the server, the load average, the floor (``SELECT 1`` round trip in the same run) and, per
query, p50/p95 of the unranked match (what the facets need), of the ranking query as it was
before (``reference_ranked_ids``, a frozen copy) and of ``search.service.ranked_ids`` now
(the Finnish tree, SEARCH_MAX_MATCHES), and whether the ids are equal, in order.
``--all-words``: the equality check (untimed) for every word of the corpus vocabulary.

``reference_ranked_ids`` is also what tests/search/test_rank_differential.py compares with.
"""

import argparse
import json
import os
import statistics
import sys
import time

# As search.service at commit 7daa12a (before issue 20 item 3), verbatim but for names.
_PG_REFERENCE = (
    "SELECT e.object_id FROM {entries} e "
    "WHERE e.content_type_id = ANY(%s) AND (e.title @@ {q} OR e.body @@ {q}) "
    "AND e.object_id IN (SELECT p.id::text FROM {pages} p WHERE p.locale_id = %s AND p.live)"
)


def reference_ranked_ids(alternatives, locale, limit=None, within=None):
    """search.service.ranked_ids as it was before the precomputed body ranks (database
    backends only): PostgreSQL ranks every matching body vector with ts_rank, SQLite ranks
    with FTS5's bm25."""
    from django.conf import settings  # noqa: PLC0415 - Django is set up by the caller
    from django.db import connection  # noqa: PLC0415
    from modelsearch.conf import get_app_config  # noqa: PLC0415
    from wagtail.models import Page  # noqa: PLC0415
    from wagtail.search.backends import get_search_backend  # noqa: PLC0415

    from search import service  # noqa: PLC0415

    limit = limit or settings.SEARCH_MAX_MATCHES
    ct_ids = list(service._type_content_types())
    if connection.vendor == "sqlite":
        return _sqlite_reference(alternatives, ct_ids, locale.pk, limit, within)
    config = get_search_backend().config
    entries = get_app_config().get_model("IndexEntry")._meta.db_table
    if len(alternatives) == 1:
        tsquery = service._tsquery_groups(alternatives[0])
    else:
        tsquery = " | ".join("(" + service._tsquery_groups(g) + ")" for g in alternatives)
    q = "to_tsquery(%s::regconfig, %s)" if config else "to_tsquery(%s)"
    q_params = [config, tsquery] if config else [tsquery]
    sql = _PG_REFERENCE.format(entries=entries, pages=Page._meta.db_table, q=q)
    params = [ct_ids, *q_params, *q_params, locale.pk]
    if within is not None:
        sql += " AND e.object_id = ANY(%s)"
        params.append([str(pk) for pk in within])
    sql += f" ORDER BY ts_rank(e.title, {q}) * 2 + ts_rank(e.body, {q}) DESC, e.object_id LIMIT %s"
    params.extend([*q_params, *q_params, limit])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(row[0]) for row in cursor.fetchall()]


def _sqlite_reference(alternatives, content_type_ids, locale_id, limit, within):
    """search.service.sqlite_ranked_ids at commit 7daa12a, verbatim but for names."""
    from django.db import connection  # noqa: PLC0415
    from modelsearch.conf import get_app_config  # noqa: PLC0415
    from wagtail.models import Page  # noqa: PLC0415

    from search import service  # noqa: PLC0415

    config = get_app_config()
    entries = config.get_model("IndexEntry")._meta.db_table
    fts = config.get_model("SQLiteFTSIndexEntry")._meta.db_table
    pages = Page._meta.db_table
    if len(alternatives) == 1:
        match = "{title body} : (" + service._fts_groups(alternatives[0]) + ")"
    else:
        match = "{title body} : (" + " OR ".join("(" + service._fts_groups(g) + ")" for g in alternatives) + ")"
    placeholders = ", ".join(["%s"] * len(content_type_ids))
    params = [match, *content_type_ids, locale_id]
    sql = (
        f"SELECT e.object_id FROM {fts} JOIN {entries} e ON e.id = {fts}.rowid "
        f"JOIN {pages} p ON p.id = CAST(e.object_id AS INTEGER) "
        f"WHERE {fts} MATCH %s AND e.content_type_id IN ({placeholders}) AND p.locale_id = %s AND p.live"
    )
    if within is not None:
        sql += " AND p.id IN (SELECT value FROM json_each(%s))"
        params.append(json.dumps(sorted(within)))
    sql += f" ORDER BY bm25({fts}, 0.0, 1.0, 2.0) LIMIT %s"
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(row[0]) for row in cursor.fetchall()]


REPEAT = int(os.environ.get("REPEAT", "21"))
WORDS = ["perhe", "tuki", "palvelu", "kehittäminen", "toiminta", "lapsi palvelu"]


def timed(fn):
    fn()  # warm
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        out = fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return out, statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--all-words", action="store_true")
    parser.add_argument("words", nargs="*")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django  # noqa: PLC0415

    django.setup()
    from django.db import connection  # noqa: PLC0415
    from wagtail.models import Locale  # noqa: PLC0415

    from bench.corpus.text import vocabulary  # noqa: PLC0415
    from search import service  # noqa: PLC0415

    locale = Locale.objects.get(language_code="fi")
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        print(connection.vendor, cursor.fetchone()[0])
        cursor.execute("SELECT count(*) FROM wagtailsearch_indexentry")
        print("index entries:", cursor.fetchone()[0])

    def alternatives(word):
        return [service.clean_query(word, "fi").groups]

    if args.all_words:
        words = vocabulary("fi") + ["lapsi palvelu", "perhekeskus toiminta", "varhainen tuki", "nuoret työ"]
        differ = [
            w
            for w in words
            if service.ranked_ids(alternatives(w), locale) != reference_ranked_ids(alternatives(w), locale)
        ]
        print(json.dumps({"queries": len(words), "differ": differ}))
        return

    print(f"load average {load()}; REPEAT {REPEAT}")

    def floor():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchall()

    _o, f50, f95 = timed(floor)
    print(f"floor SELECT 1: p50 {f50:.2f} ms p95 {f95:.2f} ms")
    print(f"{'query':16} {'matches':>8} {'match p50/p95':>15} {'before p50/p95':>16} {'after p50/p95':>16}  same ids")
    for word in args.words or WORDS:
        alts = alternatives(word)
        matched, m50, m95 = timed(lambda alts=alts: service.matching_ids(alts, locale))
        before, b50, b95 = timed(lambda alts=alts: reference_ranked_ids(alts, locale))
        after, a50, a95 = timed(lambda alts=alts: service.ranked_ids(alts, locale))
        print(
            f"{word:16} {len(matched[0]):8} {m50:7.1f} /{m95:6.1f} {b50:8.1f} /{b95:6.1f} {a50:8.1f} /{a95:6.1f}"
            f"  {'yes' if before == after else 'NO'} ({len(after)})"
        )
    _o, f50, f95 = timed(floor)
    print(f"floor again: p50 {f50:.2f} ms p95 {f95:.2f} ms; load average {load()}")


if __name__ == "__main__":
    main(sys.argv[1:])
