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
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.facets import Facet, FacetedQuery, InIds, enum_choices, vocabulary_choices
from models_library.models import Municipality, Region, TargetGroup

from . import dates, nearby
from .models import EventLanguage, EventOccurrence, EventPage
from .recurrence import local_zone

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
MIN_YEAR, MAX_YEAR = 1900, 2200
# The month grid reads the (id, start, end) of at most this many dates of the month, and
# renders at most MAX_PER_DAY of them per day; the rest of a day is one "N more" link to
# that day's list. Rendering up to 1 000 cards was ~90 % of the month view's time.
MAX_MONTH_OCCURRENCES = 5000
MAX_PER_DAY = 4


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


def month_grid(first_day, occurrences, today, per_day=MAX_PER_DAY, load=None):
    """Weeks (Monday first) of the month, each day of the month with (at most ``per_day``
    of) the occurrences on it (local time) and ``more``: how many are not shown.

    ``occurrences``: rows with ``pk``, ``start`` and ``end`` in display order; ``load``
    (optional): ``{pk: occurrence}`` for the pks that are shown (the full rows are read for
    those only). Days outside the month are shown without events."""
    by_day = {}
    zone = local_zone()
    last_day = add_months(first_day, 1) - datetime.timedelta(days=1)
    for occurrence in occurrences:
        start = timezone.localtime(occurrence.start, zone).date()
        # An event ending at midnight does not take place on the next day.
        end = timezone.localtime(occurrence.end - datetime.timedelta(microseconds=1), zone).date()
        day = max(start, first_day)
        while day <= min(max(end, start), last_day):
            by_day.setdefault(day, []).append(occurrence)
            day += datetime.timedelta(days=1)
    shown = {day: rows[:per_day] for day, rows in by_day.items()}
    if load is not None:
        full = load({row.pk for rows in shown.values() for row in rows})
        shown = {day: [full[row.pk] for row in rows if row.pk in full] for day, rows in shown.items()}
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first_day.year, first_day.month):
        weeks.append(
            [
                {
                    "date": day,
                    "in_month": day.month == first_day.month,
                    "is_today": day == today,
                    "occurrences": shown.get(day, []),
                    "more": len(by_day.get(day, ())) - len(shown.get(day, ())),
                }
                for day in week
            ]
        )
    return MonthGrid(first_day=first_day, weeks=weeks)


@dataclass(frozen=True)
class _Slim:
    pk: int
    start: datetime.datetime
    end: datetime.datetime


class CalendarQuery:
    """Everything a calendar view needs, from the request parameters.

    The facets count *events* of the base set (the published, public events of the
    language below the calendar), narrowed by ``within``: the ids of the events with a date
    in the view's window, read from the occurrence table alone. The base set does not
    depend on the time, so its facet membership memo (core/facets.py) is shared by every
    request and view of the calendar (the window used to be part of the base query, so
    every request built a new entry). The listed dates are then read from the occurrence
    table by event id and window: no join of the occurrence table with the page tables,
    for the rows or for the paginator's COUNT.
    """

    def __init__(self, index_page, locale, mode, params, now=None, until=None):
        """``until``: optionally, only dates that start before it (the feeds' window)."""
        self.index_page = index_page
        self.locale = locale
        self.mode = mode
        self.params = params
        self.now = now or timezone.now()
        self.today = timezone.localtime(self.now, local_zone()).date()
        self.messages = []
        self.month = None
        self.visible_occurrences = visible_occurrences(index_page, locale)
        occurrences = EventOccurrence.objects.all()
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
        if until is not None:
            occurrences = occurrences.filter(start__lt=until)
        # from/to and "near me" (events/dates.py, events/nearby.py) narrow the list views.
        self.dates, date_messages = dates.parse_dates(params, self.today)
        self.messages.extend(date_messages)
        if mode != "month" and self.dates.active:
            occurrences = occurrences.filter(**dates.overlap_filter(self.dates))
        self.near, near_messages = nearby.parse_near(params)
        self.messages.extend(near_messages)
        self.window_occurrences = occurrences
        events = self.base_events = visible_events(index_page, locale)
        if self.near is not None:
            events = nearby.filter_events(events, self.near)
        self.faceted = FacetedQuery(events, event_facets(), params, within=self._window_event_ids())
        self.messages.extend(self.faceted.messages)

    def _window_event_ids(self):
        """Ids of the events (any language or calendar: the base set narrows them) with a
        date in the window. One query on the occurrence table (its start/end indexes)."""
        return set(self.window_occurrences.order_by().values_list("event_id", flat=True).distinct())

    def _of_filtered_events(self):
        """The filter "the date's event is one of the filtered events"."""
        if self.faceted.uses_memo():
            return InIds("event_id", self.faceted.ids())
        return Q(event_id__in=self.faceted.queryset().order_by().values("pk"))

    def occurrences(self):
        """The window's occurrences of the filtered events, in display order."""
        return (
            self.window_occurrences.filter(self._of_filtered_events())
            .for_listing()
            .select_related("event__place__municipality")
        )

    def grid(self):
        """The month grid: the (id, start, end) of the month's dates, then the full rows of
        at most MAX_PER_DAY a day (two queries, whatever the number of dates)."""
        slim = [
            _Slim(pk, start, end)
            for pk, start, end in self.window_occurrences.filter(self._of_filtered_events()).values_list(
                "pk", "start", "end"
            )[:MAX_MONTH_OCCURRENCES]
        ]

        def load(pks):
            if not pks:
                return {}
            rows = EventOccurrence.objects.filter(pk__in=pks).for_listing()
            return {row.pk: row for row in rows}

        return month_grid(self.month, slim, self.today, load=load)

    def filter_params(self):
        """Only the facet parameters (for feed links and month navigation)."""
        params = self.params.copy()
        for key in list(params.keys()):
            if key not in FACET_NAMES and key not in dates.DATE_PARAMS and key not in nearby.NEAR_PARAMS:
                params.pop(key)
        return params


def page_size():
    return getattr(settings, "EVENTS_PAGE_SIZE", 20)
