"""The audit's registration scenarios on the production settings (items 1, 8 and 9 of issue 14).

Participants' details, and above all their dietary and accessibility needs (health data),
belong to the event's organisers: the editors of the section that holds the event, the
moderators and the site administrators. Translators never see them, whichever translation's
URL they open. Every event here is made through the normal save path below the real demo
calendar, and every participant registers through the real event page.
"""

import datetime
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale
from wagtail_localize.models import Translation

from core.localization import translate_page
from editorial.models import OrganisationSectionPage
from events.admin_views import UNREADABLE_NEEDS
from events.models import EventIndexPage, EventPage, Registration
from tests.factories import publish_event

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ROLES = ("admin", "moderaattori", "toimittaja-lappi", "toimittaja-pirkanmaa", "kaantaja", None)
LANGUAGES = ("fi", "sv", "en")
NEEDS = "Keliakia: gluteeniton ruokavalio, pyörätuolipaikka"
PARTICIPANT = "osallistuja.matriisi@example.fi"
# Who sees the participants of an event, by where the (Finnish source) event lives.
ORGANISERS = {
    "lapland-section": {"admin", "moderaattori", "toimittaja-lappi"},
    "calendar": {"admin", "moderaattori"},
}
BUTTON = re.compile(r'href="/admin/events/\d+/registrations/"')


def _finnish_calendar():
    return EventIndexPage.objects.get(locale__language_code="fi")


def _translate(event):
    pages = {"fi": event}
    for code in ("sv", "en"):
        locale = Locale.objects.get(language_code=code)
        pages[code] = translate_page(
            event, locale, {"title": f"{event.title} ({code})", "summary": f"Summary {code}."}
        ).page
    return pages


def _lapland_section_event():
    """A new event in Lapland's section of the calendar, translated into sv and en."""
    section = OrganisationSectionPage.objects.child_of(_finnish_calendar()).get(
        organisation__code="lapin-hyvinvointialue"
    )
    event = publish_event(
        section,
        title="Lapin työpaja",
        slug="lapin-tyopaja-audit",
        start=_future(10),
        end=_future(10, hours=3),
        registration_enabled=True,
        registration_capacity=20,
    )
    return _translate(event)


def _calendar_event():
    """A demo event placed directly in the calendar (no organisation section), with its sv/en
    translations from the demo, open for registration."""
    for event in EventPage.objects.child_of(_finnish_calendar()).live().order_by("pk"):
        pages = {"fi": event}
        for code in ("sv", "en"):
            pages[code] = event.get_translation_or_none(Locale.objects.get(language_code=code))
        if event.registration_is_open() and all(pages.values()):
            return pages
    pytest.fail("the demo has no open event with sv and en translations directly in the calendar")


def _future(days, hours=0):
    return (timezone.now() + datetime.timedelta(days=days, hours=hours)).replace(microsecond=0)


def _register(client, event, email=PARTICIPANT, needs=NEEDS, **extra):
    data = {"name": "Matti Matriisi", "email": email, "organisation": "Kunta", "needs": needs, "consent": "on"}
    data.update(extra)
    return client.post(event.get_url(), data)


@pytest.fixture(params=["lapland-section", "calendar"])
def placed_event(request, client):
    """(placement, {language: page}) with one participant registered on the Finnish page."""
    pages = _lapland_section_event() if request.param == "lapland-section" else _calendar_event()
    response = _register(client, pages["fi"])
    assert response.status_code == 302, response.content.decode()[:500]
    client.logout()
    return request.param, pages


def _as(role, client, login):
    if role is None:
        client.logout()
        return client
    return login(role)


@pytest.mark.parametrize("export", ["html", "csv"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_participants_show_only_to_the_events_organisers(placed_event, role, language, export, client, login):
    placement, pages = placed_event
    client = _as(role, client, login)
    url = reverse("events_registrations", args=[pages[language].pk])
    response = client.get(url, {"format": "csv"} if export == "csv" else {})
    body = response.content.decode("utf-8-sig")
    if role in ORGANISERS[placement]:
        assert response.status_code == 200
        assert NEEDS in body and PARTICIPANT in body
        if export == "csv":
            assert response["Content-Type"].startswith("text/csv")
        assert "no-store" in response["Cache-Control"]
    else:
        assert NEEDS not in body and PARTICIPANT not in body
        assert response.status_code == 302
        expected = reverse("wagtailadmin_login") if role is None else reverse("wagtailadmin_home")
        assert response["Location"].split("?")[0] == expected


def _edit_in_wagtails_editor(page, login):
    """A translation opens in wagtail-localize's translation editor, which has no page header
    buttons; once its synchronisation is stopped (the real admin action, as the site
    administrator) it opens in Wagtail's page editor like the source."""
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=page.locale)
    client = login("admin")
    response = client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.pk]),
        {"next": reverse("wagtailadmin_pages:edit", args=[page.pk])},
    )
    assert response.status_code == 302
    translation.refresh_from_db()
    assert not translation.enabled


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_the_registrations_button_follows_the_same_rule(placed_event, role, language, client, login):
    placement, pages = placed_event
    if language != "fi":
        _edit_in_wagtails_editor(pages[language], login)
    client = _as(role, client, login)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[pages[language].pk]))
    html = response.content.decode()
    if role in ORGANISERS[placement]:
        assert response.status_code == 200
        assert f'href="{reverse("events_registrations", args=[pages["fi"].pk])}"' in html
    else:
        # Either the user may not edit this translation at all, or the editor has no button.
        assert response.status_code in (200, 302)
        assert not BUTTON.search(html)
    if role == "kaantaja" and language != "fi":
        assert response.status_code == 200  # the translator edits the translation, without the button


# --- Item 8: only a ticked box is consent ----------------------------------------------------


@pytest.mark.parametrize("consent", ["off", "false", "no", "yes", ""])
def test_an_unticked_or_forged_consent_never_registers(client, consent):
    pages = _lapland_section_event()
    response = _register(client, pages["fi"], consent=consent)
    assert response.status_code == 200
    assert 'id="id_consent-error"' in response.content.decode()
    assert not Registration.objects.filter(email=PARTICIPANT).exists()
    assert _register(client, pages["fi"], consent="on").status_code == 302
    assert Registration.objects.filter(email=PARTICIPANT).count() == 1


# --- Item 9: the needs' key is separate, rotatable, and loud when lost ----------------------


def _unreadable_marker():
    with translation.override("fi"):  # the admin's language (LANGUAGE_CODE)
        return str(UNREADABLE_NEEDS)


def _registrations_as_admin(client, login, event, **params):
    client = login("admin")
    return client.get(reverse("events_registrations", args=[event.pk]), params)


def test_the_audit_run_has_a_registration_key_of_its_own():
    assert settings.REGISTRATION_ENCRYPTION_KEY
    assert settings.REGISTRATION_ENCRYPTION_KEY_DERIVED is False


def test_rotating_secret_key_keeps_every_participants_needs(client, login):
    pages = _lapland_section_event()
    assert _register(client, pages["fi"]).status_code == 302
    with override_settings(SECRET_KEY="a-new-secret-key-after-a-rotation-" + "x" * 40):
        html = _registrations_as_admin(client, login, pages["fi"]).content.decode()
    assert NEEDS in html and _unreadable_marker() not in html


def test_a_lost_registration_key_is_a_visible_error_and_the_data_stays(client, login, caplog):
    pages = _lapland_section_event()
    assert _register(client, pages["fi"]).status_code == 302
    stored = Registration.objects.get(email=PARTICIPANT).needs_encrypted
    new_key = Fernet.generate_key().decode()
    with override_settings(REGISTRATION_ENCRYPTION_KEY=new_key):
        html = _registrations_as_admin(client, login, pages["fi"]).content.decode()
        csv_text = _registrations_as_admin(client, login, pages["fi"], format="csv").content.decode("utf-8-sig")
    for body in (html, csv_text):
        assert _unreadable_marker() in body and NEEDS not in body and PARTICIPANT in body
    assert 'role="alert"' in html
    assert any(r.levelname == "ERROR" and r.name == "events.crypto" for r in caplog.records)
    assert Registration.objects.get(email=PARTICIPANT).needs_encrypted == stored
    # The old key listed again after the new one: readable again.
    with override_settings(REGISTRATION_ENCRYPTION_KEY=f"{new_key},{settings.REGISTRATION_ENCRYPTION_KEY}"):
        assert NEEDS in _registrations_as_admin(client, login, pages["fi"]).content.decode()


def test_the_registration_key_rotates_without_losing_a_need(client, login):
    pages = _lapland_section_event()
    assert _register(client, pages["fi"]).status_code == 302
    old_key, new_key = settings.REGISTRATION_ENCRYPTION_KEY, Fernet.generate_key().decode()
    with override_settings(REGISTRATION_ENCRYPTION_KEY=f"{new_key},{old_key}"):
        call_command("rotate_registration_keys", stdout=io.StringIO())
    with override_settings(REGISTRATION_ENCRYPTION_KEY=new_key):  # the old key is gone
        html = _registrations_as_admin(client, login, pages["fi"]).content.decode()
    assert NEEDS in html and _unreadable_marker() not in html


def test_production_settings_refuse_to_start_without_the_registration_key():
    env = {k: v for k, v in os.environ.items() if k != "REGISTRATION_ENCRYPTION_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "REGISTRATION_ENCRYPTION_KEY must be set" in result.stderr
