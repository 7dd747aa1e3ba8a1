"""Same fixture on every backend: recall, result sets and facet counts, index updates.

The database backend runs on whatever DATABASE_URL selects (SQLite or PostgreSQL); the
``opensearch`` tests run Wagtail's opensearch3 backend against osmem-server over HTTP.
"""

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page

from .corpus import COMPARISON_QUERIES, FINNISH_RECALL_FLOOR, RECALL_PAIRS
from .helpers import facet_counts, get_search, result_titles

pytestmark = pytest.mark.django_db


def measure_recall(client):
    """{language: (found, total, misses)} over RECALL_PAIRS."""
    out = {}
    for language, query, title, _text in RECALL_PAIRS:
        _r, soup = get_search(client, language, q=query)
        found, total, misses = out.get(language, (0, 0, []))
        hit = title in result_titles(soup)
        out[language] = (found + hit, total + 1, misses + ([] if hit else [query]))
    return out


def report_recall(request, backend_name, recall):
    """Attach the figures to the test report; conftest prints them in the terminal summary."""
    for language, (found, total, misses) in sorted(recall.items()):
        line = f"search recall [{backend_name}] {language}: {found}/{total} = {found / total:.0%}" + (
            f" (missed: {', '.join(misses)})" if misses else ""
        )
        request.node.user_properties.append(("search_recall", line))


def snapshot(client):
    """Result titles and facet counts for every comparison query (what a visitor sees)."""
    out = {}
    for query in COMPARISON_QUERIES:
        _r, soup = get_search(client, q=query)
        out[query] = (sorted(result_titles(soup)), facet_counts(soup))
    return out


def test_finnish_recall_on_the_database_backend(client, full_corpus, request, settings):
    from django.db import connection

    recall = measure_recall(client)
    report_recall(request, f"database/{connection.vendor}", recall)
    found, total, _m = recall["fi"]
    assert total >= 20
    assert found / total >= FINNISH_RECALL_FLOOR
    assert recall["sv"][0] >= 3 and recall["en"][0] >= 2


def test_recall_results_and_facets_identical_on_engine_and_database(
    client, search_engine, request, settings, site_structure, search_vocab
):
    settings.SEARCH_PAGE_SIZE = 100  # compare whole result sets, not one page of a ranking
    from .conftest import build_corpus

    engine, backend = search_engine
    build_corpus(site_structure, search_vocab)
    backend.refresh_indexes()
    recall_os = measure_recall(client)
    report_recall(request, f"{engine}/osmem", recall_os)
    found, total, _m = recall_os["fi"]
    assert found / total >= FINNISH_RECALL_FLOOR
    on_opensearch = snapshot(client)
    assert any(titles for titles, _counts in on_opensearch.values())

    with override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "wagtail.search.backends.database"}}):
        recall_db = measure_recall(client)
        on_database = snapshot(client)
    assert recall_os == recall_db
    assert on_opensearch == on_database
    # The evidence and cost facets are part of the comparison, with more than one value counted.
    counted = {key for _titles, counts in on_opensearch.values() for key, number in counts.items() if number}
    assert {code for facet, code in counted if facet == "evidence"} >= {"not_evaluated", "self_assessed"}
    assert {code for facet, code in counted if facet == "cost"} >= {"not_reported", "under_10k", "10k_50k"}


def _titles(client, query, language="fi"):
    _r, soup = get_search(client, language, q=query)
    return result_titles(soup)


def _index_update_flow(client, library, refresh=lambda: None):
    from tests.factories import PracticeModelPageFactory

    page = PracticeModelPageFactory(
        parent=library, title="Muuttuva malli", short_description="Kummitusjuna.", live=False
    )
    refresh()
    assert "Muuttuva malli" not in _titles(client, "kummitusjuna")  # draft
    page.save_revision().publish()
    refresh()
    assert "Muuttuva malli" in _titles(client, "kummitusjuna")
    page.short_description = "Aavelaiva."
    page.save_revision().publish()
    refresh()
    assert "Muuttuva malli" in _titles(client, "aavelaiva")
    assert "Muuttuva malli" not in _titles(client, "kummitusjuna")
    page.refresh_from_db()
    page.unpublish()
    refresh()
    assert "Muuttuva malli" not in _titles(client, "aavelaiva")
    page.save_revision().publish()
    page.refresh_from_db()
    refresh()
    assert "Muuttuva malli" in _titles(client, "aavelaiva")
    Page.objects.get(pk=page.pk).delete()
    refresh()
    assert "Muuttuva malli" not in _titles(client, "aavelaiva")


def test_index_follows_publish_unpublish_delete_on_database(client, site_structure, search_vocab):
    from wagtail.models import Locale

    library = site_structure["library"].get_translation(Locale.objects.get(language_code="fi"))
    _index_update_flow(client, library)


def test_index_follows_publish_unpublish_delete_on_engine(client, search_engine, site_structure, search_vocab):
    library = site_structure["library"]
    _engine, backend = search_engine
    _index_update_flow(client, library, refresh=backend.refresh_indexes)


def test_move_keeps_page_findable_with_new_url(client, corpus, site_structure):
    from editorial.models import OrganisationSectionPage

    page = corpus[("fi", "Satuhetket")]
    from tests.factories import OrganisationFactory

    section = OrganisationSectionPage(
        title="Kirjastot", slug="kirjastot", locale=page.locale, organisation=OrganisationFactory(code="lib")
    )
    site_structure["library"].add_child(instance=section)
    section.save_revision().publish()
    page.move(section, pos="last-child")
    _r, soup = get_search(client, q="lapsi")
    link = [a for a in soup.select(".search-result__title a") if a.get_text() == "Satuhetket"][0]
    # The result link goes through the click counter to the page's current URL.
    assert "/kirjastot/" in client.get(link["href"])["Location"]


def test_first_publish_indexes_many_to_many_text(client, site_structure, search_vocab):
    """Pitfall: M2M rows are saved after indexing; models_library.signals reindexes on publish."""
    from models_library.models import PracticeModelPage

    library = site_structure["library"]
    page = PracticeModelPage(
        title="Vain kohderyhmästä löytyvä",
        slug="kohderyhma",
        locale=library.locale,
        short_description="Ei hakusanaa tekstissä.",
        live=False,
    )
    page.target_groups = [search_vocab["youth"]]  # in memory, like the admin form
    library.add_child(instance=page)
    page.save_revision().publish()
    assert "Vain kohderyhmästä löytyvä" in _titles(client, "nuori")


def test_update_index_rebuilds(client, corpus):
    from wagtail.search.backends import get_search_backend

    get_search_backend().reset_indexes()
    assert "Satuhetket" not in _titles(client, "lapsi")
    call_command("update_index", verbosity=0)
    assert "Satuhetket" in _titles(client, "lapsi")


def test_direct_index_query_finds_what_wagtails_backend_finds(full_corpus):
    """The fast path (one FTS5 query on SQLite, per-column ``@@`` on PostgreSQL) must match
    exactly the pages Wagtail's own database backend matches, in every language."""
    from django.db import connection
    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    from search import service

    backend = get_search_backend()
    assert service._is_sqlite_database_backend(backend) or service._is_postgres_database_backend(backend), (
        connection.vendor
    )
    ct_ids = list(service._type_content_types())
    compared = 0
    for language, query, _title, _text in RECALL_PAIRS + [("fi", q, "", "") for q in COMPARISON_QUERIES]:
        locale = Locale.objects.get(language_code=language)
        groups = service.clean_query(query, language).groups
        candidates = Page.objects.filter(locale=locale, live=True, content_type__in=ct_ids)
        fast = service.ranked_ids([groups], locale)
        stock = backend.search(service.backend_query([groups]), candidates)
        assert len(fast) == len(set(fast)), query
        # Locale and live are applied before the cap, so the sets are equal, not just the
        # part the search page (which re-checks with the ORM) would show.
        assert set(fast) == {page.pk for page in stock}, (language, query)
        compared += bool(fast)
    assert compared >= 20
    # A query with synonym expansions (several alternatives: search.synonyms) too.
    locale = Locale.objects.get(language_code="fi")
    alternatives = [service.clean_query(q, "fi").groups for q in ("perhekeskus", "lapsi satuhetki", "nuoret")]
    candidates = Page.objects.filter(locale=locale, live=True, content_type__in=ct_ids)
    fast = service.ranked_ids(alternatives, locale)
    stock = backend.search(service.backend_query(alternatives), candidates)
    assert len(fast) == len(set(fast)) >= 3
    assert set(fast) == {page.pk for page in stock}
    singles = [set(service.ranked_ids([groups], locale)) for groups in alternatives]
    assert set(fast) == set().union(*singles)
