"""The key of participants' needs: separate from SECRET_KEY, rotatable, and loud when it is lost.

Participants register through the real event page; organisers read the needs in the admin
view and its CSV export, as a site administrator.
"""

import io
import logging
import re

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import translation

from events import crypto
from events.admin_views import UNREADABLE_NEEDS
from events.models import Registration

from .test_registration import open_event, register

pytestmark = pytest.mark.django_db

KEY_A, KEY_B, KEY_LOST = (Fernet.generate_key().decode() for _ in range(3))
NEEDS = {1: "Gluteeniton ruokavalio", 2: "Pyörätuoli", 3: "Induktiosilmukka"}


def keys(*values):
    return override_settings(REGISTRATION_ENCRYPTION_KEY=",".join(values))


@pytest.fixture
def organiser(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.fi", "pw")

    def view(event, **params):
        client.force_login(admin)
        return client.get(f"/admin/events/{event.pk}/registrations/", params)

    return view


def register_all(client, event, numbers=NEEDS):
    for n in numbers:
        assert register(client, event, n, needs=NEEDS.get(n, "")).status_code == 302


def test_needs_survive_a_change_of_secret_key(client, calendar, organiser):
    event = open_event(calendar, capacity=10)
    with keys(KEY_A):
        register_all(client, event)
        with override_settings(SECRET_KEY="a-completely-different-secret-key-after-rotation"):
            html = organiser(event).content.decode()
    assert all(text in html for text in NEEDS.values())


def test_a_lost_key_is_a_visible_error_never_a_blank_and_nothing_is_overwritten(client, calendar, organiser, caplog):
    event = open_event(calendar, capacity=10)
    with keys(KEY_A):
        register_all(client, event)
    stored = dict(Registration.objects.values_list("pk", "needs_encrypted"))
    with translation.override("fi"):  # the admin's language (LANGUAGE_CODE)
        marker = str(UNREADABLE_NEEDS)

    with keys(KEY_LOST), caplog.at_level(logging.ERROR, logger="events.crypto"):
        response = organiser(event)
        html = response.content.decode()
        csv_text = organiser(event, format="csv").content.decode("utf-8-sig")
    assert response.status_code == 200
    assert html.count(f"<strong>{marker}</strong>") == 3
    assert re.search(r'role="alert">\s*<p>3 ilmoittautumisen', html)
    assert csv_text.count(marker) == 3
    assert not any(text in html + csv_text for text in NEEDS.values())
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 6  # each row, in the view and in the export
    assert all("REGISTRATION_ENCRYPTION_KEY" in r.getMessage() and KEY_LOST not in r.getMessage() for r in errors)
    assert dict(Registration.objects.values_list("pk", "needs_encrypted")) == stored

    # Recovery: list the old key again (after the new one) and everything reads as before.
    with keys(KEY_LOST, KEY_A):
        html = organiser(event).content.decode()
    assert all(text in html for text in NEEDS.values()) and marker not in html


def test_decrypt_raises_its_own_error_and_logs_it(caplog):
    with keys(KEY_A):
        token = crypto.encrypt("Laktoositon")
        assert crypto.decrypt(token) == "Laktoositon"
        assert crypto.decrypt("") == ""
    with keys(KEY_B), caplog.at_level(logging.ERROR, logger="events.crypto"):
        for broken in (token, "not-a-token", "äö"):
            with pytest.raises(crypto.DecryptionFailed):
                crypto.decrypt(broken, label="the needs of registration 7")
    assert len(caplog.records) == 3
    assert "the needs of registration 7" in caplog.records[0].getMessage()


def test_rotation_re_encrypts_every_need_with_the_newest_key_in_batches(client, calendar):
    event = open_event(calendar, capacity=10)
    with keys(KEY_A):
        register_all(client, event)
        register(client, event, 4)  # no needs: nothing to rotate
    with keys(KEY_LOST):
        register(client, event, 5, needs="Salattu kadonneella avaimella")
    lost = Registration.objects.get(email="osallistuja5@example.fi")
    before = dict(Registration.objects.values_list("pk", "needs_encrypted"))

    with keys(KEY_B, KEY_A):
        out = io.StringIO()
        with pytest.raises(CommandError):
            call_command("rotate_registration_keys", "--dry-run", batch_size=2, stdout=out)
        assert "Would re-encrypt 3 registrations" in out.getvalue()
        assert dict(Registration.objects.values_list("pk", "needs_encrypted")) == before

        out = io.StringIO()
        with pytest.raises(CommandError, match=rf"1 registrations \(ids {lost.pk}\)"):
            call_command("rotate_registration_keys", batch_size=2, stdout=out)
        assert (
            "Re-encrypted 3 registrations with the newest key; 0 already used it; "
            "0 changed meanwhile and were left alone; 1 could not be decrypted."
        ) in out.getvalue()

    # The old key can go: the newest alone opens every rotated need, with the same text.
    with keys(KEY_B):
        for row in Registration.objects.exclude(pk=lost.pk).exclude(needs_encrypted=""):
            assert row.needs == NEEDS[int(row.email.removeprefix("osallistuja").split("@")[0])]
    lost.refresh_from_db()
    assert lost.needs_encrypted == before[lost.pk]  # unreadable data is never overwritten

    # Rerunning is safe: nothing left to do.
    with keys(KEY_B, KEY_A):
        out = io.StringIO()
        with pytest.raises(CommandError):
            call_command("rotate_registration_keys", batch_size=2, stdout=out)
        assert "Re-encrypted 0 registrations with the newest key; 3 already used it" in out.getvalue()


def test_rotation_never_brings_back_needs_erased_meanwhile(client, calendar, monkeypatch):
    """A row purged (or changed) between reading a batch and writing it keeps its new value."""
    event = open_event(calendar, capacity=10)
    with keys(KEY_A):
        register_all(client, event, numbers=[1])
    row = Registration.objects.get()
    real_rotate = crypto.rotate

    def purge_then_rotate(token, label=""):
        Registration.objects.filter(pk=row.pk).update(needs_encrypted="", name="")
        return real_rotate(token, label)

    monkeypatch.setattr(crypto, "rotate", purge_then_rotate)
    with keys(KEY_B, KEY_A):
        out = io.StringIO()
        call_command("rotate_registration_keys", stdout=out)
    assert "1 changed meanwhile and were left alone" in out.getvalue()
    row.refresh_from_db()
    assert row.needs_encrypted == ""


def test_the_development_fallback_key_is_announced_by_the_system_check():
    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    assert "events.I001" in out.getvalue()
    with override_settings(REGISTRATION_ENCRYPTION_KEY=KEY_A, REGISTRATION_ENCRYPTION_KEY_DERIVED=False):
        out = io.StringIO()
        call_command("check", stdout=out, stderr=out)
    assert "events.I001" not in out.getvalue()
