"""The calendar query: which occurrences a calendar view shows, filtered by facets.

Facets apply to events (one count per event, whatever its number of dates); the events
are restricted to those with a date in the view's time window, and the window's
occurrences of the filtered events are listed. The number of SQL queries is fixed.
"""

import calendar as pycalendar
import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.facets import Facet, FacetedQuery, enum_choices, vocabulary_choices
from models_library.models import Municipality, Region, TargetGroup

from . import dates, nearby
from .models import EventLanguage, EventOccurrence, EventPage
from .recurrence import local_zone

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_MONTH_OCCURRENCES = 1000


def attendance_choices():
    return [("in_person", str(gettext_lazy("In person"))), ("online", str(gettext_lazy("Online")))]


def event_facets():
    return [
        Facet("region", gettext_lazy("Region"), "region__code", vocabulary_choices(Region)),
        Facet("municipality", gettext_lazy("Municipality"), "municipality__code", vocabulary_choices(Municipality)),
        Facet("type", gettext_lazy("Event type"), "event_type", enum_choices(EventPage.EventType)),
        Facet(
            "audience", gettext_lazy("Target group"), "target_groups__code", vocabulary_choices(TargetGroup), many=True
        ),
        Facet(
            "language",
            gettext_lazy("Language of the event"),
            "event_languages__code",
            vocabulary_choices(EventLanguage),
            many=True,
        ),
        # Hybrid events can be attended both ways: they count under both values.
        Facet(
            "attendance",
            gettext_lazy("Attendance"),
            "attendance",
            attendance_choices,
            show_empty=True,
            expand={"in_person": ("in_person", "hybrid"), "online": ("online", "hybrid")},
        ),
    ]


FACET_NAMES = {"region", "municipality", "type", "audience", "language", "attendance"}


def visible_occurrences(index_page, locale):
    return EventOccurrence.objects.visible().in_locale(locale).below(index_page)


def visible_events(index_page, locale):
    return EventPage.objects.live().public().filter(locale=locale).descendant_of(index_page)


def parse_month(value, today):
    """(first day of the month, message or None). Bad input falls back to this month."""
    if not value:
        return today.replace(day=1), None
    match = MONTH_PATTERN.match(value.strip()[:20])
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12:
            return datetime.date(year, month, 1), None
    message = _(
        "“%(value)s” is not a month we can show (use the form YYYY-MM, e.g. %(example)s). "
        "Showing the current month instead."
    ) % {"value": value[:20], "example": today.strftime("%Y-%m")}
    return today.replace(day=1), message


def add_months(first_day, months):
    index = first_day.year * 12 + first_day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass
class MonthGrid:
    first_day: datetime.date
    weeks: list = field(default_factory=list)  # [[{"date", "in_month", "is_today", "occurrences"}]]

    @property
    def prev_month(self):
        return add_months(self.first_day, -1)

    @property
    def next_month(self):
        return add_months(self.first_day, 1)


def month_grid(first_day, occurrences, today):
    """Weeks (Monday first) of the month, each day with the occurrences on it (local time)."""
    by_day = {}
    zone = local_zone()
    last_day = add_months(first_day, 1) - datetime.timedelta(days=1)
    for occurrence in occurrences:
        start = timezone.localtime(occurrence.start, zone).date()
        # An event ending at midnight does not take place on the next day.
        end = timezone.localtime(occurrence.end - datetime.timedelta(microseconds=1), zone).date()
        day = max(start, first_day - datetime.timedelta(days=7))
        while day <= min(max(end, start), last_day + datetime.timedelta(days=7)):
            by_day.setdefault(day, []).append(occurrence)
            day += datetime.timedelta(days=1)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first_day.year, first_day.month):
        weeks.append(
            [
                {
                    "date": day,
                    "in_month": day.month == first_day.month,
                    "is_today": day == today,
                    "occurrences": by_day.get(day, []),
                }
                for day in week
            ]
        )
    return MonthGrid(first_day=first_day, weeks=weeks)


class CalendarQuery:
    """Everything a calendar view needs, from the request parameters."""

    def __init__(self, index_page, locale, mode, params, now=None):
        self.index_page = index_page
        self.locale = locale
        self.mode = mode
        self.params = params
        self.now = now or timezone.now()
        self.today = timezone.localtime(self.now, local_zone()).date()
        self.messages = []
        self.month = None
        occurrences = self.visible_occurrences = visible_occurrences(index_page, locale)
        self.base_events = visible_events(index_page, locale)
        if mode == "month":
            self.month, message = parse_month(params.get("month", ""), self.today)
            if message:
                self.messages.append(message)
            zone = local_zone()
            window_start = datetime.datetime.combine(self.month, datetime.time(), tzinfo=zone)
            window_end = datetime.datetime.combine(add_months(self.month, 1), datetime.time(), tzinfo=zone)
            occurrences = occurrences.overlapping(window_start, window_end)
        elif mode == "past":
            occurrences = occurrences.past(self.now)
        else:
            occurrences = occurrences.upcoming(self.now)
        # from/to and "near me" (events/dates.py, events/nearby.py) narrow the list views.
        self.dates, date_messages = dates.parse_dates(params, self.today)
        self.messages.extend(date_messages)
        if mode != "month" and self.dates.active:
            occurrences = occurrences.filter(**dates.overlap_filter(self.dates))
        self.near, near_messages = nearby.parse_near(params)
        self.messages.extend(near_messages)
        self.window_occurrences = occurrences
        events = visible_events(index_page, locale).filter(pk__in=occurrences.order_by().values("event_id"))
        if self.near is not None:
            events = nearby.filter_events(events, self.near)
        self.faceted = FacetedQuery(events, event_facets(), params)
        self.messages.extend(self.faceted.messages)

    def occurrences(self):
        """The window's occurrences of the filtered events, in display order."""
        return (
            self.window_occurrences.filter(event_id__in=self.faceted.queryset().order_by().values("pk"))
            .for_listing()
            .select_related("event__place__municipality")
        )

    def grid(self):
        rows = list(self.occurrences()[:MAX_MONTH_OCCURRENCES])
        return month_grid(self.month, rows, self.today)

    def filter_params(self):
        """Only the facet parameters (for feed links and month navigation)."""
        params = self.params.copy()
        for key in list(params.keys()):
            if key not in FACET_NAMES and key not in dates.DATE_PARAMS and key not in nearby.NEAR_PARAMS:
                params.pop(key)
        return params


def page_size():
    return getattr(settings, "EVENTS_PAGE_SIZE", 20)
