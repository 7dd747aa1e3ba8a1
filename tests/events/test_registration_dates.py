"""Registration per date of a repeating series, join links for registrants only, and the
organiser's contact on every event."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events import registrations
from events.models import EventOccurrence, Registration
from tests.factories import publish_event

pytestmark = pytest.mark.django_db


def future(days=7, hours=0):
    return (timezone.now() + datetime.timedelta(days=days, hours=hours)).replace(microsecond=0)


def open_series(calendar, capacity=1, **fields):
    values = {
        "title": "Perhetyön ryhmä",
        "start": future(),
        "end": future(hours=2),
        "recurrence_frequency": "WEEKLY",
        "recurrence_count": 3,
        "registration_enabled": True,
        "registration_capacity": capacity,
    }
    values.update(fields)
    return publish_event(calendar, **values)


def form_data(n, occurrence, **extra):
    data = {
        "name": f"Osallistuja {n}",
        "email": f"osallistuja{n}@example.fi",
        "consent": "on",
        "occurrence": registrations.occurrence_key(occurrence),
    }
    data.update(extra)
    return data


def dates(event):
    return list(EventOccurrence.objects.filter(event=event).order_by("start"))


def test_each_date_has_its_own_places_and_waiting_list(client, calendar):
    event = open_series(calendar, capacity=1)
    first, second, third = dates(event)
    html = client.get(event.get_url()).content.decode()
    assert 'for="id_occurrence"' in html
    for occurrence in (first, second, third):
        assert registrations.occurrence_key(occurrence) in html

    assert client.post(event.get_url(), form_data(1, second)).status_code == 302
    assert client.post(event.get_url(), form_data(2, second)).status_code == 302
    assert client.post(event.get_url(), form_data(3, third)).status_code == 302
    # The same person may come to another date, but not twice to one date.
    assert client.post(event.get_url(), form_data(1, third)).status_code == 302
    again = client.post(event.get_url(), form_data(1, second))
    assert again.status_code == 200 and again.context["form"].errors["email"]

    rows = {(r.email, r.occurrence_id): r.status for r in Registration.objects.all()}
    assert rows[("osallistuja1@example.fi", second.pk)] == "confirmed"
    assert rows[("osallistuja2@example.fi", second.pk)] == "waiting"
    assert rows[("osallistuja3@example.fi", third.pk)] == "confirmed"
    assert rows[("osallistuja1@example.fi", third.pk)] == "waiting"
    assert registrations.places_left(event, first) == 1 and registrations.places_left(event, second) == 0

    # The full date is offered as a waiting list; the free one with its places.
    labels = dict(client.get(event.get_url()).context["form"].fields["occurrence"].choices)
    assert "jono" in labels[registrations.occurrence_key(second)].lower()
    assert "1 paikka jäljellä" in labels[registrations.occurrence_key(first)]

    # Cancelling on one date promotes that date's waiting list only.
    confirmed = Registration.objects.get(email="osallistuja1@example.fi", occurrence=second)
    client.post(f"/fi/event-registration/{confirmed.token}/", {"action": "cancel"})
    assert Registration.objects.get(email="osallistuja2@example.fi").status == "confirmed"
    assert Registration.objects.get(email="osallistuja1@example.fi", occurrence=third).status == "waiting"


def test_only_future_open_dates_with_room_are_offered(client, calendar):
    event = open_series(
        calendar,
        capacity=1,
        waiting_list_enabled=False,
        start=future(days=-1),
        end=future(days=-1, hours=2),
        recurrence_count=4,
    )
    past, cancelled, full, free = dates(event)
    EventOccurrence.objects.filter(pk=cancelled.pk).update(status="cancelled")
    client.post(event.get_url(), form_data(1, full))
    offered = [key for key, _label in client.get(event.get_url()).context["form"].fields["occurrence"].choices if key]
    assert offered == [registrations.occurrence_key(free)]
    # Hand-made submissions for dates not on offer are form errors, never registrations or 500s.
    for occurrence in (past, cancelled, full):
        response = client.post(event.get_url(), form_data(2, occurrence))
        assert response.status_code == 200 and response.context["form"].errors["occurrence"]
    for key in ("", "not-a-date", "20990101T000000Z"):
        response = client.post(event.get_url(), {**form_data(2, free), "occurrence": key})
        assert response.status_code == 200 and response.context["form"].errors["occurrence"]
    assert Registration.objects.count() == 1


def test_the_lock_rechecks_the_date(calendar):
    """A date cancelled between showing the form and submitting it is refused under the lock."""
    event = open_series(calendar)
    occurrence = dates(event)[0]
    EventOccurrence.objects.filter(pk=occurrence.pk).update(status="cancelled")
    with pytest.raises(registrations.RegistrationClosed):
        registrations.register(event, form_data(1, occurrence))


def test_date_list_query_count_is_constant(client, calendar, django_assert_max_num_queries):
    small = open_series(calendar, slug="pieni", recurrence_count=2)
    big = open_series(calendar, slug="iso", recurrence_count=40)
    for event in (small, big):
        with django_assert_max_num_queries(3):
            choices = registrations.date_choices(event)
        assert len(choices) == (2 if event is small else 40)


def test_join_link_only_to_registered_participants(client, calendar):
    secret = "https://meet.example.fi/salainen"
    event = publish_event(
        calendar,
        title="Verkkotapaaminen",
        start=future(),
        end=future(hours=1),
        attendance="online",
        join_url=secret,
        registration_enabled=True,
    )
    public = [
        client.get(event.get_url()).content.decode(),
        client.get(f"/api/v2/pages/{event.pk}/").content.decode(),
        client.get(calendar.get_url() + "rss/").content.decode(),
        client.get(calendar.get_url() + "atom/").content.decode(),
    ]
    public.append(client.get(reverse("events_feeds:event_ical", kwargs={"page_id": event.pk})).content.decode())
    public.append(client.get(reverse("events_feeds:calendar_ical", kwargs={"index_id": calendar.pk})).content.decode())
    assert "Verkkotapaaminen" in public[0]
    assert all(secret not in text for text in public)
    client.post(event.get_url(), {"name": "A", "email": "a@example.fi", "consent": "on"})
    assert secret in mail.outbox[-1].body
    registration = Registration.objects.get()
    assert secret in client.get(f"/fi/event-registration/{registration.token}/").content.decode()


def test_registrants_only_link_needs_registration(calendar):
    event = publish_event(
        calendar,
        title="Webinaari",
        attendance="online",
        join_url="https://meet.example.fi/x",
        registration_enabled=True,
    )
    # Turning registration off leaves nobody to send the link to: the editor's form refuses it.
    event.registration_enabled = False
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "join_url_visibility" in error.value.message_dict
    event.join_url_visibility = "public"
    event.full_clean()


def test_every_event_names_whom_to_ask(client, calendar, settings):
    settings.EVENTS_CONTACT_EMAIL = "tapahtumat@example.fi"
    plain = publish_event(calendar, title="Ilman yhteyshenkilöä", slug="ilman")
    own = publish_event(
        calendar,
        title="Oma yhteyshenkilö",
        slug="oma",
        contact_name="Koulutussuunnittelija",
        contact_email="koulutus@example.fi",
        contact_phone="040 000 0000",
    )
    html = client.get(plain.get_url()).content.decode()
    assert "Kysy järjestäjältä" in html and "mailto:tapahtumat@example.fi" in html
    html = client.get(own.get_url()).content.decode()
    assert "mailto:koulutus@example.fi" in html and "Koulutussuunnittelija" in html and 'href="tel:0400000000"' in html
    api = client.get(f"/api/v2/pages/{own.pk}/", {"fields": "contact"}).json()
    assert api["contact"]["email"] == "koulutus@example.fi"


def parallel_registrations_for_one_date_never_exceed_its_places(calendar):
    """Run by tests/events/test_registration.py::test_parallel_registrations_never_exceed_capacity
    on PostgreSQL: one transactional test only, because pytest-django flushes the database
    (Wagtail's root page with it) after each, and the next one could not build the site."""
    capacity, people = 2, 10
    event = open_series(calendar, capacity=capacity)
    first, second, _third = dates(event)
    url = event.get_url()
    barrier = threading.Barrier(people)
    statuses = []

    def submit(n):
        try:
            barrier.wait(timeout=30)
            # Half choose the first date, half the second, all at once.
            statuses.append(Client().post(url, form_data(n, first if n % 2 else second)).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert statuses.count(302) == people
    for occurrence in (first, second):
        rows = Registration.objects.filter(occurrence=occurrence)
        assert rows.confirmed().count() == capacity
        assert rows.waiting().count() == people // 2 - capacity
