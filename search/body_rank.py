"""Precomputed body ranks of single words on PostgreSQL (issue 20 item 3).

A plain search for a common word ranks every matching page by
``ts_rank(title, q) * 2 + ts_rank(body, q)`` (``search.service.postgres_ranked_ids``).
``ts_rank(body, q)`` fetches each page's whole body vector from TOAST (8–9 kB, stored
uncompressed because pglz cannot save 25 % on it): ~15 µs a row, 80 % of the query for a
word found on most pages.

For a query of **one lexeme**, that value depends only on the positions and weights of that
lexeme in the body vector (``calc_rank_or`` in PostgreSQL's ``tsrank.c`` looks the query's
lexemes up and reads nothing else; normalisation 0 does not read the vector's length). So it
is computed once per (index entry, lexeme) when the entry is written, with the same
function on the same vector and the same one-lexeme query:

    rank = ts_rank(body, '<lexeme>'::tsquery)

and stored in ``portal_search_body_rank (lexeme, entry_id, rank real)``. Ranking then reads
one index range (``lexeme = …``, index-only) instead of thousands of body vectors, and the
ORDER BY value is the same ``real``, so the same ids come back in the same order. Queries of
several lexemes (several words, or a word with alternative forms) keep ranking the body
vectors: ``calc_rank_and`` reads positions across lexemes, and an OR of several lexemes
sums per-lexeme values in ``float`` in an order of its own.

A trigger on Wagtail's index table keeps the table in step with every write (Wagtail's
upserts, ``update_index``, the catch-up queue, the bench corpus' bulk add) and empties it
on ``TRUNCATE``. Created by ``search/migrations/0005_body_rank.py`` (with a backfill);
SQLite has no such table (FTS5 ranks from its own index).
"""

INDEX_TABLE = "wagtailsearch_indexentry"
TABLE = "portal_search_body_rank"
FUNCTION = "portal_search_body_rank_sync"
TRUNCATE_FUNCTION = "portal_search_body_rank_truncate"

# The one-lexeme tsquery of a body lexeme, written as tsquery input: quoted, quotes doubled,
# backslashes escaped (what search.service._tsquery_lexeme does in Python).
_LEXEME_QUERY = "('''' || replace(replace(u.lexeme, '\\', '\\\\'), '''', '''''') || '''')::tsquery"


def _rows_of(entry_id, body):
    # ``body || ''::tsvector`` is the same vector (concatenating the empty vector copies every
    # lexeme with its positions and weights), but in memory: ts_rank, called once per lexeme,
    # would otherwise fetch the whole value from TOAST each time. OFFSET 0 keeps the
    # sub-select (flattened, the copy would be made again for every lexeme: 8× slower).
    return (
        f"SELECT {entry_id}, u.lexeme, ts_rank(v.body, {_LEXEME_QUERY}) "
        f"FROM (SELECT {body} || ''::tsvector AS body OFFSET 0) v, unnest(v.body) AS u(lexeme, positions, weights)"
    )


CREATE_SQL = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (entry_id integer NOT NULL, lexeme text NOT NULL, rank real NOT NULL)",
    f"""
    CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            DELETE FROM {TABLE} WHERE entry_id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO {TABLE} (entry_id, lexeme, rank) {_rows_of("NEW.id", "NEW.body")};
        END IF;
        RETURN NULL;
    END
    $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION {TRUNCATE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE {TABLE};
        RETURN NULL;
    END
    $$
    """,
    f"DROP TRIGGER IF EXISTS {FUNCTION} ON {INDEX_TABLE}",
    f"DROP TRIGGER IF EXISTS {TRUNCATE_FUNCTION} ON {INDEX_TABLE}",
    # UPDATE OF body ... WHEN: re-indexing an unchanged page rewrites no rank rows.
    f"CREATE TRIGGER {FUNCTION}_write AFTER INSERT OR DELETE ON {INDEX_TABLE} "
    f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
    f"CREATE TRIGGER {FUNCTION}_update AFTER UPDATE OF body ON {INDEX_TABLE} "
    f"FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body) EXECUTE FUNCTION {FUNCTION}()",
    f"CREATE TRIGGER {TRUNCATE_FUNCTION} AFTER TRUNCATE ON {INDEX_TABLE} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {TRUNCATE_FUNCTION}()",
]

# The rows of the entries indexed before the trigger existed (all of them at migration).
BACKFILL_SQL = [
    f"TRUNCATE {TABLE}",
    f"INSERT INTO {TABLE} (entry_id, lexeme, rank) "
    f"SELECT e.id, u.lexeme, ts_rank(e.body, {_LEXEME_QUERY}) "
    f"FROM (SELECT id, body || ''::tsvector AS body FROM {INDEX_TABLE} OFFSET 0) e, "
    "unnest(e.body) AS u(lexeme, positions, weights)",
    # Indexes after the bulk insert (faster than maintaining them row by row). The ranking
    # reads (lexeme, entry_id) → rank index-only; the trigger deletes by entry.
    f"CREATE INDEX IF NOT EXISTS {TABLE}_lexeme ON {TABLE} (lexeme, entry_id) INCLUDE (rank)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_entry ON {TABLE} (entry_id)",
    f"ANALYZE {TABLE}",
]

DROP_SQL = [
    f"DROP TRIGGER IF EXISTS {FUNCTION}_write ON {INDEX_TABLE}",
    f"DROP TRIGGER IF EXISTS {FUNCTION}_update ON {INDEX_TABLE}",
    f"DROP TRIGGER IF EXISTS {TRUNCATE_FUNCTION} ON {INDEX_TABLE}",
    f"DROP FUNCTION IF EXISTS {FUNCTION}()",
    f"DROP FUNCTION IF EXISTS {TRUNCATE_FUNCTION}()",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def create(connection):
    """Table, trigger and the rows of every entry already indexed (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in CREATE_SQL + BACKFILL_SQL:
            cursor.execute(sql)


def drop(connection):
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in DROP_SQL:
            cursor.execute(sql)


def vacuum(connection):
    """Mark the freshly written rows all-visible, so that ranking reads the index alone.
    Outside a transaction only (autovacuum does it later otherwise)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {TABLE}")


# tsquery's "=" ignores weight and prefix flags; its text form shows them. No table (the
# code deployed before its migration ran, or the migration reversed): the old ranking.
SINGLE_LEXEME_SQL = (
    "SELECT u.lexeme FROM unnest(to_tsvector({cfg}%s)) AS u(lexeme, positions, weights) "
    "WHERE numnode(to_tsquery({cfg}%s)) = 1 AND to_tsquery({cfg}%s)::text = "
    + _LEXEME_QUERY
    + f"::text AND to_regclass('{TABLE}') IS NOT NULL"
)


def single_lexeme(term_query, term, config):
    """The lexeme of a query that is exactly one lexeme, or None.

    ``term_query`` is the tsquery text of the term (as postgres_ranked_ids writes it).
    Checked by PostgreSQL itself: the query has one operand, and it equals the one-lexeme
    query the table's ranks were computed with (same lexeme, no weight or prefix flags).
    A stop word, a term that splits into several lexemes or a phrase gives None; so does
    a database without the table.
    """
    from django.db import connection  # noqa: PLC0415 - keeps the module importable without Django set up

    cfg = "%s::regconfig, " if config else ""
    sql = SINGLE_LEXEME_SQL.format(cfg=cfg)
    params = [config, term, config, term_query, config, term_query] if config else [term, term_query, term_query]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return rows[0][0] if len(rows) == 1 else None
