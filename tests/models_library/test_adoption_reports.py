"""Reported adoptions: report → confirm by e-mail → moderate → public page, facet, API,
and the refusals on the way (unconfirmed, rejected, forged token, other section)."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from editorial.roles import MODERATORS
from editorial.services import ensure_organisation_section
from models_library import adoption_reports
from models_library.models import AdoptionReport
from tests.factories import MunicipalityFactory, OrganisationFactory, PracticeModelPageFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_structure, library):
    structure = {"library": library, "events": site_structure["events"]}
    org_a = OrganisationFactory(code="org-a", name_fi="Organisaatio A")
    org_b = OrganisationFactory(code="org-b", name_fi="Organisaatio B")
    sections = {"a": ensure_organisation_section(org_a, structure), "b": ensure_organisation_section(org_b, structure)}
    lappi = RegionFactory(code="lappi", name_fi="Lappi", name_sv="Lappland", name_en="Lapland")
    posio = MunicipalityFactory(code="614", name_fi="Posio", region=lappi)
    model = PracticeModelPageFactory(parent=sections["a"]["library"], title="Arjen turva", slug="arjen-turva")
    users = get_user_model().objects
    editor_a = users.create_user("editor-a", "editor-a@example.fi", "x")
    editor_a.groups.add(org_a.editors.group)
    editor_b = users.create_user("editor-b", "editor-b@example.fi", "x")
    editor_b.groups.add(org_b.editors.group)
    moderator = users.create_user("moderator", "moderator@example.fi", "x")
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    return {
        "model": model,
        "posio": posio,
        "lappi": lappi,
        "editor_a": editor_a,
        "editor_b": editor_b,
        "moderator": moderator,
        "library": library,
    }


def form_data(world, **overrides):
    data = {
        "organisation_name": "Posion kunta",
        "municipality": world["posio"].pk,
        "status": "piloting",
        "start_year": "2024",
        "experience": "Kotikäynnit toimivat, kun sovimme vastuut etukäteen.",
        "email": "yhteys@example.fi",
        "website": "",
    }
    data.update(overrides)
    return data


def report_and_confirm(client, world, **overrides):
    url = reverse("adoption_report", args=[world["model"].pk])
    response = client.post(url, form_data(world, **overrides))
    assert response.status_code == 200
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("testserver", 1)[1]
    assert client.get(path).status_code == 200  # shows a button; a mail scanner's GET confirms nothing
    assert AdoptionReport.objects.get().state == AdoptionReport.State.UNCONFIRMED
    assert client.post(path).status_code == 200
    return AdoptionReport.objects.get()


def login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def page_soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_report_confirm_moderate_publish_facet_api(client, world):
    model = world["model"]
    report = report_and_confirm(client, world)
    assert report.state == AdoptionReport.State.PENDING
    assert report.region == world["lappi"]
    # Pending: in the editor's queue, not on the page.
    assert "Posion kunta" not in page_soup(client, model).select_one(".model-adoptions").get_text()
    editor = login(client, world["editor_a"])
    queue = editor.get(reverse("adoption_report_queue"))
    assert "Posion kunta" in queue.content.decode()
    dashboard = editor.get(reverse("wagtailadmin_home"))
    assert "adoption-reports-pending" in dashboard.content.decode()
    data = form_data(world)
    data.update(action="approve", experience="Kotikäynnit toimivat hyvin.", rejection_reason="")
    response = editor.post(reverse("adoption_report_moderate", args=[report.pk]), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == AdoptionReport.State.APPROVED and report.moderated_by == world["editor_a"]
    approval_mail = mail.outbox[-1]
    assert approval_mail.to == ["yhteys@example.fi"] and "Arjen turva" in approval_mail.subject
    assert "confirm/" not in approval_mail.body
    client.logout()

    soup = page_soup(client, model)
    table = soup.select_one(".model-adoptions table").get_text()
    assert "Posion kunta" in table and "Lappi" in table
    experiences = soup.select_one(".model-experiences").get_text()
    assert "Kotikäynnit toimivat hyvin." in experiences  # the editor's correction
    assert "yhteys@example.fi" not in soup.get_text()

    listing = BeautifulSoup(client.get(world["library"].url).content, "html.parser")
    box = listing.select_one('.facet-panel input[name="adopted_in"][value="lappi"]')
    assert box is not None
    label = box.find_parent("label") or listing.select_one(f'label[for="{box["id"]}"]')
    assert "(1" in label.get_text()
    filtered = client.get(world["library"].url + "?adopted_in=lappi").content.decode()
    assert "Arjen turva" in filtered

    api = client.get(f"/api/v2/pages/{model.pk}/").json()
    reported = [a for a in api["adoptions"] if a["source"] == "report"]
    assert reported == [
        {
            "source": "report",
            "organisation": {"code": None, "name": "Posion kunta"},
            "municipality": {"code": "614", "name": "Posio"},
            "region": {"code": "lappi", "name": "Lappi"},
            "year": 2024,
            "status": "piloting",
            "experience": "Kotikäynnit toimivat hyvin.",
        }
    ]
    assert "yhteys@example.fi" not in str(api)


def test_unconfirmed_report_never_reaches_editors(client, world):
    client.post(reverse("adoption_report", args=[world["model"].pk]), form_data(world))
    assert AdoptionReport.objects.get().state == AdoptionReport.State.UNCONFIRMED
    for user in (world["editor_a"], world["moderator"]):
        assert adoption_reports.reports_for_user(user).count() == 0
        body = login(client, user).get(reverse("adoption_report_queue")).content.decode()
        assert "Posion kunta" not in body
    report = AdoptionReport.objects.get()
    assert client.get(reverse("adoption_report_moderate", args=[report.pk])).status_code == 404


def test_rejected_report_never_appears_and_reason_is_sent(client, world):
    report = report_and_confirm(client, world)
    moderator = login(client, world["moderator"])
    data = form_data(world)
    data.update(action="reject", rejection_reason="")
    response = moderator.post(reverse("adoption_report_moderate", args=[report.pk]), data)
    assert response.status_code == 200  # a reason is required
    data["rejection_reason"] = "Malli ei ole vielä käytössä."
    assert moderator.post(reverse("adoption_report_moderate", args=[report.pk]), data).status_code == 302
    report.refresh_from_db()
    assert report.state == AdoptionReport.State.REJECTED
    assert "Malli ei ole vielä käytössä." in mail.outbox[-1].body
    client.logout()
    soup = page_soup(client, world["model"])
    assert "Posion kunta" not in soup.get_text()
    api = client.get(f"/api/v2/pages/{world['model'].pk}/").json()
    assert api["adoptions"] == []


# Tokens are made inside the test: a signed token carries a timestamp, and parameter ids
# that differ between xdist workers abort the whole run.
FORGED_TOKENS = {
    "garbage": lambda: "forged",
    "other-salt": lambda: signing.dumps(1, salt="another-salt"),
    "tampered": lambda: signing.dumps(1, salt=adoption_reports.OPT_IN.salt) + "x",
    "not-a-key": lambda: signing.dumps({"pk": 1}, salt=adoption_reports.OPT_IN.salt),
    "oversized": lambda: signing.dumps("x" * 400, salt=adoption_reports.OPT_IN.salt),
}


@pytest.mark.parametrize("kind", sorted(FORGED_TOKENS))
def test_forged_token_does_nothing_and_says_so(client, world, kind):
    token = FORGED_TOKENS[kind]()
    client.post(reverse("adoption_report", args=[world["model"].pk]), form_data(world))
    response = client.post(reverse("adoption_report_confirm", args=[token]))
    assert response.status_code == 400
    assert "models_library/adoption_report_invalid.html" in [t.name for t in response.templates]
    assert AdoptionReport.objects.get().state == AdoptionReport.State.UNCONFIRMED


def test_expired_token_does_nothing(client, world, settings):
    client.post(reverse("adoption_report", args=[world["model"].pk]), form_data(world))
    token = adoption_reports.confirm_token(AdoptionReport.objects.get())
    settings.ADOPTION_REPORT_CONFIRM_SECONDS = -1
    assert client.post(reverse("adoption_report_confirm", args=[token])).status_code == 400
    assert AdoptionReport.objects.get().state == AdoptionReport.State.UNCONFIRMED


def test_editor_of_another_section_cannot_see_or_approve(client, world):
    report = report_and_confirm(client, world)
    other = login(client, world["editor_b"])
    assert "Posion kunta" not in other.get(reverse("adoption_report_queue")).content.decode()
    data = form_data(world)
    data.update(action="approve", rejection_reason="")
    assert other.post(reverse("adoption_report_moderate", args=[report.pk]), data).status_code == 404
    report.refresh_from_db()
    assert report.state == AdoptionReport.State.PENDING
    assert "adoption-reports-pending" not in other.get(reverse("wagtailadmin_home")).content.decode()
    # The moderator sees every section's reports.
    moderator = login(client, world["moderator"])
    assert "Posion kunta" in moderator.get(reverse("adoption_report_queue")).content.decode()


def test_spam_trap_and_bad_input(client, world):
    url = reverse("adoption_report", args=[world["model"].pk])
    response = client.post(url, form_data(world, website="http://spam.example"))
    assert response.status_code == 200
    assert AdoptionReport.objects.count() == 0 and mail.outbox == []
    for bad in ({"email": "not-an-address"}, {"municipality": "999999"}, {"start_year": "1200"}, {"status": "x"}):
        response = client.post(url, form_data(world, **bad))
        assert response.status_code == 400
        assert "form-errors" in response.content.decode()
    assert AdoptionReport.objects.count() == 0
    assert client.get(reverse("adoption_report", args=[999999])).status_code == 404


def test_rate_limit(client, world, settings):
    settings.RATE_LIMIT_ENABLED = True
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "adoption-report": "2/h"}
    url = reverse("adoption_report", args=[world["model"].pk])
    statuses = [client.post(url, form_data(world, email=f"r{i}@example.fi")).status_code for i in range(3)]
    assert statuses == [200, 200, 429]


def test_personal_data_purged_after_retention(client, world):
    report = report_and_confirm(client, world)
    adoption_reports.moderate(report, world["moderator"], approve=True)
    call_command("purge_adoption_reports", stdout=open("/dev/null", "w"))
    report.refresh_from_db()
    assert report.email == "yhteys@example.fi"  # within the retention period
    AdoptionReport.objects.filter(pk=report.pk).update(moderated_at=timezone.now() - datetime.timedelta(days=31))
    stale = AdoptionReport.objects.create(
        page=world["model"], organisation_name="Vahvistamaton", municipality=world["posio"], email="x@example.fi"
    )
    AdoptionReport.objects.filter(pk=stale.pk).update(created_at=timezone.now() - datetime.timedelta(days=4))
    call_command("purge_adoption_reports", stdout=open("/dev/null", "w"))
    report.refresh_from_db()
    assert report.email == "" and report.email_erased_at is not None
    assert report.state == AdoptionReport.State.APPROVED  # the published report stays
    assert not AdoptionReport.objects.filter(pk=stale.pk).exists()


def test_approval_reaches_cached_pages_and_the_facet_memo(client, world, settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.FACET_CACHE_SECONDS = 300
    report = report_and_confirm(client, world)
    client.cookies.clear()  # anonymous, without the session of the confirmation
    model, library = world["model"], world["library"]
    assert "Posion kunta" not in client.get(model.url).content.decode()
    assert 'name="adopted_in" value="lappi"' not in client.get(library.url).content.decode()
    adoption_reports.moderate(report, world["moderator"], approve=True)
    assert "Posion kunta" in client.get(model.url).content.decode()
    assert 'name="adopted_in" value="lappi"' in client.get(library.url).content.decode()


def test_a_report_counts_in_every_language_version_of_the_model(client, world):
    """Filed on the Finnish page; the Swedish library's "adopted in region" facet counts it
    too, and filters the Swedish version in, also for a translation made after the report."""
    report = report_and_confirm(client, world)
    adoption_reports.moderate(report, world["moderator"], approve=True)
    swedish = world["model"].copy_for_translation(
        world["library"].locale.__class__.objects.get(language_code="sv"), copy_parents=True
    )
    swedish.title = "Vardagens trygghet"
    swedish.save_revision().publish()
    sv_library = world["library"].get_translation(swedish.locale)
    listing = BeautifulSoup(client.get(sv_library.url).content, "html.parser")
    box = listing.select_one('.facet-panel input[name="adopted_in"][value="lappi"]')
    label = box.find_parent("label") or listing.select_one(f'label[for="{box["id"]}"]')
    assert "(1" in label.get_text()
    filtered = client.get(sv_library.url + "?adopted_in=lappi").content.decode()
    assert "Vardagens trygghet" in filtered
    # A rejected report counts nowhere.
    adoption_reports.moderate(report, world["moderator"], approve=False, reason="Ei koske mallia.")
    assert "Vardagens trygghet" not in client.get(sv_library.url + "?adopted_in=lappi").content.decode()
