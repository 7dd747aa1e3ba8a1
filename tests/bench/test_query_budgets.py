"""Query budgets: the number of SQL queries per page type does not grow with the corpus.

The same pages are requested with a small and a larger corpus built with the bench's
corpus generator (``bench/corpus``): practice models 3 → 30 (above one listing page) and
events 10 → 300, each event with the occurrences its rule gives (repeating series,
multi-day events, cancellations: a calendar of several hundred dates). Counts must be
equal and within a fixed budget; the calendar pages must really show more at the larger
size, so a flat count is not the flat count of an empty calendar. Timings are measured by
``make bench``, not here.
"""

from collections import Counter

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from bench.corpus.builder import CorpusBuilder
from demo.site import ensure_site_structure
from events.models import EventIndexPage, EventOccurrence, EventPage
from models_library.models import PracticeModelIndexPage, PracticeModelPage
from models_library.vocabulary_data import load_vocabularies

pytestmark = pytest.mark.django_db

SMALL, LARGE = 3, 30  # practice models; LARGE is above one listing page (20)
SMALL_EVENTS, LARGE_EVENTS = 10, 300
BUDGET = 45  # generous ceiling (the model page, ~41, is the largest: contacts, reported adoptions, development path, projects, trainings); equality between sizes is the real check
CALENDAR_FILTER = "attendance=online"
# What each calendar page shows per date: a card, a cell entry or a VEVENT.
SHOWN = {
    "calendar": b'class="card card--event',
    "calendar, filtered": b'class="card card--event',
    "calendar past": b'class="card card--event',
    "calendar month": b'class="month-grid__event',
    "calendar month, filtered": b'class="month-grid__event',
    ".ics feed": b"BEGIN:VEVENT",
    ".ics feed, filtered": b"BEGIN:VEVENT",
    "home": b'class="card card--event',
}


def _busiest_month():
    """The month (Finnish time) with the most Finnish event dates so far."""
    months = Counter(
        timezone.localtime(occurrence.start).strftime("%Y-%m")
        for occurrence in EventOccurrence.objects.filter(event__locale__language_code="fi")
    )
    assert months, "no event dates: the calendar is empty"
    return months.most_common(1)[0][0]


def _urls(builder, month):
    library = PracticeModelIndexPage.objects.get(locale__language_code="fi")
    calendar = EventIndexPage.objects.get(locale__language_code="fi")
    first_model = PracticeModelPage.objects.get(pk=builder.model_pks["fi"][1])
    first_event = EventPage.objects.get(pk=builder.event_pks["fi"][1])
    series = (
        EventPage.objects.filter(pk__in=builder.event_pks["fi"].values())
        .exclude(recurrence_frequency="")
        .order_by("pk")
        .first()
    )
    region = first_model.regions.first().code
    theme = first_model.themes.first().code
    group = first_model.target_groups.first().code
    with translation.override("fi"):
        search = reverse("search")
    month_url = f"{calendar.url}{calendar.reverse_subpage('month')}?month={month}"
    ics = reverse("events_feeds:calendar_ical", kwargs={"index_id": calendar.pk})
    return {
        "home": "/fi/",
        "model page": first_model.url,
        "event page": first_event.url,
        "event page, series": series.url,
        "listing": library.url,
        "listing, 1 facet": f"{library.url}?region={region}",
        "listing, 3 facets": f"{library.url}?region={region}&theme={theme}&target_group={group}",
        "calendar": calendar.url,
        "calendar, filtered": f"{calendar.url}?{CALENDAR_FILTER}",
        "calendar past": f"{calendar.url}{calendar.reverse_subpage('past')}",
        "calendar month": month_url,
        "calendar month, filtered": f"{month_url}&{CALENDAR_FILTER}",
        ".ics feed": ics,
        ".ics feed, filtered": f"{ics}?{CALENDAR_FILTER}",
        "search": f"{search}?q=perhekeskus",
        "search, 3 facets": f"{search}?q=perhekeskus&region={region}&theme={theme}&target_group={group}",
        "API list": "/api/v2/pages/?type=models_library.PracticeModelPage&locale=fi&limit=20",
    }


def _measure(client, urls):
    """{name: query count} and {name: dates shown} of each page."""
    counts, shown = {}, {}
    for name, url in urls.items():
        client.get(url)  # warm per-process caches (content types, site root paths)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, f"{name}: {url} gave {response.status_code}"
        counts[name] = len(queries)
        if name in SHOWN:
            shown[name] = response.content.count(SHOWN[name])
    return counts, shown


def _grow(builder, models, events):
    builder.models(models)
    builder.events(events)
    builder.index()


def test_query_counts_are_flat_as_the_corpus_and_its_calendar_grow(client, site_structure):
    builder = CorpusBuilder(seed=7, languages=["fi"])
    builder.prepare()
    _grow(builder, SMALL, SMALL_EVENTS)
    urls = _urls(builder, _busiest_month())
    small, shown_small = _measure(client, urls)

    _grow(builder, LARGE - SMALL, LARGE_EVENTS - SMALL_EVENTS)
    assert EventOccurrence.objects.filter(event__locale__language_code="fi").count() > LARGE_EVENTS
    large, shown_large = _measure(client, urls)

    # The calendar was not empty, and the larger one shows more dates.
    assert all(shown_small[name] > 0 for name in SHOWN), shown_small
    fuller = [name for name in SHOWN if name != "home"]
    assert all(shown_large[name] > shown_small[name] for name in fuller), (shown_small, shown_large)

    grown = {name: (small[name], large[name]) for name in urls if large[name] != small[name]}
    assert not grown, f"query count grows with the corpus (small, large): {grown}"
    over = {name: n for name, n in large.items() if n > BUDGET}
    assert not over, f"over the budget of {BUDGET} queries: {over}"


@pytest.fixture(scope="class")
def large_corpus(django_db_setup, django_db_blocker):
    """One large corpus for the per-page budgets below, rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_vocabularies()
        ensure_site_structure()
        builder = CorpusBuilder(seed=7, languages=["fi"])
        builder.prepare()
        _grow(builder, LARGE, LARGE_EVENTS)
        yield builder, _busiest_month()
        transaction.set_rollback(True)


class TestBudgetPerPageType:
    @pytest.mark.parametrize(
        "page_type",
        [
            "home",
            "model page",
            "event page, series",
            "listing, 3 facets",
            "calendar",
            "calendar month",
            "calendar month, filtered",
            ".ics feed",
            "API list",
        ],
    )
    def test_within_budget(self, client, large_corpus, page_type, django_assert_max_num_queries):
        url = _urls(*large_corpus)[page_type]
        client.get(url)
        with django_assert_max_num_queries(BUDGET):
            assert client.get(url).status_code == 200
