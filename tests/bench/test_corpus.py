"""The corpus generator (bench/corpus) builds a valid, translated, searchable site whose
calendar is full: what a visitor sees in the calendar list, the month view, the .ics feed,
the home page and on event pages are the generated events, on the dates of their rules."""

import datetime
import io
import re
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from bench.corpus.__main__ import main as corpus_main
from bench.corpus.builder import generate_corpus
from bench.corpus.text import NEEDS
from demo.site import ensure_site_structure
from events.models import EventIndexPage, EventOccurrence, EventPage, Registration
from events.views import FEED_FUTURE_DAYS, FEED_PAST_DAYS
from home.models import HomePage
from models_library.models import Adoption, PracticeModelPage
from models_library.vocabulary_data import load_vocabularies

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")
ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_APPS = ("home", "models_library", "events", "search", "editorial", "portal")


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def fi_calendar():
    return EventIndexPage.objects.get(locale__language_code="fi")


def fi_occurrences():
    return EventOccurrence.objects.filter(event__locale__language_code="fi", event__live=True)


def local(value):
    return value.astimezone(HELSINKI)


# -- an expansion of the rules written for the test, independent of events/recurrence.py ---------
def _nth_date(first, frequency, steps):
    if frequency == "DAILY":
        return first + datetime.timedelta(days=steps)
    if frequency == "WEEKLY":
        return first + datetime.timedelta(weeks=steps)
    if frequency == "MONTHLY":
        index = first.year * 12 + first.month - 1 + steps
        try:
            return datetime.date(index // 12, index % 12 + 1, first.day)
        except ValueError:
            return None  # RFC 5545: a month without that day has no date
    raise AssertionError(f"the corpus should not make {frequency} series")


def expected_local_starts(page):
    first = local(page.start)
    if not page.recurrence_frequency:
        return [first]
    off = {datetime.date.fromisoformat(token) for token in page.recurrence_exdates.split()}
    starts, generated = [], 0
    for k in range(1000):
        day = _nth_date(first.date(), page.recurrence_frequency, k * page.recurrence_interval)
        if day is None:
            continue
        if page.recurrence_until and day > page.recurrence_until:
            break
        generated += 1  # COUNT counts the rule's dates before exceptions (RFC 5545)
        if day not in off:
            starts.append(datetime.datetime.combine(day, first.time(), tzinfo=HELSINKI))
        if page.recurrence_count and generated == page.recurrence_count:
            break
    return starts


# -- the command line --------------------------------------------------------------------------
def test_command_line_builds_a_valid_translated_searchable_tree(client, site_structure):
    out = io.StringIO()
    corpus_main(["--models", "12", "--events", "6", "--seed", "3", "--languages", "fi,sv,en"], stdout=out)
    assert re.search(
        r"Created 36 model pages and 18 event pages \(\d+ occurrences, \d+ registrations\)", out.getvalue()
    )

    assert all(not problems for problems in Page.find_problems()), "treebeard tree is inconsistent"
    fi = PracticeModelPage.objects.live().filter(locale__language_code="fi")
    assert fi.count() == 12
    assert EventPage.objects.live().filter(locale__language_code="sv").count() == 6
    # Translations share the translation key of the Finnish page and live in their own tree.
    model = fi.first()
    translations = {p.locale.language_code: p for p in model.get_translations()}
    assert set(translations) == {"sv", "en"}
    assert translations["sv"].url.startswith("/sv/")
    # Realistic content: six sections of Finnish text, vocabulary links and adoptions.
    assert len(model.basic_idea) > 200 and "<p>" in model.basic_idea
    assert model.regions.exists() and model.themes.exists() and model.target_groups.exists()
    assert Adoption.objects.filter(page__locale__language_code="fi").exists()
    assert all(a.region_id for a in Adoption.objects.all())

    # A translation links the translations of the same pages and has the same adoptions.
    def links(page_type, language):
        return {
            (
                page.translation_key,
                frozenset(m.translation_key for m in page.related_models.all()),
                page.adoptions.count() if page_type is PracticeModelPage else 0,
            )
            for page in page_type.objects.filter(locale__language_code=language)
        }

    for page_type in (PracticeModelPage, EventPage):
        assert links(page_type, "fi") == links(page_type, "sv") == links(page_type, "en")
    assert any(related for _key, related, _n in links(EventPage, "fi"))

    for page in (model, translations["sv"], EventPage.objects.first()):
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()

    # The search index was built: models and events are found through the search page.
    with translation.override("fi"):
        search_url = reverse("search")
    html = client.get(f"{search_url}?q=perhekeskus").content.decode()
    assert any(page.title in html for page in fi[:12])


def test_same_seed_same_titles(site_structure):
    corpus_main(
        ["--models", "5", "--events", "3", "--seed", "11", "--languages", "fi", "--no-index"], stdout=io.StringIO()
    )
    first = list(Page.objects.type(PracticeModelPage, EventPage).order_by("pk").values_list("title", flat=True))
    Page.objects.type(PracticeModelPage, EventPage).delete()
    corpus_main(
        ["--models", "5", "--events", "3", "--seed", "11", "--languages", "fi", "--no-index"], stdout=io.StringIO()
    )
    second = list(Page.objects.type(PracticeModelPage, EventPage).order_by("pk").values_list("title", flat=True))
    assert first == second and len(first) == 8


@pytest.mark.parametrize(
    "args, message",
    [
        (["--models", "-1"], "zero or more"),
        (["--languages", "fi,de"], "unsupported languages: de"),
    ],
)
def test_bad_arguments_give_a_clear_error(db, capsys, args, message):
    with pytest.raises(SystemExit) as exit_info:
        corpus_main(args)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_index_rows_are_those_update_index_builds(site_structure):
    """The corpus indexes its pages in bulk; Wagtail's full rebuild gives the same rows."""
    generate_corpus(models=6, events=6, seed=2, languages=("fi", "sv"))
    generated = {str(pk) for pk in Page.objects.type(PracticeModelPage, EventPage).values_list("pk", flat=True)}
    page_types = ContentType.objects.get_for_models(PracticeModelPage, EventPage).values()

    def rows():
        entries = IndexEntry.objects.filter(content_type__in=page_types, object_id__in=generated)
        return {(e.content_type_id, e.object_id): (str(e.title), str(e.autocomplete), str(e.body)) for e in entries}

    ours = rows()
    assert len(generated) == 24 and len(ours) == 24
    call_command("update_index", verbosity=0)
    assert rows() == ours


def test_production_code_does_not_import_the_bench():
    pattern = re.compile(r"^\s*(from|import)\s+bench(\.|\s|$)", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for app in PRODUCTION_APPS
        for path in (ROOT / app).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders


# -- the calendar is full -------------------------------------------------------------------------
@pytest.fixture(scope="class")
def calendar_corpus(django_db_setup, django_db_blocker):
    """One corpus for the read-only checks of the class below, rolled back after them.

    Each test still runs in its own savepoint (pytest-django), so a stray write cannot
    leak from one test into the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        load_vocabularies()
        ensure_site_structure()
        yield generate_corpus(models=12, events=40, seed=3, languages=("fi", "sv", "en"))
        transaction.set_rollback(True)


class TestGeneratedCalendar:
    """What a visitor sees of a generated corpus of 40 events in fi, sv and en."""

    def test_every_live_event_has_the_occurrences_of_its_rule(self, calendar_corpus):
        events = list(EventPage.objects.live())
        assert len(events) == 120
        rows = {}
        for occurrence in EventOccurrence.objects.all():
            rows.setdefault(occurrence.event_id, []).append(occurrence)
        series = 0
        for page in events:
            mine = sorted(rows.get(page.pk, []), key=lambda o: o.start)
            assert [local(o.start) for o in mine] == expected_local_starts(page), page.title
            assert all(o.end - o.start == page.end - page.start and o.status == page.status for o in mine)
            assert len({o.uid for o in mine}) == len(mine)
            if page.recurrence_frequency:
                series += 1
                assert len(mine) >= 2, f"{page.title}: a series with one date"
        assert series >= 6  # a realistic share of the 120 pages are repeating series
        # The generated values pass the page type's own validation (what the editor's form runs).
        for page in EventPage.objects.filter(locale__language_code="fi"):
            page.full_clean()

    def test_calendar_list_shows_the_generated_events_in_date_order(self, client, calendar_corpus):
        now = timezone.now()
        expected = [
            o.event.title
            for o in fi_occurrences().filter(end__gte=now).select_related("event").order_by("start", "pk")[:20]
        ]
        assert expected, "the corpus has no upcoming dates"
        page = soup(client.get(fi_calendar().url))
        shown = [a.get_text(strip=True) for a in page.select(".occurrence-list .card__title a")]
        assert shown == expected

        past = soup(client.get(fi_calendar().url + "past/"))
        assert past.select(".occurrence-list .card__title a"), "the archive is empty"

    def test_month_view_shows_every_event_of_a_busy_month(self, client, calendar_corpus):
        months = Counter(local(o.start).strftime("%Y-%m") for o in fi_occurrences())
        assert months, "the corpus has no dates"
        month, _count = months.most_common(1)[0]
        first = datetime.datetime.strptime(month, "%Y-%m").replace(tzinfo=HELSINKI)
        after = (first + datetime.timedelta(days=32)).replace(day=1)
        expected = Counter(
            o.event.title for o in fi_occurrences().filter(start__lt=after, end__gt=first).select_related("event")
        )
        calendar = fi_calendar()
        page = soup(client.get(f"{calendar.url}{calendar.reverse_subpage('month')}?month={month}"))
        shown = Counter(a.get_text(strip=True) for a in page.select(".month-grid__event a"))
        assert set(shown) == set(expected)
        # A series appears on each of its dates (a multi-day event on each of its days).
        assert all(shown[title] >= count for title, count in expected.items())
        assert max(expected.values()) >= 2, "no series with several dates in the busiest month"
        assert not page.select(".empty-state")

    def test_ics_feed_lists_the_generated_events_with_their_rules(self, client, calendar_corpus):
        calendar = fi_calendar()
        response = client.get(reverse("events_feeds:calendar_ical", kwargs={"index_id": calendar.pk}))
        assert response.status_code == 200
        feed = Calendar.from_ical(response.content)
        vevents = [component for component in feed.walk("VEVENT")]
        # The feed's window: recent events and a year ahead (events/views.py).
        since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
        until = timezone.now() + datetime.timedelta(days=FEED_FUTURE_DAYS)
        expected = set(fi_occurrences().filter(end__gte=since, start__lt=until).values_list("event__title", flat=True))
        assert expected, "the corpus has no recent or coming dates"
        assert {str(v["SUMMARY"]) for v in vevents} == expected
        assert any("RRULE" in v for v in vevents), "no repeating series in the feed"
        assert any("EXDATE" in v for v in vevents), "no series with dates off in the feed"
        statuses = {str(v["STATUS"]) for v in vevents}
        assert "CONFIRMED" in statuses and statuses & {"CANCELLED", "TENTATIVE"}

    def test_home_page_shows_the_next_generated_events(self, client, calendar_corpus):
        seen, expected = set(), []
        upcoming = fi_occurrences().filter(end__gte=timezone.now()).select_related("event").order_by("start", "pk")
        for occurrence in upcoming:
            if occurrence.event_id not in seen:
                seen.add(occurrence.event_id)
                expected.append(occurrence.event.title)
        home = soup(client.get("/fi/"))
        section = home.find(id="events-title").find_parent("section")
        shown = [a.get_text(strip=True) for a in section.select(".card__title a")]
        assert len(shown) == HomePage.objects.get(locale__language_code="fi").upcoming_events_count == 3
        assert shown == expected[:3]

    def test_a_repeating_series_shows_all_its_dates_on_its_page(self, client, calendar_corpus):
        series = (
            EventPage.objects.live().filter(locale__language_code="fi").exclude(recurrence_frequency="").order_by("pk")
        )
        page = next(p for p in series if p.occurrences.count() >= 3)
        dates = page.occurrences.count()
        assert len(soup(client.get(page.url)).select(".occurrence-dates li")) == dates
        # The translations show the same dates, from their own rows.
        sv = EventPage.objects.get(translation_key=page.translation_key, locale__language_code="sv")
        assert len(soup(client.get(sv.url)).select(".occurrence-dates li")) == dates

    def test_registrations_go_through_the_service(self, client, calendar_corpus):
        registrations = Registration.objects.select_related("event")
        statuses = Counter(registrations.values_list("status", flat=True))
        assert statuses[Registration.Status.CONFIRMED] and statuses[Registration.Status.WAITING]
        assert statuses[Registration.Status.CANCELLED]
        for registration in registrations:
            event = registration.event
            assert event.registration_enabled and event.locale.language_code == "fi"
            assert event.status not in (EventPage.Status.CANCELLED, EventPage.Status.POSTPONED)
        series_registrations = 0
        for event in EventPage.objects.filter(registrations__isnull=False).distinct():
            # Places count per date (a series takes registrations per occurrence).
            confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
            per_date = Counter(confirmed.values_list("occurrence_id", flat=True))
            assert None not in per_date
            assert (
                event.registration_capacity is None or max(per_date.values(), default=0) <= event.registration_capacity
            )
            series_registrations += event.is_recurring
        assert series_registrations, "no series took registrations"
        # Needs are stored encrypted; the service's key reads them back.
        with_needs = [r for r in registrations if r.needs_encrypted]
        assert with_needs and all(r.needs in NEEDS and r.needs not in r.needs_encrypted for r in with_needs)
        # Personal data of events long over is erased (the daily purge), of coming events kept.
        cutoff = timezone.now() - datetime.timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
        for registration in registrations:
            over = registration.event.occurrences.filter(end__gte=cutoff).count() == 0
            assert bool(registration.anonymised_at) == over
            assert bool(registration.email) != over
        # A participant's personal link works.
        waiting = registrations.filter(status=Registration.Status.WAITING, anonymised_at__isnull=True).first()
        with translation.override("fi"):
            url = reverse("events:registration", kwargs={"token": waiting.token})
        assert soup(client.get(url)).select(".registration-status--waiting")


def test_the_calendar_has_realistic_variety(site_structure):
    summary = generate_corpus(models=0, events=150, seed=5, languages=("fi",), index=False)
    assert set(summary["shapes"]) == {"single", "all_day", "multi_day", "weekly", "monthly", "daily"}
    events = EventPage.objects.filter(locale__language_code="fi")
    today = timezone.localdate()
    starts = [timezone.localdate(e.start) for e in events]
    assert min(starts) < today - datetime.timedelta(days=120) and max(starts) > today + datetime.timedelta(days=270)
    assert all(today - datetime.timedelta(days=183) <= day <= today + datetime.timedelta(days=366) for day in starts)
    assert events.filter(recurrence_count__isnull=False).exists()
    assert events.filter(recurrence_until__isnull=False).exists()
    assert events.exclude(recurrence_exdates="").exists()
    assert sum(1 for e in events if timezone.localdate(e.end) > timezone.localdate(e.start)) >= 5  # multi-day
    statuses = Counter(events.values_list("status", flat=True))
    assert statuses[EventPage.Status.SCHEDULED] > 0.75 * len(starts)
    assert statuses[EventPage.Status.CANCELLED] and statuses[EventPage.Status.POSTPONED]
    attendance = Counter(events.values_list("attendance", flat=True))
    assert set(attendance) == set(EventPage.Attendance.values)
    assert all(e.join_url for e in events if e.attendance != EventPage.Attendance.IN_PERSON)
    assert events.filter(registration_enabled=True).exists() and events.exclude(external_registration_url="").exists()
