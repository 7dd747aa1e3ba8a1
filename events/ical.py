"""iCalendar (RFC 5545) output with icalendar 7.

One VEVENT per event everywhere (single-event file and filtered feeds alike), so a
visitor who imports an event and subscribes to a feed sees it once: UID shared by all
translations, DTSTART/DTEND with TZID=Europe/Helsinki (VALUE=DATE for all-day
events), RRULE and EXDATE for repeating events, SEQUENCE rising with every change of
time or place, and STATUS:CANCELLED kept in the feed for cancelled events.
"""

import datetime

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vRecur

from . import recurrence

STATUS = {
    "scheduled": "CONFIRMED",
    "moved_online": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}
PRODID = "-//Toimintamallit//Event calendar//FI"


def _location(event):
    return event.address_text if event.has_place else event.public_join_url or ""


def _description(event):
    text = event.summary
    if event.status != "scheduled":
        text = f"{event.get_status_display()}: {text}"
    if event.organiser_id:
        text += f"\n\n{event.organiser.name}"
    if event.public_join_url:
        text += f"\n\n{event.public_join_url}"
    return text


def vevent(event, url, stamp=None):
    start = recurrence.local_start(event)
    end = timezone.localtime(event.end, recurrence.local_zone())
    if event.all_day:
        # DTEND of an all-day event is exclusive: the day after the last day.
        start_value, end_value = start.date(), end.date() + datetime.timedelta(days=1)
    else:
        start_value, end_value = start, end
    component = Event.new(
        uid=event.ical_uid,
        summary=event.title,
        description=strip_tags(_description(event)),
        start=start_value,
        end=end_value,
        sequence=event.ical_sequence,
        status=STATUS.get(event.status, "CONFIRMED"),
        url=url,
        location=_location(event) or None,
        last_modified=event.last_published_at or None,
        stamp=stamp or timezone.now(),
    )
    rule = recurrence.rrule_string(event)
    if rule:
        component.add("rrule", vRecur.from_ical(rule))
        excluded = recurrence.excluded_starts(event)
        if excluded:
            component.add("exdate", [value.date() if event.all_day else value for value in excluded])
    return component


def calendar(events, request, name, language, uid):
    """An RFC 5545 calendar (bytes) of ``events`` with the Europe/Helsinki VTIMEZONE.

    ``uid`` identifies the calendar itself (RFC 7986) and must be stable per feed.
    """
    cal = Calendar.new(
        prodid=PRODID, name=name, language=language, uid=uid, refresh_interval=datetime.timedelta(hours=6)
    )
    cal.add("method", "PUBLISH")
    stamp = timezone.now()
    for event in events:
        cal.add_component(vevent(event, event.get_full_url(request), stamp=stamp))
    cal.add_missing_timezones()
    return cal.to_ical()
