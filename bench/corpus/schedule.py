"""The shape of the generated calendar: when each event takes place, how it repeats, its
status, attendance and registration, in proportions like those of a national calendar of
workshops, trainings and network meetings.

Only the values an editor would type are chosen here (start, end, repetition rule,
exception dates…). Which dates an event really has is decided by the app itself
(``events/recurrence.py``) when the builder syncs the event's occurrences; exception dates
are picked among the dates the app's own expansion of the rule gives.
"""

import datetime
from dataclasses import dataclass, field

from events import recurrence
from events.models import EventPage

# Shares (weights) of each kind of event.
SHAPES = {
    "single": 52,  # one date, 1–4 hours
    "all_day": 6,  # one whole day
    "multi_day": 10,  # 2–3 consecutive days: a seminar, an intensive course
    "weekly": 18,  # a weekly or fortnightly group, with a number of times or a last date
    "monthly": 10,  # a monthly network meeting
    "daily": 4,  # a short course on consecutive days
}
# Series with one or two dates off (a holiday, the organiser's sick leave).
EXDATE_SHARE = 0.3
STATUSES = {
    EventPage.Status.SCHEDULED: 88,
    EventPage.Status.CANCELLED: 5,
    EventPage.Status.POSTPONED: 3,
    EventPage.Status.MOVED_ONLINE: 4,
}
ATTENDANCE = {
    EventPage.Attendance.IN_PERSON: 55,
    EventPage.Attendance.ONLINE: 30,
    EventPage.Attendance.HYBRID: 15,
}
# First dates from half a year back to a year ahead: the archive and the future both fill.
PAST_DAYS, FUTURE_DAYS = 182, 365
REGISTRATION = {"none": 55, "site": 35, "external": 10}
# Languages events are held in (codes of events.EventLanguage) and how often each is added.
EVENT_LANGUAGES = (("fi", 0.9), ("sv", 0.15), ("en", 0.1), ("fse", 0.03), ("se", 0.02))
SHARE_CANCELLING = 0.15  # registrations that are cancelled later through the personal link


def _pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=recurrence.local_zone())


def _end_of_day(day):
    # All-day events end at 23:59 of their last day, as the editor's form and the demo do.
    return _at(day, 23, 59)


@dataclass
class Registrations:
    """Who registers for one event, and when (all through ``events.registrations``)."""

    people: list = field(default_factory=list)  # [(registered at, cancelled at or None)]


def plan_time(rng, today):
    """Start, end and repetition of one event (EventPage field values) and its shape name."""
    shape = _pick(rng, SHAPES)
    day = today + datetime.timedelta(days=rng.randint(-PAST_DAYS, FUTURE_DAYS))
    hour = rng.randint(8, 17)
    minute = rng.choice([0, 0, 0, 30])
    values = {
        "all_day": False,
        "recurrence_frequency": "",
        "recurrence_interval": 1,
        "recurrence_count": None,
        "recurrence_until": None,
        "recurrence_exdates": "",
    }
    if shape == "all_day":
        values.update(start=_at(day, 0), end=_end_of_day(day), all_day=True)
    elif shape == "multi_day":
        last = day + datetime.timedelta(days=rng.randint(1, 2))
        if rng.random() < 0.5:
            values.update(start=_at(day, 0), end=_end_of_day(last), all_day=True)
        else:
            values.update(start=_at(day, 9), end=_at(last, 16))
    else:
        start = _at(day, hour, minute)
        hours = rng.choice([1, 1.5, 2, 2, 3, 4])
        values.update(start=start, end=start + datetime.timedelta(hours=hours))
    if shape == "weekly":
        values.update(recurrence_frequency="WEEKLY", recurrence_interval=rng.choice([1, 1, 1, 2]))
        if rng.random() < 0.6:
            values["recurrence_count"] = rng.randint(4, 12)
        else:
            values["recurrence_until"] = day + datetime.timedelta(weeks=rng.randint(6, 20))
    elif shape == "monthly":
        values["recurrence_frequency"] = "MONTHLY"
        if rng.random() < 0.6:
            values["recurrence_count"] = rng.randint(3, 10)
        else:
            values["recurrence_until"] = day + datetime.timedelta(days=rng.randint(90, 330))
    elif shape == "daily":
        values.update(recurrence_frequency="DAILY", recurrence_count=rng.randint(3, 5))
    if shape in ("weekly", "monthly") and rng.random() < EXDATE_SHARE:
        values["recurrence_exdates"] = _exdates(rng, values)
    return shape, values


def _exdates(rng, values):
    """One or two dates of the series (never the first) as the editor types them."""
    dates = [start.date() for start in recurrence.occurrence_times_without_exceptions(EventPage(**values))]
    candidates = dates[1:]
    if len(candidates) < 2:  # keep at least two dates: a series stays a series
        return ""
    chosen = rng.sample(candidates, k=min(rng.randint(1, 2), len(candidates) - 1))
    return "\n".join(day.isoformat() for day in sorted(chosen))


def plan_details(rng, vocab):
    """Status, attendance and the other facts of one event (EventPage field values)."""
    status = _pick(rng, STATUSES)
    attendance = _pick(rng, ATTENDANCE)
    municipality = rng.choice(vocab.municipalities) if vocab.municipalities else None
    values = {
        "status": status,
        "attendance": attendance,
        "event_type": rng.choice(EventPage.EventType.values),
        "municipality_id": municipality if attendance != EventPage.Attendance.ONLINE else None,
        "organiser_id": rng.choice(vocab.organisations).pk if vocab.organisations else None,
        "price": rng.choice([None, None, None, None, 20, 45, 120]),
    }
    # EventPage.save fills the region from the municipality; online events name a region.
    values["region_id"] = vocab.municipality_region.get(values["municipality_id"]) or (
        rng.choice(vocab.regions) if vocab.regions else None
    )
    if attendance != EventPage.Attendance.IN_PERSON or status == EventPage.Status.MOVED_ONLINE:
        values["join_url"] = f"https://meet.example.fi/{rng.getrandbits(48):012x}"
        values["join_url_visibility"] = rng.choice(
            [EventPage.JoinLinkVisibility.REGISTERED] * 3 + [EventPage.JoinLinkVisibility.PUBLIC]
        )
    languages = [code for code, share in EVENT_LANGUAGES if rng.random() < share and code in vocab.event_languages]
    values["event_languages"] = [
        vocab.event_languages[code] for code in languages or ["fi"] if code in vocab.event_languages
    ]
    return values


def plan_registration(rng, time_values, details, now):
    """Registration settings (EventPage field values) and who registers, when.

    People register 3–40 days before the first date (or an hour ago, for events far ahead)
    and a few cancel a day or two later. Cancelled and postponed events get nobody: the
    registration service refuses them, and the corpus goes through the service.
    """
    mode = _pick(rng, REGISTRATION)
    values = {
        "registration_enabled": False,
        "registration_capacity": None,
        "registration_deadline": None,
        "waiting_list_enabled": True,
        "external_registration_url": "",
    }
    plan = Registrations()
    if mode == "external":
        values["external_registration_url"] = f"https://ilmoittautuminen.example.fi/{rng.getrandbits(32):08x}"
        return values, plan
    if mode == "none":
        return values, plan
    start = time_values["start"]
    count = rng.randint(2, 8)
    values["registration_enabled"] = True
    roll = rng.random()
    if roll < 0.2:
        capacity = None  # unlimited
    elif roll < 0.45:
        capacity = max(1, count - rng.randint(1, 3))  # popular: some end up on the waiting list
    else:
        capacity = rng.randint(count, 60)
    values["registration_capacity"] = capacity
    values["waiting_list_enabled"] = rng.random() < 0.85
    if rng.random() < 0.5:
        values["registration_deadline"] = _at(
            start.astimezone(recurrence.local_zone()).date() - datetime.timedelta(days=2), 23, 59
        )
    if details["status"] in (EventPage.Status.CANCELLED, EventPage.Status.POSTPONED):
        return values, plan
    latest = now - datetime.timedelta(hours=1)
    for _ in range(count):
        registered = min(latest, start - datetime.timedelta(days=rng.randint(3, 40), minutes=rng.randint(0, 600)))
        cancelled = None
        if rng.random() < SHARE_CANCELLING:
            cancelled = min(latest, registered + datetime.timedelta(hours=rng.randint(1, 48)))
        plan.people.append((registered, cancelled))
    plan.people.sort(key=lambda person: person[0])
    return values, plan
