"""The calendar with many dates: a bounded month grid, bounded feeds that answer a poll with
a 304, and facet counts from the membership memo equal to the SQL ones.

(Query counts that stay flat from 10 to 300 events with their occurrences, and a generated
corpus whose calendar is not empty: tests/bench/test_query_budgets.py, test_corpus.py.)
"""

import datetime
import email.utils

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core import facets as facet_engine
from core.pagecache import page_cache
from events import views
from events.calendar import MAX_PER_DAY
from events.recurrence import local_zone
from tests.factories import publish_event

pytestmark = pytest.mark.django_db
DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def ics_url(calendar, query=""):
    url = reverse("events_feeds:calendar_ical", kwargs={"index_id": calendar.pk})
    return f"{url}?{query}" if query else url


def summaries(response):
    assert response.status_code == 200
    return [str(v["SUMMARY"]) for v in Calendar.from_ical(response.content).walk("VEVENT")]


def at(days, hour=10):
    """Finnish time, ``days`` from today at ``hour``."""
    today = timezone.localtime(timezone.now(), local_zone()).date()
    return datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour), tzinfo=local_zone())


def test_a_busy_day_shows_a_few_events_and_links_to_the_rest(client, calendar):
    day = at(40, 8)
    titles = [f"Päivän tapahtuma {n}" for n in range(MAX_PER_DAY + 2)]
    for n, title in enumerate(titles):
        start = day + datetime.timedelta(hours=n)
        publish_event(calendar, title=title, start=start, end=start + datetime.timedelta(minutes=45))
    page = soup(client.get(f"{calendar.url}{calendar.reverse_subpage('month')}?month={day:%Y-%m}"))
    cell = page.find("time", attrs={"datetime": f"{day:%Y-%m-%d}"}).find_parent("td")
    assert [a.get_text() for a in cell.select(".month-grid__event a")] == titles[:MAX_PER_DAY]
    more = cell.select_one(".month-grid__more a")
    assert more.get_text(" ", strip=True).startswith("2 ")
    day_list = soup(client.get(more["href"]))
    assert [a.get_text() for a in day_list.select(".occurrence-list .card__title a")] == titles


def test_the_ics_feed_keeps_a_window_of_dates_and_a_maximum_count(client, calendar, monkeypatch):
    publish_event(calendar, title="Kauan sitten", start=at(-40), end=at(-40, 12))
    publish_event(calendar, title="Äskettäin", start=at(-10), end=at(-10, 12))
    publish_event(calendar, title="Ensi vuoden jälkeen", start=at(400), end=at(400, 12))
    for n in range(3):
        publish_event(calendar, title=f"Tulossa {n}", start=at(n + 1), end=at(n + 1, 12))
    assert summaries(client.get(ics_url(calendar))) == ["Äskettäin", "Tulossa 0", "Tulossa 1", "Tulossa 2"]
    monkeypatch.setattr(views, "FEED_MAX_EVENTS", 2)
    page_cache().clear()  # the same feed was kept under its ETag; the changed constant makes another
    assert summaries(client.get(ics_url(calendar))) == ["Äskettäin", "Tulossa 0"]


# Queries of a 304: the .ics feed has its own URL (none, or one when the cache does not know
# when the generation started); RSS and Atom are routes of the calendar page, so Wagtail
# first finds the site and the page (a handful of queries, whatever the number of events).
POLL_QUERIES = {"ics": 2, "rss": 8, "atom": 8}


@pytest.mark.parametrize("feed", ["ics", "rss", "atom"])
def test_a_poll_with_a_matching_etag_gets_a_304_for_almost_nothing(
    client, calendar, feed, django_assert_max_num_queries
):
    publish_event(calendar, title="Verkostotapaaminen", start=at(3), end=at(3, 12))
    url = ics_url(calendar) if feed == "ics" else f"{calendar.url}{calendar.reverse_subpage(feed)}"
    first = client.get(url)
    assert first.status_code == 200 and first.has_header("ETag") and first.has_header("Last-Modified")
    with django_assert_max_num_queries(POLL_QUERIES[feed]):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    # Another filter is another feed; a publish changes every feed.
    assert client.get(f"{url}?attendance=online", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    publish_event(calendar, title="Uusi tapahtuma", start=at(4), end=at(4, 12))
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "Uusi tapahtuma" in changed.content.decode()


def test_a_poll_without_validators_gets_the_feed_built_before(client, calendar, django_assert_max_num_queries):
    """Calendar apps that ignore ETags still cost almost nothing: the body is kept under its
    ETag in the shared cache (production's FEED_CACHE_SECONDS) until the next publish."""
    publish_event(calendar, title="Verkostotapaaminen", start=at(3), end=at(3, 12))
    first = client.get(ics_url(calendar))
    with django_assert_max_num_queries(POLL_QUERIES["ics"]):
        again = client.get(ics_url(calendar))
    assert again.status_code == 200 and again.content == first.content
    for header in ("Content-Type", "Content-Disposition", "ETag"):
        assert again[header] == first[header]
    assert summaries(client.get(ics_url(calendar, "attendance=online"))) == []  # another feed
    publish_event(calendar, title="Uusi tapahtuma", start=at(4), end=at(4, 12))
    assert summaries(client.get(ics_url(calendar))) == ["Verkostotapaaminen", "Uusi tapahtuma"]


def test_a_poll_with_if_modified_since_gets_a_304(client, calendar, django_assert_max_num_queries):
    publish_event(calendar, title="Verkostotapaaminen", start=at(3), end=at(3, 12))
    first = client.get(ics_url(calendar))
    with django_assert_max_num_queries(2):
        again = client.get(ics_url(calendar), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    stamp = email.utils.parsedate_to_datetime(first["Last-Modified"]) - datetime.timedelta(days=2)
    older = client.get(ics_url(calendar), HTTP_IF_MODIFIED_SINCE=email.utils.format_datetime(stamp, usegmt=True))
    assert older.status_code == 200


@override_settings(CACHES=DUMMY_CACHE)
def test_with_the_cache_down_the_feed_still_answers_if_modified_since(client, calendar):
    publish_event(calendar, title="Verkostotapaaminen", start=at(3), end=at(3, 12))
    first = client.get(ics_url(calendar))
    assert summaries(first) == ["Verkostotapaaminen"] and not first.has_header("ETag")
    assert client.get(ics_url(calendar), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


@pytest.fixture
def varied_calendar(calendar):
    facet_engine.clear_membership_memo()
    for n, (attendance, event_type, days) in enumerate(
        [
            ("in_person", "workshop", 2),
            ("online", "training", 5),
            ("hybrid", "webinar", 9),
            ("online", "workshop", -20),
            ("in_person", "training", 45),
        ]
    ):
        publish_event(
            calendar,
            title=f"Tapahtuma {n}",
            attendance=attendance,
            event_type=event_type,
            join_url="https://meet.example.fi/x" if attendance != "in_person" else "",
            join_url_visibility="public",
            start=at(days),
            end=at(days, 12),
        )
    yield calendar
    facet_engine.clear_membership_memo()


def panel(client, url):
    page = soup(client.get(url))
    shown = [a.get_text() for a in page.select(".occurrence-list .card__title a, .month-grid__event a")]
    boxes = {
        (box["name"], box["value"]): page.find("label", attrs={"for": box["id"]}).get_text(" ", strip=True)
        for box in page.select(".facet-panel input[type=checkbox]")
    }
    return shown, boxes


@pytest.mark.parametrize(
    "view, query",
    [("upcoming", ""), ("upcoming", "attendance=online"), ("past", ""), ("month", "type=workshop")],
)
def test_memo_counts_equal_sql_counts_and_one_entry_serves_every_request(client, varied_calendar, view, query):
    month = at(5).strftime("%Y-%m")
    base = varied_calendar.url + ("" if view == "upcoming" else varied_calendar.reverse_subpage(view))
    url = f"{base}?{query}&month={month}" if view == "month" else f"{base}?{query}"
    with override_settings(FACET_CACHE_SECONDS=0):
        expected = panel(client, url)
    assert expected[0], "nothing listed"
    with override_settings(FACET_CACHE_SECONDS=300):
        panel(client, varied_calendar.url)  # another view and window first
        assert panel(client, url) == expected
        entries = len(facet_engine._memo)
        panel(client, url)
        assert len(facet_engine._memo) == entries == 1  # the window is not part of the key


@override_settings(PAGE_CACHE_SECONDS=300)
def test_a_poll_answered_from_the_page_cache_still_gets_its_304(client, calendar):
    publish_event(calendar, title="Verkostotapaaminen", start=at(3), end=at(3, 12))
    first = client.get(ics_url(calendar, "type=workshop"))
    assert first.status_code == 200
    again = client.get(ics_url(calendar, "type=workshop"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["X-Page-Cache"] == "hit"
