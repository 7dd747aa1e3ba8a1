"""The organisation boundary through every admin route, with real users and groups."""

import pytest
from wagtail.models import Page

from editorial.models import OrganisationSectionPage
from models_library.models import PracticeModelPage

pytestmark = pytest.mark.django_db


def assert_untouched(page, title, parent):
    page = Page.objects.get(pk=page.pk)
    assert page.title == title
    assert page.live
    assert page.get_parent().pk == parent.pk
    return page


def test_explorer_lists_only_own_section(logged_in, editor_a, model_a, model_b, orgs, library):
    client = logged_in(editor_a)
    response = client.get(f"/admin/pages/{library.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Organisaatio A" in html
    assert "Organisaatio B" not in html
    section_b = orgs["sections"]["b"]["library"]
    response = client.get(f"/admin/pages/{section_b.pk}/", follow=True)
    assert model_b.title not in response.content.decode()
    response = client.get(f"/admin/pages/{orgs['sections']['a']['library'].pk}/")
    assert model_a.title in response.content.decode()


def test_editor_cannot_open_or_edit_other_organisations_model(logged_in, editor_a, model_b, orgs):
    client = logged_in(editor_a)
    section_b = orgs["sections"]["b"]["library"]
    assert client.get(f"/admin/pages/{model_b.pk}/edit/").status_code in (302, 403)
    for action in ({}, {"action-publish": "1"}, {"action-submit": "1"}):
        response = client.post(
            f"/admin/pages/{model_b.pk}/edit/",
            {
                "title": "Hijacked",
                "slug": model_b.slug,
                "short_description": "x",
                **action,
            },
        )
        assert response.status_code in (302, 403)
    page = assert_untouched(model_b, "B:n toimintamalli", section_b)
    assert page.get_latest_revision().content["title"] == "B:n toimintamalli"


def test_editor_cannot_delete_unpublish_move_or_copy_other_organisations_model(logged_in, editor_a, model_b, orgs):
    client = logged_in(editor_a)
    section_a = orgs["sections"]["a"]["library"]
    section_b = orgs["sections"]["b"]["library"]
    assert client.post(f"/admin/pages/{model_b.pk}/delete/").status_code in (302, 403)
    assert client.post(f"/admin/pages/{model_b.pk}/unpublish/").status_code in (302, 403)
    assert client.get(f"/admin/pages/{model_b.pk}/move/").status_code in (302, 403)
    assert client.post(f"/admin/pages/{model_b.pk}/move/{section_a.pk}/confirm/").status_code in (302, 403)
    response = client.post(
        f"/admin/pages/{model_b.pk}/copy/",
        {
            "new_title": "Kopio",
            "new_slug": "kopio",
            "new_parent_page": section_a.pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code in (302, 403)
    assert_untouched(model_b, "B:n toimintamalli", section_b)
    assert not Page.objects.filter(slug="kopio").exists()
    assert PracticeModelPage.objects.filter(title="B:n toimintamalli").count() == 1


@pytest.mark.parametrize("action", ["delete", "unpublish", "publish", "move"])
def test_bulk_actions_skip_other_organisations_model(logged_in, editor_a, model_b, orgs, action):
    client = logged_in(editor_a)
    section_a = orgs["sections"]["a"]["library"]
    url = f"/admin/bulk/wagtailcore/page/{action}/?id={model_b.pk}"
    # The confirmation page lists the page as not permitted; posting anyway changes nothing.
    assert client.get(url).status_code in (200, 302, 403)
    client.post(url, {"chooser": section_a.pk, "move_applicable": "on"})
    assert_untouched(model_b, "B:n toimintamalli", orgs["sections"]["b"]["library"])


def test_editor_cannot_create_outside_own_section(logged_in, editor_a, orgs, library):
    client = logged_in(editor_a)
    for parent in (library, orgs["sections"]["b"]["library"]):
        url = f"/admin/pages/add/models_library/practicemodelpage/{parent.pk}/"
        assert client.get(url).status_code in (302, 403)
        client.post(url, {"title": "Salakuljetettu", "slug": "salakuljetettu", "short_description": "x"})
    assert not Page.objects.filter(slug="salakuljetettu").exists()


def test_editor_cannot_edit_the_section_itself(logged_in, editor_a, orgs):
    section = orgs["sections"]["a"]["library"]
    response = logged_in(editor_a).get(f"/admin/pages/{section.pk}/edit/")
    assert response.status_code in (302, 403)


def test_moderator_can_edit_any_organisations_model(logged_in, moderator, model_b):
    assert logged_in(moderator).get(f"/admin/pages/{model_b.pk}/edit/").status_code == 200


def test_api_never_exposes_drafts(client, orgs, model_a):
    draft = orgs["sections"]["a"]["library"].add_child(
        instance=PracticeModelPage(title="Luonnosmalli", slug="luonnosmalli", short_description="x", live=False)
    )
    draft.save_revision()
    response = client.get("/api/v2/pages/?type=models_library.PracticeModelPage&fields=title&limit=100")
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert model_a.title in titles
    assert "Luonnosmalli" not in titles
    # (A 404 under /api/ is redirected to /fi/api/… by LocaleMiddleware; the end is a 404.)
    assert client.get(f"/api/v2/pages/{draft.pk}/", follow=True).status_code == 404


def test_sections_exist_in_every_translated_language(orgs):
    section = orgs["sections"]["a"]["library"]
    languages = set(
        OrganisationSectionPage.objects.filter(translation_key=section.translation_key).values_list(
            "locale__language_code", flat=True
        )
    )
    assert {"fi", "sv", "en"} <= languages
