"""The search engine down or hanging: searches say so (503), the rest of the site works,
and no index update is lost.

The engine is the production configuration for ``SEARCH_BACKEND=opensearch``
(``portal.settings.base.search_engine_backend``) pointed at a port where nothing listens,
at a server that accepts and never answers, or at the osmem-server test cluster.
"""

import json
import time

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page
from wagtail.search import index

from core import breaker
from search.models import PendingIndexUpdate
from tests.fault_servers import SilentServer, dead_url

from .conftest import opensearch_backends
from .helpers import result_titles, search_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _close_breakers():
    yield
    breaker.reset_all()


@pytest.fixture
def engine_down(settings):
    settings.WAGTAILSEARCH_BACKENDS = opensearch_backends(dead_url("http"))


def _fi(text):
    with translation.override("fi"):
        return translation.gettext(text)


def test_site_search_says_unavailable_in_the_normal_layout(client, corpus, site_structure, engine_down):
    response = client.get(search_url("fi"), {"q": "lapsi"})
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "fi"
    assert soup.h1.get_text(strip=True) == _fi("Search is temporarily unavailable")
    assert _fi("Search is temporarily unavailable") != "Search is temporarily unavailable"  # translated
    assert soup.find("a", class_="skip-link") and soup.find("footer")  # the site's layout
    assert soup.select_one("main form[role=search] input[name=q]")["value"] == "lapsi"
    links = {a["href"] for a in soup.select(".search-browse a")}
    library, calendar = site_structure["library"], site_structure["events"]
    assert links == {library.get_url(), calendar.get_url()}  # listings that do not need the engine
    for page in (library, calendar, corpus[("fi", "Satuhetket")]):
        assert client.get(page.get_url()).status_code == 200
    assert client.get(search_url("fi")).status_code == 200  # the empty search page needs no engine


def test_api_search_answers_503_json(client, corpus, engine_down):
    response = client.get("/api/v2/pages/", {"search": "lapsi"})
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert int(response["Retry-After"]) > 0
    assert response.json()["message"]
    assert client.get("/api/v2/pages/").status_code == 200  # listing without search still works


def test_admin_search_shows_a_clear_message(admin_client, corpus, engine_down):
    response = admin_client.get("/admin/pages/search/", {"q": "lapsi"})
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    soup = BeautifulSoup(response.content, "html.parser")
    assert _fi("Search is temporarily unavailable. Please try again in a moment.") in soup.get_text()
    assert admin_client.get("/admin/pages/").status_code == 200


def test_health_says_the_search_engine_is_unavailable(client, corpus, engine_down):
    response = client.get("/health/")
    assert response.status_code == 200  # serving, degraded: a load balancer keeps the node
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "ok",
        "search": "unavailable",
        "search_queue": 0,
    }


def test_a_hanging_engine_holds_a_search_one_timeout_then_none(client, corpus, settings, site_structure):
    silent = SilentServer()
    try:
        settings.WAGTAILSEARCH_BACKENDS = opensearch_backends(silent.url())
        timeout = settings.WAGTAILSEARCH_BACKENDS["default"]["TIMEOUT"]
        assert timeout <= 5  # production default, not the client's 10 s (or the audit's 18 s)
        durations = []
        for _ in range(5):
            started = time.monotonic()
            assert client.get(search_url("fi"), {"q": "lapsi"}).status_code == 503
            durations.append(time.monotonic() - started)
        assert durations[0] < timeout + 2
        assert max(durations[1:]) < 1  # the breaker answers without waiting
        started = time.monotonic()
        assert client.get(site_structure["library"].get_url()).status_code == 200
        assert time.monotonic() - started < 2
    finally:
        silent.close()


# -- nothing lost -----------------------------------------------------------------------
def _index_documents(backend):
    """{document id: source} of every page in the engine's page index."""
    index = backend.get_index_for_model(Page)
    backend.es.indices.refresh(index=index.name)
    found = backend.es.search(index=index.name, body={"query": {"match_all": {}}, "size": 10000})
    return {hit["_id"]: hit.get("_source") for hit in found["hits"]["hits"]}


def _expected_documents(backend):
    """What the index must hold: every page Wagtail indexes, as the database has it now
    (serialised as the client sends it: dates and UUIDs as strings)."""
    serializer = backend.es.transport.serializer
    out = {}
    for model in index.get_indexed_models():
        if issubclass(model, Page):  # each page type indexes the pages of exactly that type
            mapping = backend.mapping_class(model)
            for page in model.get_indexed_objects():
                out[mapping.get_document_id(page)] = json.loads(serializer.dumps(mapping.get_document(page)))
    return out


def _titles(client, query):
    response = client.get(search_url("fi"), {"q": query})
    assert response.status_code == 200
    return result_titles(BeautifulSoup(response.content, "html.parser"))


@pytest.mark.opensearch
def test_no_index_update_is_lost_while_the_engine_is_down(
    client, opensearch, opensearch_url, site_structure, search_vocab
):
    from models_library.models import PracticeModelPage
    from tests.factories import PracticeModelPageFactory

    from .conftest import build_corpus

    pages = build_corpus(
        site_structure, search_vocab, {"Satuhetket", "Leikkipuisto", "Etsivä työ", "Kotiapu"}, extras=False
    )
    changed, deleted, unpublished = (pages[("fi", t)] for t in ("Satuhetket", "Leikkipuisto", "Etsivä työ"))
    library = site_structure["library"]
    call_command("update_index", backend_name="default", verbosity=0)  # the tree root predates the index
    assert _index_documents(opensearch) == _expected_documents(opensearch)

    with override_settings(WAGTAILSEARCH_BACKENDS=opensearch_backends(dead_url("http"))):
        changed.short_description = "Kummitusjuna kulkee."
        changed.save_revision().publish()
        deleted_id = deleted.pk
        Page.objects.get(pk=deleted_id).delete()
        unpublished.refresh_from_db()
        unpublished.unpublish()
        # A first publish whose only searchable word comes from a many-to-many vocabulary:
        # indexed by the publish signal's reindex (models_library/signals.py), queued too.
        new = PracticeModelPage(
            title="Vain kohderyhmästä löytyvä",
            slug="kohderyhma",
            locale=library.locale,
            short_description="Ei hakusanaa tekstissä.",
            live=False,
        )
        new.target_groups = [search_vocab["youth"]]
        library.add_child(instance=new)
        new.save_revision().publish()
        draft = PracticeModelPageFactory(parent=library, title="Luonnos kesken", live=False)

        assert client.get(search_url("fi"), {"q": "kummitusjuna"}).status_code == 503
        queued = set(PendingIndexUpdate.objects.values_list("object_id", flat=True))
        assert {str(p.pk) for p in (changed, unpublished, new, draft)} | {str(deleted_id)} <= queued
        with pytest.raises(CommandError):  # still down: nothing applied, nothing dropped
            call_command("catch_up_search_index", verbosity=0)
        assert set(PendingIndexUpdate.objects.values_list("object_id", flat=True)) == queued

    breaker.reset_all()
    assert _index_documents(opensearch) != _expected_documents(opensearch)  # the engine missed them
    call_command("catch_up_search_index", verbosity=0)
    assert not PendingIndexUpdate.objects.exists()
    assert _index_documents(opensearch) == _expected_documents(opensearch)
    assert "Satuhetket" in _titles(client, "kummitusjuna")
    assert "Leikkipuisto" not in _titles(client, "leikkipuisto")
    assert "Etsivä työ" not in _titles(client, "etsivä")
    assert "Vain kohderyhmästä löytyvä" in _titles(client, "nuori")


def test_catch_up_with_an_empty_queue_succeeds(opensearch):
    call_command("catch_up_search_index", verbosity=0)
