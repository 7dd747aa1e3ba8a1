"""Recall and precision of the query set (tests/search/query_set.py) on every backend.

The floors are the "after" figures of docs/search.md ("Compound parts"): a change that
loses recall or precision on any backend fails here. The measured figures are printed in
the terminal summary ("search recall" section).
"""

import pytest
from django.utils.html import escape

from .helpers import get_search, result_titles
from .query_set import QUERIES, gold, passages

pytestmark = pytest.mark.django_db

# Micro-averaged over all queries (docs/search.md has the table, before and after).
RECALL_FLOOR = 0.88
PRECISION_FLOOR = 0.92
# Compound-part queries alone (the part of the set this work was about).
PART_RECALL_FLOOR = 0.87


def build_passages(site_structure):
    from wagtail.models import Locale

    from tests.factories import PracticeModelPageFactory

    library = site_structure["library"].get_translation(Locale.objects.get(language_code="fi"))
    items = passages()
    for title, text in items:
        page = PracticeModelPageFactory(
            parent=library, title=title, short_description=title, basic_idea=f"<p>{escape(text)}</p>"
        )
        page.save_revision().publish()
    return items


def measure(client):
    """{kind: [found∩gold, found, gold]} plus "all", and the misses per query."""
    expected = gold(passages())
    totals, misses = {}, {}
    for kind, query, _patterns in QUERIES:
        _r, soup = get_search(client, q=query)
        found = {t for t in result_titles(soup) if t.startswith("P")}
        want = expected[query]
        for key in (kind, "all"):
            row = totals.setdefault(key, [0, 0, 0])
            row[0] += len(found & want)
            row[1] += len(found)
            row[2] += len(want)
        if found != want:
            misses[query] = (sorted(want - found), sorted(found - want))
    return totals, misses


def figures(totals, key):
    hit, found, want = totals[key]
    return hit / want if want else 1.0, hit / found if found else 1.0


def report(request, backend, totals, misses=None):
    if misses and __import__("os").environ.get("QUERY_SET_MISSES"):
        for query, (missed, extra) in misses.items():
            print(f"{backend} {query!r}: missed {missed} extra {extra}")
    cells = []
    for key in ("infl", "noum", "part", "multi", "all"):
        recall, precision = figures(totals, key)
        cells.append(f"{key} R {recall:.0%} P {precision:.0%}")
    request.node.user_properties.append(("search_recall", f"query set [{backend}]: " + "; ".join(cells)))


def check(totals):
    recall, precision = figures(totals, "all")
    assert recall >= RECALL_FLOOR, totals
    assert precision >= PRECISION_FLOOR, totals
    assert figures(totals, "part")[0] >= PART_RECALL_FLOOR, totals


def test_query_set_has_the_promised_shape():
    kinds = [kind for kind, _q, _p in QUERIES]
    assert len(QUERIES) >= 60
    assert {kind: kinds.count(kind) >= 10 for kind in set(kinds)} == dict.fromkeys(
        ("infl", "noum", "part", "multi"), True
    )
    assert all(gold(passages()).values()), "every query has at least one relevant passage"


def test_query_set_on_the_database_backend(client, site_structure, request, settings):
    from django.db import connection

    settings.SEARCH_PAGE_SIZE = 200
    build_passages(site_structure)
    totals, misses = measure(client)
    report(request, f"database/{connection.vendor}", totals, misses)
    check(totals)


def test_query_set_on_engine(client, search_engine, site_structure, request, settings):
    settings.SEARCH_PAGE_SIZE = 200
    engine, backend = search_engine
    build_passages(site_structure)
    backend.refresh_indexes()
    totals, misses = measure(client)
    report(request, f"{engine}/osmem", totals, misses)
    check(totals)
