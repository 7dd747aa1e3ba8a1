"""Registration as participants and organisers see it: form, places, waiting list, cancel links,
encrypted needs, admin export, retention, and no overbooking under parallel submissions."""

import datetime
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale

from core.localization import translate_page
from events.models import Registration
from tests.events.test_registration_dates import parallel_registrations_for_one_date_never_exceed_its_places
from tests.factories import publish_event

pytestmark = pytest.mark.django_db


def future(days=10, hours=0):
    value = timezone.now() + datetime.timedelta(days=days, hours=hours)
    return value.replace(microsecond=0)


def open_event(calendar, capacity=2, **fields):
    return publish_event(
        calendar,
        title="Huoli puheeksi -koulutus",
        start=future(),
        end=future(hours=3),
        registration_enabled=True,
        registration_capacity=capacity,
        **fields,
    )


def form_data(n=1, **extra):
    data = {
        "name": f"Osallistuja {n}",
        "email": f"osallistuja{n}@example.fi",
        "organisation": "Kunta",
        "needs": "",
        "consent": "on",
    }
    data.update(extra)
    return data


def register(client, event, n=1, **extra):
    return client.post(event.get_url(), form_data(n, **extra))


def personal_link(message):
    return next(line for line in message.body.splitlines() if "/event-registration/" in line).strip()


def test_form_is_accessible_and_private(client, calendar):
    event = open_event(calendar)
    response = client.get(event.get_url())
    html = response.content.decode()
    assert 'for="id_name"' in html and 'for="id_email"' in html and 'for="id_consent"' in html
    assert 'autocomplete="email"' in html
    # Consent links the privacy notice page.
    assert "tietosuoja" in html.lower() or "privacy" in html.lower()
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_register_confirm_waitlist_cancel_and_promote(client, calendar):
    event = open_event(calendar, capacity=1, join_url="https://meet.example.fi/abc")
    first = register(client, event, 1, needs="Gluteeniton ruokavalio")
    assert first.status_code == 302 and "/event-registration/" in first["Location"]
    assert first["Cache-Control"].count("no-store") or "no-cache" in first["Cache-Control"]
    second = register(client, event, 2)
    assert second.status_code == 302
    rows = {r.email: r for r in Registration.objects.all()}
    assert rows["osallistuja1@example.fi"].status == "confirmed"
    assert rows["osallistuja2@example.fi"].status == "waiting"
    # Needs are stored encrypted, readable only through the key.
    assert "Gluteeniton" not in rows["osallistuja1@example.fi"].needs_encrypted
    assert rows["osallistuja1@example.fi"].needs == "Gluteeniton ruokavalio"

    assert len(mail.outbox) == 2
    confirmation, waiting = mail.outbox
    assert "https://meet.example.fi/abc" in confirmation.body  # join link only to registered
    assert "https://meet.example.fi/abc" not in waiting.body
    assert "https://meet.example.fi/abc" not in client.get(event.get_url()).content.decode()

    # The personal page: GET shows, never cancels (link scanners follow GET links).
    link = personal_link(confirmation)
    path = link[link.index("/fi/") :]
    page = client.get(path)
    assert page.status_code == 200
    assert "private" in page["Cache-Control"]  # a personal page: never in a shared cache
    assert Registration.objects.get(email="osallistuja1@example.fi").status == "confirmed"

    # Duplicate e-mail: a field error.
    again = register(client, event, 1)
    assert again.status_code == 200 and again.context["form"].errors["email"]
    assert "Tällä sähköpostiosoitteella on jo ilmoittauduttu" in again.content.decode()

    response = client.post(path, {"action": "cancel"})
    assert response.status_code == 200
    assert Registration.objects.get(email="osallistuja1@example.fi").status == "cancelled"
    promoted = Registration.objects.get(email="osallistuja2@example.fi")
    assert promoted.status == "confirmed" and promoted.promoted_at is not None
    assert mail.outbox[-1].to == ["osallistuja2@example.fi"]
    assert "https://meet.example.fi/abc" in mail.outbox[-1].body
    # Cancelling again changes nothing.
    client.post(path, {"action": "cancel"})
    assert Registration.objects.confirmed().count() == 1


def test_cancel_link_cannot_cancel_someone_else(client, calendar):
    event = open_event(calendar, capacity=5)
    register(client, event, 1)
    register(client, event, 2)
    mine = Registration.objects.get(email="osallistuja1@example.fi")
    theirs = Registration.objects.get(email="osallistuja2@example.fi")
    # Forged: their public id with my signature, or their id unsigned, or garbage.
    my_signature = mine.token.split(":", 1)[1]
    for token in (f"{theirs.public_id}:{my_signature}", theirs.public_id, "x" * 40, f"{theirs.public_id}:"):
        response = client.post(f"/fi/event-registration/{token}/", {"action": "cancel"})
        assert response.status_code == 404
    assert Registration.objects.get(pk=theirs.pk).status == "confirmed"
    client.post(f"/fi/event-registration/{mine.token}/", {"action": "cancel"})
    assert Registration.objects.get(pk=mine.pk).status == "cancelled"
    assert Registration.objects.get(pk=theirs.pk).status == "confirmed"


def test_deadline_and_full_without_waiting_list(client, calendar):
    closed = open_event(calendar, registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    response = register(client, closed)
    assert Registration.objects.count() == 0
    assert "Ilmoittautuminen tähän tapahtumaan on päättynyt." in response.content.decode()
    full = publish_event(
        calendar,
        title="Täysi",
        slug="taysi",
        start=future(),
        end=future(hours=1),
        registration_enabled=True,
        registration_capacity=1,
        waiting_list_enabled=False,
    )
    register(client, full, 1)
    response = register(client, full, 2)
    assert response.status_code == 200 and Registration.objects.filter(event=full).count() == 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Enter your name.",
                "Enter an e-mail address in the form name@example.fi.",
                "You must agree to the use of your details to register.",
            ],
        ),
        (
            "sv",
            [
                "Ange ditt namn.",
                "Ange en e-postadress i formen namn@exempel.fi.",
                "Du måste godkänna att dina uppgifter används för att kunna anmäla dig.",
            ],
        ),
    ],
)
def test_bad_input_gives_field_errors_in_visitors_language(client, calendar, language, expected):
    event = open_event(calendar)
    target = translate_page(
        event, Locale.objects.get(language_code=language), {"title": "Training", "summary": "Summary."}
    ).page
    response = client.post(target.get_url(), {"name": " ", "email": "not-an-address", "consent": ""})
    assert response.status_code == 200
    html = response.content.decode()
    for message in expected:
        assert message in html
    assert 'aria-invalid="true"' in html or 'class="field-error"' in html
    assert Registration.objects.count() == 0


@pytest.mark.parametrize("consent", ["off", "false", "no", "0", "1", "true", "yes", "ON", " on", "", None])
def test_only_a_ticked_box_counts_as_consent(client, calendar, consent):
    event = open_event(calendar)
    data = form_data()
    if consent is None:
        del data["consent"]
    else:
        data["consent"] = consent
    response = client.post(event.get_url(), data)
    assert response.status_code == 200
    assert response.context["form"].errors["consent"]
    html = response.content.decode()
    assert 'id="id_consent-error"' in html
    assert 'name="consent" value="on" id="id_consent" required' in html  # shown again unticked
    assert Registration.objects.count() == 0 and not mail.outbox


def test_the_ticked_box_registers_and_stays_ticked_when_another_field_fails(client, calendar):
    event = open_event(calendar)
    html = client.get(event.get_url()).content.decode()
    assert 'type="checkbox" name="consent" value="on"' in html  # what the browser sends when ticked
    response = client.post(event.get_url(), form_data(email="not-an-address"))
    assert "consent" not in response.context["form"].errors
    assert 'name="consent" value="on" id="id_consent" checked' in response.content.decode()
    assert register(client, event).status_code == 302
    assert Registration.objects.get().consent_at is not None


def test_a_forged_consent_value_gets_a_clear_message_in_the_visitors_language(client, calendar):
    event = open_event(calendar)
    sv_page = translate_page(
        event, Locale.objects.get(language_code="sv"), {"title": "Utbildning", "summary": "S."}
    ).page
    for page, message in (
        (event, "Suostumus on annettu vain, jos valintaruutu on valittu."),
        (sv_page, "Samtycke gäller bara om rutan är ikryssad."),
    ):
        response = client.post(page.get_url(), form_data(consent="off"))
        assert message in response.content.decode()
    assert Registration.objects.count() == 0


def test_places_are_shared_across_translations(client, calendar):
    event = open_event(calendar, capacity=1)
    sv_page = translate_page(
        event, Locale.objects.get(language_code="sv"), {"title": "Utbildning", "summary": "S."}
    ).page
    register(client, event, 1)
    client.post(sv_page.get_url(), form_data(2))
    assert Registration.objects.get(email="osallistuja2@example.fi").status == "waiting"
    assert Registration.objects.get(email="osallistuja2@example.fi").language == "sv"
    assert "/sv/event-registration/" in mail.outbox[-1].body


def test_admin_view_and_csv_for_editors_only(client, calendar):
    event = open_event(calendar)
    register(client, event, 1, needs="Pyörätuoli", name='=HYPERLINK("x")')
    User = get_user_model()
    admin = User.objects.create_superuser("admin", "admin@example.fi", "pw")
    client.force_login(admin)
    url = f"/admin/events/{event.pk}/registrations/"
    html = client.get(url).content.decode()
    assert "Pyörätuoli" in html and "osallistuja1@example.fi" in html
    csv_text = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert "Pyörätuoli" in csv_text and "'=HYPERLINK" in csv_text
    # Button on the page in the admin.
    assert url in client.get(f"/admin/pages/{event.pk}/edit/").content.decode()

    from django.contrib.auth.models import Group, Permission

    outsider = User.objects.create_user("outsider", "o@example.fi", "pw")
    group = Group.objects.create(name="Admin access")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    outsider.groups.add(group)
    client.force_login(outsider)
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert "Pyörätuoli" not in response.content.decode()


def test_purge_erases_exactly_ended_events_after_retention(calendar, settings):
    settings.REGISTRATION_RETENTION_DAYS = 30
    now = timezone.now()
    old = publish_event(
        calendar,
        title="Vanha",
        slug="vanha",
        start=now - datetime.timedelta(days=40),
        end=now - datetime.timedelta(days=40, hours=-2),
    )
    recent = publish_event(
        calendar,
        title="Tuore",
        slug="tuore",
        start=now - datetime.timedelta(days=10),
        end=now - datetime.timedelta(days=10, hours=-2),
    )
    # A series whose last date is still ahead keeps its data.
    series = publish_event(
        calendar,
        title="Sarja",
        slug="sarja",
        start=now - datetime.timedelta(days=60),
        end=now - datetime.timedelta(days=60, hours=-2),
        recurrence_frequency="MONTHLY",
        recurrence_count=4,
    )

    def make(event, n):
        reg = Registration(
            event=event,
            status="confirmed",
            name=f"Nimi {n}",
            email=f"{n}@example.fi",
            organisation="Org",
            consent_at=now,
        )
        reg.needs = "Laktoositon"
        reg.save()
        return reg

    erased, kept_recent, kept_series = make(old, 1), make(recent, 2), make(series, 3)
    call_command("purge_registrations", verbosity=0)
    erased.refresh_from_db()
    assert (erased.name, erased.email, erased.organisation, erased.needs_encrypted) == ("", "", "", "")
    assert erased.anonymised_at is not None and erased.status == "confirmed"
    for row in (kept_recent, kept_series):
        row.refresh_from_db()
        assert row.email and row.needs == "Laktoositon" and row.anonymised_at is None
    stamp = erased.anonymised_at
    call_command("purge_registrations", verbosity=0)  # daily re-run: nothing changes
    erased.refresh_from_db()
    assert erased.anonymised_at == stamp
    assert Registration.objects.count() == 3


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks (SELECT … FOR UPDATE) are tested on PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_never_exceed_capacity(postgresql_only, calendar):
    capacity, people = 3, 12
    event = open_event(calendar, capacity=capacity, waiting_list_enabled=True)
    url = event.get_url()
    barrier = threading.Barrier(people)
    statuses = []

    def submit(n):
        try:
            client = Client()
            barrier.wait(timeout=30)
            statuses.append(client.post(url, form_data(n)).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert statuses.count(302) == people
    assert Registration.objects.filter(event=event).confirmed().count() == capacity
    assert Registration.objects.filter(event=event).waiting().count() == people - capacity

    # Parallel cancellations promote exactly as many people as places freed.
    confirmed = list(Registration.objects.filter(event=event).confirmed())
    barrier2 = threading.Barrier(len(confirmed))

    def cancel(token):
        try:
            barrier2.wait(timeout=30)
            Client().post(f"/fi/event-registration/{token}/", {"action": "cancel"})
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r.token,)) for r in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert Registration.objects.filter(event=event).confirmed().count() == capacity
    assert Registration.objects.filter(event=event, status="cancelled").count() == capacity

    # The same for the dates of a series: places per date (tests/events/test_registration_dates.py).
    parallel_registrations_for_one_date_never_exceed_its_places(calendar)
