"""Confirmation a person can use: what, when, where, who, how to cancel, an .ics attachment
(read back with icalendar), the waiting-list promotion, and the reminder sent once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from events import registrations
from events.models import EventOccurrence, Registration
from tests.factories import MunicipalityFactory, OrganisationFactory, RegionFactory, local, publish_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(calendar):
    region = RegionFactory(code="19", name_fi="Lappi")
    return publish_event(
        calendar,
        title="Huoli puheeksi -työpaja",
        # Tuesday 9 March 2027, 9–12 Finnish time
        start=local(2027, 3, 9, 9),
        end=local(2027, 3, 9, 12),
        venue_name="Kaupungintalo",
        street_address="Vapaudenkatu 8",
        municipality=MunicipalityFactory(code="320", name_fi="Kemijärvi", region=region),
        organiser=OrganisationFactory(code="lapin-hva", name_fi="Lapin hyvinvointialue"),
        contact_email="koulutus@example.fi",
        registration_enabled=True,
        registration_capacity=1,
    )


def register(client, event, n, **extra):
    data = {"name": f"Osallistuja {n}", "email": f"o{n}@example.fi", "consent": "on", **extra}
    return client.post(event.get_url(), data)


def attached_event(message):
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return event


def test_confirmation_email_says_what_when_where_who_and_how_to_cancel(client, workshop):
    register(client, workshop, 1)
    (message,) = mail.outbox
    body = message.body
    assert "Huoli puheeksi -työpaja" in body
    assert "tiistai 9.3.2027 9:00–12:00" in body and "Europe/Helsinki" in body
    assert "Kaupungintalo, Vapaudenkatu 8, Kemijärvi" in body
    assert "Lapin hyvinvointialue" in body and "koulutus@example.fi" in body
    registration = Registration.objects.get()
    assert f"http://testserver/fi/event-registration/{registration.token}/" in body

    event = attached_event(message)
    assert str(event["SUMMARY"]) == "Huoli puheeksi -työpaja"
    assert event.decoded("DTSTART") == local(2027, 3, 9, 9)
    assert event["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert event.decoded("DTEND") == local(2027, 3, 9, 12)
    assert str(event["LOCATION"]) == "Kaupungintalo, Vapaudenkatu 8, Kemijärvi"
    assert str(event["UID"]) == workshop.ical_uid  # the same entry as the public .ics
    assert str(event["URL"]).startswith("http://testserver/fi/")
    assert registration.token in str(event["DESCRIPTION"])

    # The confirmation page tells the same.
    html = client.get(f"/fi/event-registration/{registration.token}/").content.decode()
    assert "tiistai 9.3.2027 9:00–12:00" in html and "Vapaudenkatu 8" in html
    assert 'href="mailto:koulutus@example.fi"' in html and "Paikka vahvistettu" in html


def test_promotion_email_has_the_same_content_and_the_join_link(client, calendar):
    event = publish_event(
        calendar,
        title="Verkkokoulutus",
        start=local(2027, 3, 10, 13),
        end=local(2027, 3, 10, 15),
        attendance="online",
        join_url="https://meet.example.fi/koulutus",
        registration_enabled=True,
        registration_capacity=1,
    )
    register(client, event, 1)
    register(client, event, 2)
    waiting_mail = mail.outbox[1]
    assert "https://meet.example.fi/koulutus" not in waiting_mail.body
    assert "meet.example.fi" not in str(attached_event(waiting_mail).get("DESCRIPTION", ""))
    first = Registration.objects.get(email="o1@example.fi")
    client.post(f"/fi/event-registration/{first.token}/", {"action": "cancel"})
    promoted = mail.outbox[-1]
    assert promoted.to == ["o2@example.fi"]
    assert "keskiviikko 10.3.2027 13:00–15:00" in promoted.body
    assert "https://meet.example.fi/koulutus" in promoted.body
    ics_event = attached_event(promoted)
    assert ics_event.decoded("DTSTART") == local(2027, 3, 10, 13)
    assert "https://meet.example.fi/koulutus" in str(ics_event["DESCRIPTION"])
    # The cancelled registration reads as a cancelled registration, not a cancelled event.
    html = client.get(f"/fi/event-registration/{first.token}/").content.decode()
    assert "Peruttu ilmoittautuminen" in html and "https://meet.example.fi/koulutus" not in html
    html = client.get(f"/sv/event-registration/{first.token}/").content.decode()
    assert "Avbokad" in html and "Inställt" not in html


def test_series_attachment_is_the_chosen_date(client, calendar):
    event = publish_event(
        calendar,
        title="Ryhmä",
        start=local(2027, 3, 9, 17),
        end=local(2027, 3, 9, 19),
        recurrence_frequency="WEEKLY",
        recurrence_count=3,
        registration_enabled=True,
    )
    second = EventOccurrence.objects.filter(event=event).order_by("start")[1]
    register(client, event, 1, occurrence=registrations.occurrence_key(second))
    ics_event = attached_event(mail.outbox[0])
    assert ics_event.decoded("DTSTART") == local(2027, 3, 16, 17)
    assert str(ics_event["UID"]) == second.uid and "RRULE" not in ics_event
    assert "tiistai 16.3.2027 17:00–19:00" in mail.outbox[0].body


def soon(days, hours=0):
    return (timezone.now() + datetime.timedelta(days=days, hours=hours)).replace(microsecond=0)


def test_reminder_is_sent_once_and_never_after_a_cancellation(client, calendar, settings):
    settings.EVENT_REMINDER_DAYS = 2

    def event(slug, days, **fields):
        return publish_event(
            calendar, title=slug, slug=slug, start=soon(days), end=soon(days, 2), registration_enabled=True, **fields
        )

    near, far = event("huomenna", 1), event("ensi-viikolla", 7)
    cancelled_event = event("peruttu", 1)
    series = event("sarja", 1, recurrence_frequency="DAILY", recurrence_count=2)
    register(client, near, 1)
    register(client, near, 2)
    register(client, far, 3)
    register(client, cancelled_event, 4)
    first_date, second_date = EventOccurrence.objects.filter(event=series).order_by("start")
    register(client, series, 5, occurrence=registrations.occurrence_key(first_date))
    register(client, series, 6, occurrence=registrations.occurrence_key(second_date))
    # Person 2 cancels; the organiser cancels one event and one date of the series.
    client.post(
        f"/fi/event-registration/{Registration.objects.get(email='o2@example.fi').token}/", {"action": "cancel"}
    )
    cancelled_event.status = "cancelled"
    cancelled_event.save_revision().publish()
    EventOccurrence.objects.filter(pk=first_date.pk).update(status="cancelled")
    mail.outbox.clear()

    call_command("send_event_reminders", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == ["o1@example.fi", "o6@example.fi"]
    reminder = next(m for m in mail.outbox if m.to == ["o1@example.fi"])
    assert "Muistutus" in reminder.subject and attached_event(reminder)["SUMMARY"] == "huomenna"
    assert "/fi/event-registration/" in reminder.body
    assert Registration.objects.get(email="o1@example.fi").reminder_sent_at is not None

    call_command("send_event_reminders", verbosity=0)  # the next run: nothing twice
    assert len(mail.outbox) == 2
    assert Registration.objects.filter(reminder_sent_at__isnull=False).count() == 2
