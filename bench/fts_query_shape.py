"""Throwaway profile of the SQLite search query shape (not collected by pytest).

Run: .venv/bin/python bench/fts_query_shape.py  (see docs/search.md)
"""

import random
import sqlite3
import time

random.seed(1)
db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE page (id INTEGER PRIMARY KEY, locale_id INT, live INT)")
db.execute("CREATE TABLE ie (id INTEGER PRIMARY KEY, content_type_id INT, object_id TEXT, title TEXT, body TEXT)")
db.execute("CREATE INDEX ie_ct ON ie(content_type_id)")
db.execute("CREATE VIRTUAL TABLE fts USING fts5(autocomplete, body, title)")
words = "lapsi perhe tuki nuori palvelu kunta koulu hoito ohjaus alue työ terveys".split() + [
    f"w{i}" for i in range(3000)
]
N = 10000
for i in range(1, N + 1):
    body = " ".join(random.choice(words) for _ in range(300)) + " tuki"
    db.execute("INSERT INTO page VALUES (?,?,1)", (i, 1 + i % 3))
    db.execute("INSERT INTO ie VALUES (?,?,?,?,?)", (i, 45, str(i), "t", body))
    db.execute("INSERT INTO fts(rowid, autocomplete, body, title) VALUES (?,?,?,?)", (i, "t", body, "t"))
db.commit()


def t(sql, args, n=3):
    best = 1e9
    for _ in range(n):
        s = time.perf_counter()
        rows = db.execute(sql, args).fetchall()
        best = min(best, time.perf_counter() - s)
    return best * 1000, len(rows)


# Wagtail's shape: pk IN (match ids), score = correlated subquery re-running MATCH per row, order by score, first page
wagtail = (
    "SELECT p.id, (SELECT bm25(fts) FROM fts JOIN ie ON ie.id = fts.rowid WHERE fts MATCH ? AND ie.content_type_id IN (45) AND ie.object_id = CAST(p.id AS TEXT) LIMIT 1) AS score "
    "FROM page p WHERE p.locale_id = 1 AND p.live = 1 AND CAST(p.id AS TEXT) IN (SELECT ie.object_id FROM fts JOIN ie ON ie.id = fts.rowid WHERE fts MATCH ? AND ie.content_type_id IN (45)) ORDER BY score LIMIT 20"
)
ours = "SELECT ie.object_id FROM fts JOIN ie ON ie.id = fts.rowid WHERE fts MATCH ? AND ie.content_type_id IN (45) ORDER BY bm25(fts, 0.0, 1.0, 2.0) LIMIT 1000"
print("N=%d common word 'tuki' (in every doc)" % N)
print(
    "wagtail-shaped query (first 20): %.0f ms, %d rows" % t(wagtail, ("{title body} : tuki", "{title body} : tuki"), 1)
)
print("one FTS query, bm25, LIMIT 1000: %.0f ms, %d rows" % t(ours, ("{title body} : tuki",)))
print(
    "  + ORM filter of 1000 ids: %.1f ms"
    % t("SELECT id FROM page WHERE locale_id=1 AND live=1 AND id IN (%s)" % ",".join(map(str, range(1, 1001))), ())[0]
)
