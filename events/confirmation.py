"""What a participant needs to know about their registration, in one place.

The confirmation page, the confirmation, promotion and reminder e-mails and the .ics
attachment all read the same facts from here: what, when (weekday, date, time and the
time zone), where (address or how to join), who organises and whom to ask, and how to
cancel. The join link is in them only for a confirmed place.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from . import recurrence
from .ical import PRODID, STATUS


@dataclass
class Details:
    title: str
    start: datetime.datetime
    end: datetime.datetime
    all_day: bool
    when: str
    place: str
    accessibility: str
    join_url: str
    organiser: str
    contact: dict
    event_url: str
    personal_url: str
    uid: str
    sequence: int
    status: str


def _when_text(start, end, all_day):
    """ "Tuesday 10.3.2026 9:00–12:00 (Finnish time, Europe/Helsinki)", in the active language."""
    start, end = timezone.localtime(start, recurrence.local_zone()), timezone.localtime(end, recurrence.local_zone())
    if all_day:
        text = date_format(start, "l j.n.Y")
        if end.date() != start.date():
            text += " – " + date_format(end, "l j.n.Y")
        return text
    if end.date() == start.date():
        text = f"{date_format(start, 'l j.n.Y')} {date_format(start, 'G:i')}–{date_format(end, 'G:i')}"
    else:
        text = f"{date_format(start, 'l j.n.Y G:i')} – {date_format(end, 'l j.n.Y G:i')}"
    zone = _("Finnish time, %(zone)s") % {"zone": settings.TIME_ZONE}
    return f"{text} ({zone})"


def details(registration, event, event_url, personal_url):
    """The facts of ``registration``; ``event`` is the translation in the participant's language."""
    occurrence = registration.occurrence
    start = occurrence.start if occurrence else event.start
    end = occurrence.end if occurrence else event.end
    cancelled = event.status == "cancelled" or (occurrence is not None and occurrence.is_cancelled)
    recurring_date = occurrence is not None and event.is_recurring
    return Details(
        title=event.title,
        start=start,
        end=end,
        all_day=event.all_day,
        when=_when_text(start, end, event.all_day),
        place=event.address_text,
        accessibility=event.accessibility_info,
        join_url=event.join_url if registration.status == "confirmed" else "",
        organiser=event.organiser.name if event.organiser_id else "",
        contact=event.contact,
        event_url=event_url,
        personal_url=personal_url,
        # One date of a series is its own entry in the participant's calendar.
        uid=occurrence.uid if recurring_date else event.ical_uid,
        sequence=occurrence.sequence if recurring_date else event.ical_sequence,
        status="cancelled" if cancelled else event.status,
    )


def ics(facts, language):
    """A one-event .ics (bytes) for the participant's own calendar."""
    if facts.all_day:
        start = timezone.localtime(facts.start, recurrence.local_zone()).date()
        end = timezone.localtime(facts.end, recurrence.local_zone()).date() + datetime.timedelta(days=1)
    else:
        start = timezone.localtime(facts.start, recurrence.local_zone())
        end = timezone.localtime(facts.end, recurrence.local_zone())
    lines = [facts.organiser, facts.contact.get("email") or "", facts.join_url]
    lines.append(_("Your registration, and cancelling it if you cannot come:") + " " + facts.personal_url)
    event = Event.new(
        uid=facts.uid,
        summary=facts.title,
        description=strip_tags("\n".join(line for line in lines if line)),
        start=start,
        end=end,
        sequence=facts.sequence,
        status=STATUS.get(facts.status, "CONFIRMED"),
        url=facts.event_url,
        location=facts.place or facts.join_url or None,
        stamp=timezone.now(),
    )
    cal = Calendar.new(prodid=PRODID, language=language)
    cal.add("method", "PUBLISH")
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
