"""Query budgets: the number of SQL queries per page type does not grow with the corpus.

The same pages are requested with a small and a larger corpus (built with the corpus
generator, which is exercised here too); counts must be equal and within a fixed budget.
Timings are measured by ``make bench``, not here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from models_library.corpus import CorpusBuilder

pytestmark = pytest.mark.django_db

SMALL, LARGE = 3, 30  # LARGE is above one listing page (20), so listings show full pages
BUDGET = 40  # generous ceiling; equality between sizes is the real check


def _urls(builder):
    from events.models import EventIndexPage, EventPage
    from models_library.models import PracticeModelIndexPage, PracticeModelPage

    library = PracticeModelIndexPage.objects.get(locale__language_code="fi")
    calendar = EventIndexPage.objects.get(locale__language_code="fi")
    first_model = PracticeModelPage.objects.get(pk=builder.model_pks["fi"][1])
    first_event = EventPage.objects.get(pk=builder.event_pks["fi"][1])
    region = first_model.regions.first().code
    theme = first_model.themes.first().code
    group = first_model.target_groups.first().code
    with translation.override("fi"):
        search = reverse("search")
    month = timezone.localdate().strftime("%Y-%m")
    return {
        "home": "/fi/",
        "model page": first_model.url,
        "event page": first_event.url,
        "listing": library.url,
        "listing, 1 facet": f"{library.url}?region={region}",
        "listing, 3 facets": f"{library.url}?region={region}&theme={theme}&target_group={group}",
        "calendar": calendar.url,
        "calendar month": f"{calendar.url}?view=month&month={month}",
        "search": f"{search}?q=perhekeskus",
        "search, 3 facets": f"{search}?q=perhekeskus&region={region}&theme={theme}&target_group={group}",
        "API list": "/api/v2/pages/?type=models_library.PracticeModelPage&locale=fi&limit=20",
    }


def _counts(client, urls):
    counts = {}
    for name, url in urls.items():
        client.get(url)  # warm per-process caches (content types, site root paths)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, f"{name}: {url} gave {response.status_code}"
        counts[name] = len(queries)
    return counts


@pytest.fixture
def corpus(site_structure):
    builder = CorpusBuilder(seed=7, languages=["fi"])
    builder.prepare()
    return builder


def test_query_counts_are_flat_as_the_corpus_grows(client, corpus):
    corpus.models(SMALL)
    corpus.events(SMALL)
    corpus.index()
    urls = _urls(corpus)
    small = _counts(client, urls)

    corpus.models(LARGE - SMALL)
    corpus.events(LARGE - SMALL)
    corpus.index()
    large = _counts(client, urls)

    grown = {name: (small[name], large[name]) for name in urls if large[name] != small[name]}
    assert not grown, f"query count grows with the corpus (small, large): {grown}"
    over = {name: n for name, n in large.items() if n > BUDGET}
    assert not over, f"over the budget of {BUDGET} queries: {over}"


@pytest.mark.parametrize("page_type", ["home", "model page", "listing, 3 facets", "calendar", "API list"])
def test_budget_per_page_type(client, corpus, page_type, django_assert_max_num_queries):
    corpus.models(LARGE)
    corpus.events(LARGE)
    corpus.index()
    url = _urls(corpus)[page_type]
    client.get(url)
    with django_assert_max_num_queries(BUDGET):
        assert client.get(url).status_code == 200
