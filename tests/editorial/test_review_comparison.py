"""After a change request, the moderator compares the resubmission with what she sent back.

Wagtail's "compare with previous" compares neighbouring revisions: after the editor's
intermediate saves (autosave works the same way) it shows almost nothing.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState

from tests.factories import PracticeModelPageFactory

from .forms import practice_model_form

pytestmark = pytest.mark.django_db

SENT_BACK = "Kuvaus ennen korjauksia."
CORRECTED = "Kuvaus korjattu arviointituloksineen."


@pytest.fixture
def draft(orgs, editor_a, target_group):
    page = PracticeModelPageFactory(
        parent=orgs["sections"]["a"]["library"],
        title="Korjattava malli",
        short_description=SENT_BACK,
        live=False,
        owner=editor_a,
        development_stage="in_development",
    )
    page.target_groups.set([target_group])
    page.save_revision(user=editor_a)
    return page


def edit(client, page, **data):
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), practice_model_form(page, **data))
    assert response.status_code == 302, response.content.decode()[:1000]
    return Page.objects.get(pk=page.pk).get_latest_revision()


def compare_links(html, page):
    """(from, to) of every revision comparison the page links to."""
    return re.findall(rf'href="/admin/pages/{page.pk}/revisions/compare/(\d+)\.\.\.(\d+)/"', html)


def test_moderator_compares_the_resubmission_with_the_version_she_sent_back(logged_in, editor_a, moderator, draft):
    editor = logged_in(editor_a)
    sent_back = edit(editor, draft, **{"action-submit": "1"})
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    task_state = state.current_task_state
    assert task_state.revision_id == sent_back.pk

    moderator_client = logged_in(moderator)
    first_review = moderator_client.get(reverse("wagtailadmin_pages:edit", args=(draft.pk,))).content.decode()
    assert "Vertaa viimeksi tarkastamaasi versioon" not in first_review  # nothing reviewed before
    moderator_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(draft.pk, "reject", task_state.pk)),
        {"comment": "Lisää arviointitulokset."},
    )
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_REJECTED

    # The editor saves twice in between (as autosave does), then resubmits.
    editor = logged_in(editor_a)
    draft.refresh_from_db()
    edit(editor, draft, short_description="Kuvaus korjattu")
    edit(editor, draft, short_description="Kuvaus korjattu arviointi")
    resubmitted = edit(editor, draft, short_description=CORRECTED, **{"action-submit": "1"})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.revision_id == resubmitted.pk
    assert draft.revisions.filter(pk__gt=sent_back.pk, pk__lt=resubmitted.pk).count() >= 2
    wanted = (str(sent_back.pk), str(resubmitted.pk))
    editor_view = editor.get(reverse("wagtailadmin_pages:edit", args=(draft.pk,))).content.decode()
    assert wanted not in compare_links(editor_view, draft)  # offered to the reviewer

    moderator_client = logged_in(moderator)
    html = moderator_client.get(reverse("wagtailadmin_pages:edit", args=(draft.pk,))).content.decode()
    assert "Vertaa viimeksi tarkastamaasi versioon" in html  # the Finnish admin
    links = compare_links(html, draft)
    assert wanted in links, links

    comparison = moderator_client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=(draft.pk, sent_back.pk, resubmitted.pk))
    )
    assert comparison.status_code == 200
    soup = BeautifulSoup(comparison.content, "html.parser")
    removed = " ".join(span.get_text() for span in soup.select(".deletion"))
    added = " ".join(span.get_text() for span in soup.select(".addition"))
    # The whole correction, not just the last intermediate save's few words.
    assert "ennen korjauksia." in removed and "korjattu arviointituloksineen." in added, (removed, added)
