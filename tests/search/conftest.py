"""Search fixtures: a small trilingual corpus and a real OpenSearch-compatible server."""

import datetime

import pytest
from django.test import override_settings
from wagtail.models import Locale, PageViewRestriction

from models_library.models import DevelopmentStage, EvidenceLevel
from portal.settings.base import search_engine_backend
from tests.factories import (
    ArticlePageFactory,
    EventPageFactory,
    PracticeModelPageFactory,
    RegionFactory,
    TargetGroupFactory,
    ThemeFactory,
)

from .corpus import RECALL_PAIRS


def _section(page, language):
    locale = Locale.objects.get(language_code=language)
    return page.get_translation(locale)


@pytest.fixture
def search_vocab(db):
    return {
        "youth": TargetGroupFactory(code="youth", name_fi="Nuoret", name_sv="Unga", name_en="Young people"),
        "families": TargetGroupFactory(
            code="families", name_fi="Lapsiperheet", name_sv="Barnfamiljer", name_en="Families"
        ),
        "lapland": RegionFactory(code="lapland", name_fi="Lappi", name_sv="Lappland", name_en="Lapland"),
        "uusimaa": RegionFactory(code="uusimaa", name_fi="Uusimaa", name_sv="Nyland", name_en="Uusimaa"),
        "inclusion": ThemeFactory(code="inclusion", name_fi="Osallisuus", name_sv="Delaktighet", name_en="Inclusion"),
    }


SMALL_CORPUS_TITLES = {
    "Satuhetket",
    "Leikkipuisto",
    "Etsivä työ",
    "Kotiapu",
    "Perhekeskus",
    "Sagostund",
    "Nuorisotyö",
    "Työ ja toimeentulo",
}


def build_corpus(site_structure, vocab, titles=None, extras=True):
    """Recall documents (models), plus events, news, a draft and a private model.

    ``titles`` limits the recall documents (page saves are slow: keep most tests small).
    """
    library, calendar, news = site_structure["library"], site_structure["events"], site_structure["news"]
    pages = {}
    stages = [DevelopmentStage.READY, DevelopmentStage.IN_DEVELOPMENT, DevelopmentStage.ESTABLISHED]
    for i, (language, _query, title, text) in enumerate(RECALL_PAIRS):
        if titles is not None and title not in titles:
            continue
        parent = _section(library, language)
        page = PracticeModelPageFactory(
            parent=parent,
            title=title,
            locale=parent.locale,
            short_description=text,
            basic_idea="<p>Tuki ja yhteistyö.</p>",
            development_stage=stages[i % 3],
            # Every evidence level and cost band occurs, so the backends are compared on them too.
            evidence_level=EvidenceLevel.values[i % 4],
            yearly_cost_max=(i % 5) * 6000 if i % 5 else None,
        )
        page.target_groups.set([vocab["youth"] if i % 2 else vocab["families"]])
        page.regions.set([vocab["lapland"] if i % 3 else vocab["uusimaa"]])
        if i % 4 == 0:
            page.themes.set([vocab["inclusion"]])
        page.save_revision().publish()
        pages[(language, title)] = page
    if not extras:
        return pages
    fi_calendar = _section(calendar, "fi")
    pages["event"] = EventPageFactory(
        parent=fi_calendar, title="Perhekeskuspäivä", summary="Tietoa perheiden palveluista ja lasten harrastuksista."
    )
    pages["event_sv"] = EventPageFactory(
        parent=_section(calendar, "sv"),
        title="Familjedag",
        locale=Locale.objects.get(language_code="sv"),
        summary="Information om tjänster för barnens familjer.",
    )
    pages["news"] = ArticlePageFactory(
        parent=_section(news, "fi"),
        title="Lasten oikeuksien viikko",
        intro="Uutinen lapsista ja perheistä.",
        date=datetime.date(2026, 1, 5),
    )
    draft = PracticeModelPageFactory(
        parent=_section(library, "fi"),
        title="Luonnos lasten kerhosta",
        short_description="Salainen luonnos lapsille.",
        live=False,
    )
    pages["draft"] = draft
    private = PracticeModelPageFactory(
        parent=_section(library, "fi"),
        title="Yksityinen lasten malli",
        short_description="Vain kirjautuneille: lapset.",
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    pages["private"] = private
    return pages


@pytest.fixture
def corpus(site_structure, search_vocab):
    return build_corpus(site_structure, search_vocab, SMALL_CORPUS_TITLES)


@pytest.fixture
def full_corpus(site_structure, search_vocab):
    return build_corpus(site_structure, search_vocab)


# -- OpenSearch-compatible server ------------------------------------------------------
@pytest.fixture(scope="session")
def opensearch_server():
    """osmem-server (PyPI) on a free loopback port for the whole session."""
    from osmem_server import OsmemServer

    server = OsmemServer.start(freeze=False, japanese=False, addr="127.0.0.1:0")
    yield server
    server.close()


@pytest.fixture
def opensearch_url(opensearch_server):
    clone = opensearch_server.clone()  # a fresh, empty cluster per test
    yield clone.url
    clone.close()


def opensearch_backends(url, engine="opensearch"):
    """The production entry for ``SEARCH_BACKEND=opensearch`` (or ``elasticsearch``), at ``url``."""
    return {
        "default": search_engine_backend(engine, url, "test_"),
        # The database backend keeps being updated too, so one fixture serves both.
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }


def _engine_backend(url, engine):
    """Wagtail configured with ``engine``'s production backend (plus the database one).

    ``update_index --schema-only`` creates the indexes with Wagtail's mappings first;
    otherwise the first document would auto-create an index without them.
    """
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    with override_settings(WAGTAILSEARCH_BACKENDS=opensearch_backends(url, engine)):
        call_command("update_index", backend_name="default", schema_only=True, verbosity=0)
        yield get_search_backend()


@pytest.fixture
def opensearch(db, opensearch_url):
    """The opensearch3 backend against osmem-server for one test."""
    yield from _engine_backend(opensearch_url, "opensearch")


# The same tests on both engines: opensearch-py with the opensearch3 backend, and the
# elasticsearch 8 client with the elasticsearch8 backend (osmem-server answers both: it
# sends the ``X-Elastic-Product`` header the Elasticsearch client checks, and accepts its
# ``compatible-with=8`` media types, so no header change in settings is needed).
@pytest.fixture(
    params=[
        pytest.param("opensearch", marks=pytest.mark.opensearch),
        pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
    ]
)
def search_engine(request, db, opensearch_url):
    """(engine name, Wagtail backend) for each external engine in turn."""
    for backend in _engine_backend(opensearch_url, request.param):
        yield request.param, backend


def pytest_terminal_summary(terminalreporter):
    """Print the recall figures measured by tests/search/test_backends.py (works with xdist)."""
    lines = [
        value
        for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
        if report.when == "call"
        for key, value in report.user_properties
        if key == "search_recall"
    ]
    if lines:
        terminalreporter.section("search recall")
        for line in lines:
            terminalreporter.write_line(line)
