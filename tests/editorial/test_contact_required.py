"""A model at stage Ready or Established is published only with a reachable contact:
the same refusal in the edit view, in bulk publish and in workflow approval."""

import pytest
from wagtail.models import Page, WorkflowState

from tests.factories import PracticeModelPageFactory

from .forms import practice_model_form
from .test_moderation import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_a(orgs, editor_a, target_group):
    page = PracticeModelPageFactory(
        parent=orgs["sections"]["a"]["library"],
        title="A:n valmis malli",
        live=False,
        owner=editor_a,
        development_stage="ready",
    )
    page.target_groups.set([target_group])
    page.save_revision(user=editor_a)
    return page


def contact_row(orgs, **fields):
    return {
        "id": "",
        "ORDER": "1",
        "DELETE": "",
        "name": "Koordinaattori",
        "organisation": orgs["a"].pk,
        "role": "contact",
        "url": "",
        "email": "",
        "phone": "",
        **fields,
    }


def test_edit_view_refuses_a_ready_model_without_contact(logged_in, moderator, ready_a, orgs):
    from wagtail.test.utils.form_data import inline_formset

    client = logged_in(moderator)
    response = client.post(
        f"/admin/pages/{ready_a.pk}/edit/", practice_model_form(ready_a, **{"action-publish": "1"}), follow=True
    )
    assert not Page.objects.get(pk=ready_a.pk).live
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "Valmis" in messages and "yhteyshenkilö" in messages.lower(), messages

    # a contact without any address is not enough
    response = client.post(
        f"/admin/pages/{ready_a.pk}/edit/",
        practice_model_form(ready_a, contacts=inline_formset([contact_row(orgs)]), **{"action-publish": "1"}),
        follow=True,
    )
    assert not Page.objects.get(pk=ready_a.pk).live

    # a non-public e-mail is: the contact form reaches it
    client.post(
        f"/admin/pages/{ready_a.pk}/edit/",
        practice_model_form(
            ready_a,
            contacts=inline_formset([contact_row(orgs, email="kehittajat@example.fi")]),
            **{"action-publish": "1"},
        ),
    )
    assert Page.objects.get(pk=ready_a.pk).live


def test_a_model_in_development_needs_no_contact(logged_in, moderator, ready_a):
    client = logged_in(moderator)
    client.post(
        f"/admin/pages/{ready_a.pk}/edit/",
        practice_model_form(ready_a, development_stage="in_development", **{"action-publish": "1"}),
    )
    assert Page.objects.get(pk=ready_a.pk).live


def test_bulk_publish_refuses_a_ready_model_without_contact(logged_in, moderator, ready_a):
    client = logged_in(moderator)
    response = client.post(f"/admin/bulk/wagtailcore/page/publish/?id={ready_a.pk}&next=/admin/pages/", follow=True)
    assert response.status_code == 200
    assert not Page.objects.get(pk=ready_a.pk).live
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "A:n valmis malli" in messages


def test_workflow_approval_refuses_a_ready_model_without_contact(logged_in, editor_a, moderator, ready_a):
    state = submit(logged_in(editor_a), ready_a)
    task_state = state.current_task_state
    client = logged_in(moderator)
    assert 'workflow-action-name="approve"' not in client.get(f"/admin/pages/{ready_a.pk}/edit/").content.decode()
    client.post(f"/admin/pages/workflow/action/{ready_a.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert not Page.objects.get(pk=ready_a.pk).live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
