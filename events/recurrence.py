"""Recurrence: dates of an event from its rule with dateutil.rrule, kept as occurrence rows.

Rules run in Finnish local time (Europe/Helsinki), so a weekly 10:00 meeting stays at
10:00 across the daylight-saving change; the rows store aware datetimes (UTC in the
database) and templates show them in local time.
"""

import datetime
import re
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

MAX_OCCURRENCES = 500
FREQUENCIES = {"DAILY": rrule.DAILY, "WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY, "YEARLY": rrule.YEARLY}


def local_zone():
    return ZoneInfo(settings.TIME_ZONE)


def parse_exdates(text):
    """Dates from the editor's exception list; ValueError with a readable message."""
    dates = []
    for token in re.split(r"[\s,;]+", (text or "").strip()):
        if not token:
            continue
        try:
            dates.append(datetime.date.fromisoformat(token))
        except ValueError:
            raise ValueError(_("“%(value)s” is not a date in the form YYYY-MM-DD.") % {"value": token[:40]}) from None
    return sorted(set(dates))


def local_start(event):
    return timezone.localtime(event.start, local_zone())


def build_rrule(event):
    """The event's dateutil rule (without exceptions), or None for a one-off event."""
    if not event.recurrence_frequency or event.recurrence_frequency not in FREQUENCIES:
        return None
    until = None
    if event.recurrence_until:
        until = datetime.datetime.combine(event.recurrence_until, datetime.time(23, 59, 59), tzinfo=local_zone())
    return rrule.rrule(
        FREQUENCIES[event.recurrence_frequency],
        dtstart=local_start(event),
        interval=event.recurrence_interval or 1,
        count=min(event.recurrence_count, MAX_OCCURRENCES) if event.recurrence_count else None,
        until=until,
    )


def _rule_starts(event):
    rule = build_rrule(event)
    if rule is None:
        return [local_start(event)]
    starts = []
    for value in rule:
        starts.append(value)
        if len(starts) >= MAX_OCCURRENCES:
            break
    return starts


def occurrence_times_without_exceptions(event):
    """Start times the rule gives before exceptions are removed."""
    return _rule_starts(event)


def excluded_starts(event):
    """Start times the rule would give that the exception list removes (EXDATE values)."""
    if not event.recurrence_frequency:
        return []
    exdates = set(parse_exdates(event.recurrence_exdates))
    return [value for value in _rule_starts(event) if value.date() in exdates]


def occurrence_times(event):
    """[(start, end)] of every date of the event, in local time, exceptions removed."""
    duration = event.end - event.start
    try:
        exdates = set(parse_exdates(event.recurrence_exdates)) if event.recurrence_frequency else set()
    except ValueError:
        exdates = set()
    return [(start, start + duration) for start in _rule_starts(event) if start.date() not in exdates]


def rrule_string(event):
    """The RRULE value as written to iCalendar (UNTIL in UTC, as RFC 5545 requires with TZID)."""
    rule = build_rrule(event)
    if rule is None:
        return ""
    parts = [f"FREQ={event.recurrence_frequency}"]
    if (event.recurrence_interval or 1) > 1:
        parts.append(f"INTERVAL={event.recurrence_interval}")
    if event.recurrence_count:
        parts.append(f"COUNT={min(event.recurrence_count, MAX_OCCURRENCES)}")
    elif event.recurrence_until:
        until = datetime.datetime.combine(event.recurrence_until, datetime.time(23, 59, 59), tzinfo=local_zone())
        parts.append("UNTIL=" + until.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ"))
    return ";".join(parts)


def occurrence_uid(event, original_start):
    stamp = original_start.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"event-{event.translation_key}-{stamp}@{settings.EVENTS_ICAL_UID_DOMAIN}"


@transaction.atomic
def sync_occurrences(event):
    """Create, update and delete occurrence rows so they match the event's rule.

    A row is identified by its original start; it keeps its UID and its SEQUENCE rises
    when its time, place or status changes. Returns (created, updated, deleted).
    """
    EventOccurrence = event.occurrences.model  # the models import this module: no cycle

    wanted = {start.astimezone(datetime.UTC): (start, end) for start, end in occurrence_times(event)}
    existing = {row.original_start: row for row in EventOccurrence.objects.filter(event=event)}
    if not event.recurrence_frequency and len(existing) == 1 and len(wanted) == 1:
        # A one-off event that moves keeps its identity (UID) and gets a higher SEQUENCE.
        (row,) = existing.values()
        (start, end) = next(iter(wanted.values()))
        wanted = {row.original_start: (start, end)}
    updated = 0
    to_create = []
    for original, (start, end) in wanted.items():
        row = existing.pop(original, None)
        if row is None:
            to_create.append(
                EventOccurrence(
                    event=event,
                    start=start,
                    end=end,
                    original_start=original,
                    status=event.status,
                    sequence=event.ical_sequence,
                    uid=occurrence_uid(event, original),
                )
            )
            continue
        if row.start != start or row.end != end or row.status != event.status:
            row.start, row.end, row.status = start, end, event.status
            row.sequence = max(row.sequence + 1, event.ical_sequence)
            row.save(update_fields=["start", "end", "status", "sequence"])
            updated += 1
        elif row.sequence < event.ical_sequence:
            # The event's place changed: every date moved in visitors' calendars.
            row.sequence = event.ical_sequence
            row.save(update_fields=["sequence"])
            updated += 1
    EventOccurrence.objects.bulk_create(to_create)
    created = len(to_create)
    deleted = len(existing)
    if existing:
        EventOccurrence.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
    return created, updated, deleted
