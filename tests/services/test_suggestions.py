"""Suggest a service: form → e-mail confirmation → moderation → draft → published; forged
tokens refused; spam trap; the stale-service flag, dashboard panel and reminders."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from editorial.roles import MODERATORS
from services.models import ServicePage, ServiceSuggestion
from services.stale import stale_services
from services.suggestions import suggestions_for_user

from .conftest import make_service

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Kylän kahvila",
    "provider_name": "Kyläyhdistys",
    "description": "Avoin kahvila kaikille torstaisin.",
    "contact": "kahvila@example.org",
    "email": "lahettaja@example.org",
}


def confirm_url(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderaattori", "mod@example.org", "x", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    return user


def test_suggestion_confirm_moderate_publish(client, tray, moderator, vocab):
    url = f"/fi/service-suggestion/{tray.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, FORM)
    assert response.status_code == 200 and "Tarkista sähköpostisi" in response.content.decode()
    suggestion = ServiceSuggestion.objects.get()
    assert suggestion.state == "unconfirmed"
    link = confirm_url(mail.outbox[0])
    assert client.get(link).status_code == 200  # a button, not a confirmation (mail scanners)
    assert ServiceSuggestion.objects.get().state == "unconfirmed"
    client.post(link)
    assert ServiceSuggestion.objects.get().state == "pending"
    assert client.post(link).status_code == 400  # used once

    client.force_login(moderator)
    queue = client.get("/admin/service-suggestions/").content.decode()
    assert "Kylän kahvila" in queue
    dashboard = client.get("/admin/").content.decode()
    assert "service-suggestions-pending" in dashboard
    response = client.post(f"/admin/service-suggestions/{suggestion.pk}/", {"action": "accept"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.state == "accepted" and suggestion.draft_id
    draft = ServicePage.objects.get(pk=suggestion.draft_id)
    assert not draft.live
    assert "Kylän kahvila" not in client.get(tray.url).content.decode()
    # The editor completes the draft and publishes it.
    draft.provider = vocab["ngo"]
    draft.by_appointment = True
    draft.by_phone = True
    draft.contact_email = "kahvila@example.org"
    draft.last_checked = datetime.date(2026, 12, 1)
    draft.save()
    draft.languages.set([vocab["fi"]])
    assert draft.publish_blockers() == []
    draft.save_revision().publish()
    client.logout()
    assert "Kylän kahvila" in client.get(tray.url).content.decode()
    assert "hyväksyi" in mail.outbox[-1].body


@pytest.mark.parametrize("token", ["forged", "MQ:1vXyZ:abcdefghijklmnopqrstuvwxyz0"], ids=["garbage", "bad-signature"])
def test_forged_token_is_refused(client, tray, token):
    client.post(f"/fi/service-suggestion/{tray.pk}/", FORM)
    response = client.post(f"/fi/service-suggestion/confirm/{token}/")
    assert response.status_code == 400
    assert ServiceSuggestion.objects.get().state == "unconfirmed"


def test_spam_trap_stores_nothing(client, tray):
    response = client.post(f"/fi/service-suggestion/{tray.pk}/", {**FORM, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not ServiceSuggestion.objects.exists() and not mail.outbox


def test_region_editors_only_see_their_region(client, tray):
    user = User.objects.create_user("muualla", "m@example.org", "x")
    ServiceSuggestion.objects.create(
        index=tray, name="X", provider_name="Y", description="Z", email="a@example.org", state="pending"
    )
    assert not suggestions_for_user(user).exists()


def test_stale_flag_panel_and_reminders(client, tray, moderator):
    fresh = make_service(tray, "Tuore", contact_email="tuore@example.org", last_checked=datetime.date.today())
    old = make_service(
        tray,
        "Vanha",
        contact_email="vanha@example.org",
        last_checked=datetime.date.today() - datetime.timedelta(days=400),
    )
    assert list(stale_services()) == [old]
    assert old.is_stale() and not fresh.is_stale()
    client.force_login(moderator)
    assert "services-stale" in client.get("/admin/").content.decode()
    call_command("send_stale_service_reminders", stdout=open("/dev/null", "w"))
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["mod@example.org", "vanha@example.org"]
    mail.outbox.clear()
    call_command("send_stale_service_reminders", stdout=open("/dev/null", "w"))
    assert mail.outbox == []  # at most once a month


def test_purge_erases_e_mails_after_moderation_and_deletes_unconfirmed(tray):
    now = timezone.now()
    old = now - datetime.timedelta(days=40)
    moderated = ServiceSuggestion.objects.create(
        index=tray,
        name="A",
        provider_name="B",
        description="C",
        email="a@example.org",
        state="rejected",
        moderated_at=old,
    )
    unconfirmed = ServiceSuggestion.objects.create(
        index=tray, name="D", provider_name="E", description="F", email="d@example.org"
    )
    ServiceSuggestion.objects.filter(pk=unconfirmed.pk).update(created_at=old)
    recent = ServiceSuggestion.objects.create(
        index=tray, name="G", provider_name="H", description="I", email="g@example.org"
    )
    call_command("purge_service_suggestions", stdout=open("/dev/null", "w"))
    moderated.refresh_from_db()
    assert moderated.email == ""
    assert not ServiceSuggestion.objects.filter(pk=unconfirmed.pk).exists()
    assert ServiceSuggestion.objects.filter(pk=recent.pk).exists()
