"""The admin that helps: previews in the side panel, Finnish names of the workflow."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from wagtail.models import Locale, Task, Workflow

from core.localization import translate_page
from editorial.roles import TASK_NAME, WORKFLOW_NAME
from events.models import EventPage
from models_library.models import PracticeModelPage

pytestmark = pytest.mark.django_db


def _csp(response):
    header = response.headers.get("Content-Security-Policy", "")
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}


def test_preview_may_be_framed_by_the_admin_only(client, logged_in, model_a):
    admin = get_user_model().objects.create_superuser("root", "root@example.fi", "x")
    model_a.save_revision()
    preview = logged_in(admin).get(f"/admin/pages/{model_a.pk}/view_draft/")
    assert preview.status_code == 200
    assert _csp(preview)["frame-ancestors"] == ["'self'"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    client.logout()
    public = client.get(model_a.url)
    assert public.status_code == 200
    assert _csp(public)["frame-ancestors"] == ["'none'"]
    assert public["X-Frame-Options"] == "DENY"


def test_workflow_and_task_are_named_in_every_admin_language(orgs):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task = Task.objects.get(name=TASK_NAME)
    for name in (workflow.name, task.name):
        assert name.startswith(("Moderointi", "Moderaattorin")), name
        assert "/" in name  # fi / sv / en


def _event_start_field():
    form_class = EventPage.get_edit_handler().get_form_class()
    return form_class.base_fields["start"]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("typed", ["10.2.2027 9.00", "10.2.2027 klo 9.00", "10.02.2027 09.00", "2027-02-10 09:00"])
def test_finnish_date_and_time_input_is_accepted(language, typed):
    with translation.override(language):
        value = _event_start_field().clean(typed)
    assert timezone.localtime(value).replace(tzinfo=None) == datetime.datetime(2027, 2, 10, 9, 0)


@pytest.mark.parametrize("typed", ["huomenna", "10.2.2027 kello yhdeksän", "31.2.2027 9.00"])
def test_unreadable_date_is_refused_with_the_expected_form(typed):
    field = _event_start_field()
    with translation.override("fi"), pytest.raises(ValidationError) as error:
        field.clean(typed)
    assert "10.2.2027 9.00" in " ".join(error.value.messages)


def test_date_picker_keeps_what_was_typed():
    widget = _event_start_field().widget
    assert widget.get_config()["validateOnBlur"] is False
    assert widget.get_config()["format"] == "d.m.Y H.i"


def _short_description_field():
    return PracticeModelPage.get_edit_handler().get_form_class().base_fields["short_description"]


def test_summary_limit_counts_and_never_cuts():
    field = _short_description_field()
    html = field.widget.render("short_description", "Lyhyt.", attrs={"id": "id_short_description"})
    assert "maxlength" not in html  # a browser would cut pasted text silently
    assert 'data-char-limit="400"' in html
    assert 'id="id_short_description-counter"' in html
    assert 'aria-describedby="id_short_description-counter"' in html
    assert "js/char_counter.js" in str(field.widget.media)


def test_summary_over_the_limit_is_a_form_error():
    field = _short_description_field()
    assert field.clean("a" * 400) == "a" * 400
    with pytest.raises(ValidationError):
        field.clean("a" * 401)


def test_related_models_offer_only_the_pages_language(model_a, model_b):
    sv = Locale.objects.get(language_code="sv")
    model_b_sv = translate_page(model_b, sv, {"title": "B:s verksamhetsmodell"}).page
    form_class = PracticeModelPage.get_edit_handler().get_form_class()
    form = form_class(instance=model_a, parent_page=model_a.get_parent(), for_user=None)
    choices = set(form.fields["related_models"].queryset.values_list("pk", flat=True))
    assert model_b.pk in choices
    assert model_b_sv.pk not in choices
    sv_form = form_class(instance=model_b_sv, parent_page=model_b_sv.get_parent(), for_user=None)
    assert set(sv_form.fields["related_models"].queryset.values_list("pk", flat=True)) == {model_b_sv.pk}


def test_editor_lands_in_her_own_sections(logged_in, editor_a, orgs):
    html = logged_in(editor_a).get("/admin/").content.decode()
    assert 'id="editorial-own-sections-section"' in html
    assert f"/admin/pages/{orgs['sections']['a']['library'].pk}/" in html
    assert f"/admin/pages/{orgs['sections']['b']['library'].pk}/" not in html


def test_change_request_comment_on_top_of_the_edit_view(logged_in, editor_a, moderator, model_a):
    workflow_state = model_a.get_workflow().start(model_a, editor_a)
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject", comment="Lisää kohderyhmän kuvaus.")
    html = logged_in(editor_a).get(f"/admin/pages/{model_a.pk}/edit/").content.decode()
    assert "Lisää kohderyhmän kuvaus." in html
    assert html.index("Lisää kohderyhmän kuvaus.") < html.index('name="title"')
