"""Translators, fallback, freshness reminders and panels, preview of every page type, demo users."""

import datetime
import importlib

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Locale, Page

from core.localization import translate_page
from editorial.models import FreshnessReminder
from models_library.models import PracticeModelPage
from tests.factories import ArticlePageFactory, EventPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def make_stale(page, days=500):
    old = timezone.now() - datetime.timedelta(days=days)
    PracticeModelPage.objects.filter(translation_key=page.translation_key).update(
        first_published_at=old, last_reviewed=None
    )


@pytest.fixture
def model_a_sv(model_a):
    sv = Locale.objects.get(language_code="sv")
    return translate_page(model_a, sv, {"title": "A:s verksamhetsmodell", "short_description": "Kort."}).page


def test_translator_edits_sv_translation_but_not_fi_source(logged_in, translator, model_a, model_a_sv):
    client = logged_in(translator)
    response = client.get(f"/admin/pages/{model_a_sv.pk}/edit/")
    assert response.status_code == 200
    assert client.get(f"/admin/pages/{model_a.pk}/edit/").status_code in (302, 403)
    client.post(f"/admin/pages/{model_a.pk}/edit/", {"title": "Rikottu", "slug": model_a.slug, "action-publish": "1"})
    assert Page.objects.get(pk=model_a.pk).title == "A:n toimintamalli"


def test_outdated_translation_is_listed_on_translators_dashboard(logged_in, translator, model_a, model_a_sv):
    client = logged_in(translator)
    assert "A:s verksamhetsmodell" not in client.get("/admin/").content.decode()
    model_a.short_description = "Uusi lyhyt kuvaus."
    model_a.save_revision().publish()
    html = client.get("/admin/").content.decode()
    assert 'id="editorial-outdated-translations-section"' in html
    assert "A:s verksamhetsmodell" in html


def test_untranslated_model_falls_back_to_finnish_with_notice(client, model_a):
    response = client.get(f"/sv/{model_a.get_url_parts()[2].split('/', 2)[2]}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "A:n toimintamalli" in html
    assert 'class="notice notice--info' in html


def test_reminders_sent_once_per_period(orgs, editor_a, editor_b, model_a, model_b):
    make_stale(model_a)
    call_command("send_freshness_reminders", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["editor-a@example.fi"]
    assert "A:n toimintamalli" in mail.outbox[0].subject
    call_command("send_freshness_reminders", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1
    assert FreshnessReminder.objects.filter(page=model_a).count() == 1


def test_mark_reviewed_clears_staleness_and_starts_new_period(logged_in, editor_a, editor_b, model_a, model_a_sv):
    make_stale(model_a)
    assert logged_in(editor_b).post(f"/admin/editorial/reviewed/{model_a.pk}/").status_code in (302, 403)
    assert PracticeModelPage.objects.get(pk=model_a.pk).last_reviewed is None
    client = logged_in(editor_a)
    assert "A:n toimintamalli" in client.get("/admin/").content.decode()
    assert client.get(f"/admin/editorial/reviewed/{model_a.pk}/").status_code == 200
    assert client.post(f"/admin/editorial/reviewed/{model_a.pk}/").status_code == 302
    today = timezone.localdate()
    assert PracticeModelPage.objects.get(pk=model_a.pk).last_reviewed == today
    assert PracticeModelPage.objects.get(pk=model_a_sv.pk).last_reviewed == today
    assert 'id="editorial-stale-models-section"' not in client.get("/admin/").content.decode()
    # a year and more later it is stale again: a new period, a new reminder
    later = today + datetime.timedelta(days=400)
    from editorial.services import send_freshness_reminders

    assert send_freshness_reminders(today=later) == 1
    assert send_freshness_reminders(today=later) == 0


def test_dashboard_panel_lists_only_the_users_stale_models(logged_in, editor_a, model_a, model_b):
    make_stale(model_a)
    make_stale(model_b)
    html = logged_in(editor_a).get("/admin/").content.decode()
    assert 'id="editorial-stale-models-section"' in html
    assert "A:n toimintamalli" in html
    assert "B:n toimintamalli" not in html


def test_stale_report_for_moderators_only(logged_in, moderator, editor_a, model_a, model_b):
    make_stale(model_b)
    response = logged_in(moderator).get("/admin/reports/stale-models/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "B:n toimintamalli" in html and "A:n toimintamalli" not in html
    assert logged_in(editor_a).get("/admin/reports/stale-models/").status_code in (302, 403)


def test_last_reviewed_tag(model_a):
    model_a.last_reviewed = datetime.date(2026, 2, 3)
    html = Template("{% load editorial_tags %}{% last_reviewed page %}").render(Context({"page": model_a}))
    assert "3.2.2026" in html and 'datetime="2026-02-03"' in html


def test_preview_of_every_page_type(logged_in, moderator, site_structure, orgs, model_a):
    admin = get_user_model().objects.create_superuser("root", "root@example.fi", "x")
    client = logged_in(admin)
    event = EventPageFactory(parent=orgs["sections"]["a"]["events"])
    article = ArticlePageFactory(parent=site_structure["news"])
    standard = StandardPageFactory(parent=site_structure["home"])
    pages = [
        site_structure["home"],
        site_structure["library"],
        site_structure["events"],
        site_structure["news"],
        model_a,
        event,
        article,
        standard,
    ]
    for page in pages:
        page.save_revision()
        response = client.get(f"/admin/pages/{page.pk}/view_draft/")
        assert response.status_code == 200, (page, response.status_code)
        assert page.title in response.content.decode()


def test_editor_guide_in_admin(logged_in, editor_a):
    response = logged_in(editor_a).get("/admin/editorial/guide/")
    assert response.status_code == 200
    assert "/admin/editorial/guide/" in logged_in(editor_a).get("/admin/").content.decode()


def _production_settings():
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SECRET_KEY", "x" * 60)
        env.setenv("REGISTRATION_ENCRYPTION_KEY", Fernet.generate_key().decode())
        return importlib.reload(importlib.import_module("portal.settings.production"))


def test_demo_users_only_when_enabled(site_structure):
    from demo import editorial as demo

    # The production module's own value (tests/audit runs the whole load_demo on it).
    with override_settings(CREATE_DEMO_USERS=_production_settings().CREATE_DEMO_USERS):
        demo.load(site_structure)
    assert not get_user_model().objects.filter(username__in=demo.DEMO_USERS).exists()
    with override_settings(CREATE_DEMO_USERS=True):
        demo.load(site_structure)
        demo.load(site_structure)  # idempotent
    users = {u.username: u for u in get_user_model().objects.filter(username__in=demo.DEMO_USERS)}
    assert set(users) == set(demo.DEMO_USERS)
    assert users["admin"].is_superuser
    assert users["toimittaja-lappi"].groups.get().name == "Editors: Lapin hyvinvointialue"
    assert users["moderaattori"].check_password("moderaattori-demo")
