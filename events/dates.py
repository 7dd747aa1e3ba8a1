"""Date range of the calendar: ``from``/``to`` (YYYY-MM-DD) or a preset ``when``.

Presets: ``today``, ``week`` (this week, Monday to Sunday) and ``next_month``. The range
is inclusive of both days, in Finnish time. Bad input gives a message, never an error.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .recurrence import local_zone

DATE_PARAMS = ("from", "to", "when")
MAX_RANGE_DAYS = 3 * 366
PRESETS = {
    "today": gettext_lazy("Today"),
    "week": gettext_lazy("This week"),
    "next_month": gettext_lazy("Next month"),
}


@dataclass
class DateRange:
    first: datetime.date | None
    last: datetime.date | None
    preset: str = ""

    @property
    def active(self):
        return self.first is not None or self.last is not None


def add_months(first_day, months):
    index = first_day.year * 12 + first_day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def preset_range(preset, today):
    if preset == "today":
        return today, today
    if preset == "week":
        monday = today - datetime.timedelta(days=today.weekday())
        return monday, monday + datetime.timedelta(days=6)
    if preset == "next_month":
        first = add_months(today.replace(day=1), 1)
        return first, add_months(first, 1) - datetime.timedelta(days=1)
    return None


def _parse_day(value):
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2200 else None


def parse_dates(params, today):
    """(DateRange, messages)."""
    messages = []
    preset = (params.get("when") or "").strip()[:20]
    if preset:
        bounds = preset_range(preset, today)
        if bounds:
            return DateRange(*bounds, preset=preset), messages
        messages.append(_("“%(value)s” is not a time period we know. Showing all dates.") % {"value": preset})
    days = {}
    for name in ("from", "to"):
        raw = (params.get(name) or "").strip()[:20]
        if not raw:
            days[name] = None
            continue
        days[name] = _parse_day(raw)
        if days[name] is None:
            messages.append(
                _("“%(value)s” is not a date we can use (use the form YYYY-MM-DD, e.g. %(example)s).")
                % {"value": raw, "example": today.isoformat()}
            )
    first, last = days["from"], days["to"]
    if first and last and last < first:
        messages.append(_("The end date was before the start date: the dates were swapped."))
        first, last = last, first
    if first and last and (last - first).days > MAX_RANGE_DAYS:
        last = first + datetime.timedelta(days=MAX_RANGE_DAYS)
    return DateRange(first, last), messages


def overlap_filter(date_range):
    """Occurrence lookups for "takes place at least partly within the range" (Finnish days)."""
    zone = local_zone()
    lookups = {}
    if date_range.first:
        lookups["end__gt"] = datetime.datetime.combine(date_range.first, datetime.time(), tzinfo=zone)
    if date_range.last:
        day_after = date_range.last + datetime.timedelta(days=1)
        lookups["start__lt"] = datetime.datetime.combine(day_after, datetime.time(), tzinfo=zone)
    return lookups
