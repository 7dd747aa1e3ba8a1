"""Editors submit, moderators approve (publishes) or reject with a comment."""

import pytest
from django.utils.html import strip_tags
from wagtail.models import Page, TaskState, WorkflowState

from editorial.roles import WORKFLOW_NAME
from models_library.models import PracticeModelPage
from tests.factories import PracticeModelPageFactory

from .forms import practice_model_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_a(orgs, editor_a, target_group):
    page = PracticeModelPageFactory(
        parent=orgs["sections"]["a"]["library"],
        title="A:n luonnos",
        live=False,
        owner=editor_a,
        # Ready/Established models also need a contact (test_contact_required.py); these
        # tests are about the workflow, so the draft is still in development.
        development_stage="in_development",
    )
    page.target_groups.set([target_group])
    page.save_revision(user=editor_a)
    return page


def test_editor_can_save_but_not_publish_own_model(logged_in, editor_a, draft_a):
    client = logged_in(editor_a)
    assert client.get(f"/admin/pages/{draft_a.pk}/edit/").status_code == 200
    response = client.post(
        f"/admin/pages/{draft_a.pk}/edit/",
        practice_model_form(draft_a, title="A:n luonnos, muokattu", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    page = Page.objects.get(pk=draft_a.pk)
    assert not page.live
    assert page.get_latest_revision().content["title"] == "A:n luonnos, muokattu"
    # and the bulk publish action does not publish it either
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={draft_a.pk}")
    assert not Page.objects.get(pk=draft_a.pk).live


def submit(client, page):
    response = client.post(f"/admin/pages/{page.pk}/edit/", practice_model_form(page, **{"action-submit": "1"}))
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    return state


def test_submit_and_moderator_approval_publishes(logged_in, client, editor_a, moderator, draft_a):
    state = submit(logged_in(editor_a), draft_a)
    assert not Page.objects.get(pk=draft_a.pk).live
    task_state = state.current_task_state
    # the editor cannot approve her own submission
    client.post(f"/admin/pages/workflow/action/{draft_a.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert not Page.objects.get(pk=draft_a.pk).live

    client = logged_in(moderator)
    assert 'workflow-action-name="approve"' in client.get(f"/admin/pages/{draft_a.pk}/edit/").content.decode()
    response = client.post(f"/admin/pages/workflow/action/{draft_a.pk}/approve/{task_state.pk}/", {"comment": "Hyvä!"})
    assert response.status_code == 302
    page = Page.objects.get(pk=draft_a.pk)
    assert page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_moderator_rejects_with_comment(logged_in, editor_a, moderator, draft_a):
    state = submit(logged_in(editor_a), draft_a)
    task_state = state.current_task_state
    client = logged_in(moderator)
    client.post(
        f"/admin/pages/workflow/action/{draft_a.pk}/reject/{task_state.pk}/",
        {"comment": "Lisää arviointitulokset."},
    )
    task_state = TaskState.objects.get(pk=task_state.pk)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Lisää arviointitulokset."
    assert not Page.objects.get(pk=draft_a.pk).live
    # the editor sees the comment in the editor
    response = logged_in(editor_a).get(f"/admin/pages/{draft_a.pk}/edit/")
    assert "Lisää arviointitulokset." in response.content.decode()


def test_incomplete_model_saves_as_draft_but_does_not_publish(logged_in, moderator, draft_a, target_group):
    client = logged_in(moderator)
    response = client.post(
        f"/admin/pages/{draft_a.pk}/edit/",
        practice_model_form(
            draft_a, basic_idea=practice_model_form_rich(""), target_groups=[], **{"action-publish": "1"}
        ),
        follow=True,
    )
    assert response.status_code == 200
    page = PracticeModelPage.objects.get(pk=draft_a.pk)
    assert not page.live
    assert strip_tags(page.get_latest_revision().content["basic_idea"]).strip() == ""  # the draft was kept
    messages = [str(m) for m in response.context["messages"]]
    assert any("target group" in m or "kohderyhm" in m for m in messages), messages

    # complete it and publishing works
    response = client.post(
        f"/admin/pages/{draft_a.pk}/edit/",
        practice_model_form(
            draft_a,
            basic_idea=practice_model_form_rich("<p>Perusidea.</p>"),
            target_groups=[target_group.pk],
            **{"action-publish": "1"},
        ),
    )
    assert PracticeModelPage.objects.get(pk=draft_a.pk).live


def practice_model_form_rich(html):
    from wagtail.test.utils.form_data import rich_text

    return rich_text(html)


def test_scheduled_publishing_is_available(logged_in, moderator, draft_a):
    response = logged_in(moderator).get(f"/admin/pages/{draft_a.pk}/edit/")
    html = response.content.decode()
    assert 'name="go_live_at"' in html and 'name="expire_at"' in html


def test_revision_comparison(logged_in, moderator, draft_a, editor_a):
    first = draft_a.get_latest_revision()
    draft_a.title = "Uusi otsikko"
    second = draft_a.save_revision(user=editor_a)
    response = logged_in(moderator).get(f"/admin/pages/{draft_a.pk}/revisions/compare/{first.pk}...{second.pk}/")
    assert response.status_code == 200
    assert "Uusi otsikko" in response.content.decode()


def test_site_history_shows_moderators_who_changed_what(logged_in, editor_a, moderator, draft_a):
    submit(logged_in(editor_a), draft_a)
    response = logged_in(moderator).get("/admin/reports/site-history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "A:n luonnos" in html
    assert "editor-a" in html


# --- Approval and bulk publishing apply the same completeness rule as the Publish button --


@pytest.fixture
def incomplete_a(orgs, editor_a):
    """A's draft without target groups: may be saved and submitted, not published."""
    page = PracticeModelPageFactory(
        parent=orgs["sections"]["a"]["library"],
        title="A:n keskeneräinen",
        live=False,
        owner=editor_a,
        development_stage="in_development",
    )
    page.save_revision(user=editor_a)
    return page


def test_moderator_cannot_approve_an_incomplete_submission(logged_in, editor_a, moderator, incomplete_a):
    state = submit(logged_in(editor_a), incomplete_a)
    task_state = state.current_task_state
    client = logged_in(moderator)

    # the editor offers only "Request changes"
    html = client.get(f"/admin/pages/{incomplete_a.pk}/edit/").content.decode()
    assert 'workflow-action-name="approve"' not in html
    assert 'workflow-action-name="reject"' in html

    # and a crafted approval is refused, not performed
    response = client.post(f"/admin/pages/workflow/action/{incomplete_a.pk}/approve/{task_state.pk}/", {"comment": ""})
    # Wagtail's check_action refuses an action it does not offer (PermissionDenied), which
    # the admin answers by sending the user to the dashboard with a message.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not Page.objects.get(pk=incomplete_a.pk).live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_approving_from_the_editor_checks_the_moderators_own_changes(logged_in, editor_a, moderator, draft_a):
    """The moderator empties a required part and presses Approve in the editor: her edit is
    kept as a draft, the page stays unpublished and the editor is told why."""
    state = submit(logged_in(editor_a), draft_a)
    client = logged_in(moderator)
    response = client.post(
        f"/admin/pages/{draft_a.pk}/edit/",
        practice_model_form(
            draft_a,
            title="A:n luonnos, moderaattorin muokkaus",
            target_groups=[],
            **{"action-workflow-action": "1", "workflow-action-name": "approve"},
        ),
    )
    assert response.status_code == 302
    page = Page.objects.get(pk=draft_a.pk)
    assert not page.live
    assert page.get_latest_revision().content["title"] == "A:n luonnos, moderaattorin muokkaus"
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = TaskState.objects.filter(workflow_state=state).latest("pk")
    assert rejected.status == TaskState.STATUS_REJECTED
    assert "target group" in rejected.comment or "kohderyhm" in rejected.comment


def test_bulk_publish_refuses_incomplete_pages(logged_in, moderator, draft_a, incomplete_a):
    client = logged_in(moderator)
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={draft_a.pk}&id={incomplete_a.pk}&next=/admin/pages/",
        follow=True,
    )
    assert response.status_code == 200
    assert not Page.objects.get(pk=incomplete_a.pk).live
    assert not Page.objects.get(pk=draft_a.pk).live  # the batch is refused as a whole
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "A:n keskeneräinen" in messages

    # once nothing in the batch is incomplete, bulk publishing works
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={draft_a.pk}")
    assert Page.objects.get(pk=draft_a.pk).live


def test_setup_roles_replaces_a_plain_approval_task(orgs, moderator):
    from io import StringIO

    from django.core.management import call_command
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    from editorial.models import ModerationTask
    from editorial.roles import WORKFLOW_NAME

    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    old = GroupApprovalTask.objects.create(name="Legacy approval")
    # (Workflow.workflow_tasks is a modelcluster relation: work on the table directly.)
    WorkflowTask.objects.filter(workflow=workflow).delete()
    WorkflowTask.objects.create(workflow=workflow, task=old, sort_order=0)

    call_command("setup_roles", stdout=StringIO())
    call_command("setup_roles", stdout=StringIO())  # idempotent

    tasks = [wt.task.specific for wt in WorkflowTask.objects.filter(workflow=workflow)]
    assert len(tasks) == 1 and isinstance(tasks[0], ModerationTask)
    old.refresh_from_db()
    assert not old.active
