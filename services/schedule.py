"""Opening hours: "open now" and "open this week" as SQL filters, and the week as text.

Rules, in local time (settings.TIME_ZONE):

- a weekly row opens and closes on its weekday; a row that closes earlier than it opens
  runs past midnight into the next day (Friday 20:00–02:00 is open on Saturday at 01:00);
- a dated exception replaces the weekly rows of its date: closed all day (a public holiday)
  or open at other hours. The hours that spill over from the evening before stay as they were.

Both filters are one ``EXISTS`` expression per day in the window: a fixed number of
subqueries, one SQL statement, whatever the number of services.
"""

import datetime

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from events.recurrence import local_zone

from .models import HoursException, OpeningHours, Weekday

WEEK_DAYS = 7


def local_now(now=None):
    return timezone.localtime(now or timezone.now(), local_zone())


def _weekly(*conditions, **filters):
    return Exists(OpeningHours.objects.filter(*conditions, page_id=OuterRef("pk"), **filters))


def _exception(day, *conditions, **filters):
    return Exists(HoursException.objects.filter(*conditions, page_id=OuterRef("pk"), date=day, **filters))


def _covers_same_day(clock):
    """Rows (weekly or exception) open at ``clock`` on their own day."""
    normal = Q(opens__lte=clock, closes__gt=clock) & Q(closes__gt=F("opens"))
    evening = Q(closes__lt=F("opens"), opens__lte=clock)  # runs past midnight: open till 24:00 today
    return normal | evening


def _spills_to(clock):
    """Rows of the day before still open at ``clock`` after midnight."""
    return Q(closes__lt=F("opens"), closes__gt=clock)


def open_at_q(moment):
    """Q on ServicePage: open at ``moment`` (an aware datetime)."""
    moment = local_now(moment)
    day, clock = moment.date(), moment.time().replace(tzinfo=None)
    yesterday = day - datetime.timedelta(days=1)
    today_rows = _exception(day, _covers_same_day(clock), closed=False) | (
        ~_exception(day) & _weekly(_covers_same_day(clock), weekday=day.weekday())
    )
    spill = _exception(yesterday, _spills_to(clock), closed=False) | (
        ~_exception(yesterday) & _weekly(_spills_to(clock), weekday=yesterday.weekday())
    )
    return Q(today_rows) | Q(spill)


def open_on_q(day):
    """Q on ServicePage: open at some time on ``day``."""
    return Q(_exception(day, closed=False)) | Q(~_exception(day) & _weekly(weekday=day.weekday()))


def open_this_week_q(moment):
    """Open on some day of the seven starting today, or by appointment."""
    today = local_now(moment).date()
    q = Q(by_appointment=True)
    for offset in range(WEEK_DAYS):
        q |= open_on_q(today + datetime.timedelta(days=offset))
    return q


def is_open_at(page, moment):
    """The same rule in Python, for one page whose rows are loaded (the page's own status)."""
    moment = local_now(moment)
    day, clock = moment.date(), moment.time().replace(tzinfo=None)
    yesterday = day - datetime.timedelta(days=1)
    exceptions = {row.date: row for row in page.exceptions.all()}

    def rows_of(date):
        if date in exceptions:
            row = exceptions[date]
            return [] if row.closed else [(row.opens, row.closes)]
        return [(row.opens, row.closes) for row in page.opening_hours.all() if row.weekday == date.weekday()]

    for opens, closes in rows_of(day):
        if (opens <= clock < closes) or (closes < opens and opens <= clock):
            return True
    return any(closes < opens and clock < closes for opens, closes in rows_of(yesterday))


def week_rows(page):
    """[(weekday label, ["9.00–12.00", …])] Monday first, only days with hours."""
    out = {}
    for row in sorted(page.opening_hours.all(), key=lambda r: (r.weekday, r.opens)):
        out.setdefault(row.weekday, []).append(row)
    return [(Weekday(day).label, rows) for day, rows in sorted(out.items())]
