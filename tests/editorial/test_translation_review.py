"""Translations go live only through review (editorial/translations.py).

The translator's whole path through the Django test client: find the source on her
dashboard, start the translation (a draft), translate, submit, the moderator is e-mailed
and approves, and the page is live in Swedish only. Anonymous visitors see nothing change
until then.
"""

import re

import pytest
from django.core import mail
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringTranslation, Translation

pytestmark = pytest.mark.django_db


def anonymous_view(client, path):
    client.logout()
    response = client.get(path)
    return response.status_code, response.content.decode() if response.status_code == 200 else ""


def sv_path(page):
    return "/sv/" + page.get_url_parts()[2].split("/", 2)[2]


def start_translation(client, source, locale="sv"):
    locale = Locale.objects.get(language_code=locale)
    response = client.post(f"/admin/localize/submit/page/{source.pk}/", {"locales": [locale.pk], "include_subtree": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Page.objects.get(translation_key=source.translation_key, locale=locale).specific


def translate_all_strings(translation, user, text="Svensk text"):
    for segment in translation.source.stringsegment_set.select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": f"{text} {segment.order}", "last_translated_by": user},
        )


def test_translator_sees_untranslated_source_on_dashboard(logged_in, translator, model_a):
    html = logged_in(translator).get("/admin/").content.decode()
    assert 'id="editorial-translation-worklist-section"' in html
    assert "A:n toimintamalli" in html
    assert f"/admin/localize/submit/page/{model_a.pk}/" in html


def test_dashboard_worklist_not_for_editors(logged_in, editor_a, model_a):
    html = logged_in(editor_a).get("/admin/").content.decode()
    assert "editorial-translation-worklist" not in html


def test_starting_a_translation_changes_nothing_for_visitors(client, logged_in, translator, model_a):
    sv = Locale.objects.get(language_code="sv")
    library_sv = model_a.get_parent().get_parent().get_translation(sv).get_url_parts()[2]
    sv_url = library_sv + "org-a/" + model_a.slug + "/"  # where the translation will be
    before = [anonymous_view(client, path) for path in (library_sv, sv_path(model_a), sv_url)]
    assert before[2][0] == 404
    sv_page = start_translation(logged_in(translator), model_a)
    assert not sv_page.live
    assert sv_page.live_revision is None
    assert sv_page.get_url_parts()[2] == sv_url
    assert [anonymous_view(client, path) for path in (library_sv, sv_path(model_a), sv_url)] == before
    # The history credits the translator with no publication.
    assert not sv_page.get_latest_revision().approved_go_live_at
    assert not Page.objects.get(pk=model_a.pk).specific.get_translations().live().exists()


def test_translator_has_no_convert_to_alias(logged_in, translator, model_a):
    client = logged_in(translator)
    sv_page = start_translation(client, model_a)
    html = client.get(f"/admin/pages/{sv_page.pk}/edit/").content.decode()
    i = html.find("convert_to_alias")
    assert "convert_to_alias" not in html, html[i - 600 : i + 100]
    assert "Submit translation for review" in html or "Lähetä käännös tarkastettavaksi" in html
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard.
    assert client.get(f"/admin/localize/page/{sv_page.pk}/convert_to_alias/").status_code in (302, 403)
    client.post(f"/admin/localize/page/{sv_page.pk}/convert_to_alias/")
    assert Page.objects.get(pk=sv_page.pk).alias_of_id is None


def test_translator_cannot_publish_with_sync(logged_in, translator, model_a):
    client = logged_in(translator)
    sv_page = start_translation(client, model_a)
    translation = Translation.objects.get(target_locale=sv_page.locale, source__object_id=model_a.translation_key)
    response = client.post(f"/admin/localize/update/{translation.source_id}/", {"publish_translations": "on"})
    assert response.status_code in (302, 403)  # the admin redirects a PermissionDenied
    assert not Page.objects.get(pk=sv_page.pk).live


def test_translators_whole_path(client, logged_in, translator, moderator, model_a, settings):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = False
    client = logged_in(translator)
    assert f"/admin/localize/submit/page/{model_a.pk}/" in client.get("/admin/").content.decode()
    sv_page = start_translation(client, model_a)
    translation = Translation.objects.get(target_locale=sv_page.locale, source__object_id=model_a.translation_key)
    translate_all_strings(translation, translator)

    mail.outbox.clear()
    response = client.post(f"/admin/editorial/translations/{translation.pk}/submit/")
    assert response.status_code == 302
    sv_page = Page.objects.get(pk=sv_page.pk).specific
    assert not sv_page.live
    assert sv_page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert sv_page.get_latest_revision().as_object().title.startswith("Svensk text")
    assert any(moderator.email in message.to for message in mail.outbox)
    # Submitting twice does not start a second review.
    client.post(f"/admin/editorial/translations/{translation.pk}/submit/")
    assert WorkflowState.objects.filter(object_id=str(sv_page.pk)).count() == 1

    # The moderator approves: the Swedish page goes live, the Finnish one is untouched.
    moderator_client = logged_in(moderator)
    task_state = sv_page.current_workflow_state.current_task_state
    fi_revision = Page.objects.get(pk=model_a.pk).live_revision_id
    response = moderator_client.post(
        f"/admin/pages/workflow/action/{sv_page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    sv_page = Page.objects.get(pk=sv_page.pk).specific
    assert sv_page.live
    assert sv_page.title.startswith("Svensk text")
    assert Page.objects.get(pk=model_a.pk).live_revision_id == fi_revision
    # The site history says which language each entry concerns.
    history = moderator_client.get("/admin/reports/site-history/").content.decode()
    assert re.search(rf"<td>\s*{re.escape(sv_page.locale.get_display_name())}\s*</td>", history)
    client.logout()
    assert "Svensk text" in client.get(sv_page.url).content.decode()


def test_changes_requested_then_resubmitted(logged_in, translator, moderator, model_a):
    client = logged_in(translator)
    sv_page = start_translation(client, model_a)
    translation = Translation.objects.get(target_locale=sv_page.locale, source__object_id=model_a.translation_key)
    translate_all_strings(translation, translator)
    client.post(f"/admin/editorial/translations/{translation.pk}/submit/")
    sv_page = Page.objects.get(pk=sv_page.pk).specific
    task_state = sv_page.current_workflow_state.current_task_state
    logged_in(moderator).post(
        f"/admin/pages/workflow/action/{sv_page.pk}/reject/{task_state.pk}/", {"comment": "Rättа titeln"}
    )
    sv_page = Page.objects.get(pk=sv_page.pk).specific
    assert sv_page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not sv_page.live
    client = logged_in(translator)
    client.post(f"/admin/editorial/translations/{translation.pk}/submit/")
    sv_page = Page.objects.get(pk=sv_page.pk).specific
    assert sv_page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not sv_page.live
