"""The page editor saves evidence and cost fields; an impossible cost range is a form error."""

import pytest
from wagtail.test.utils.form_data import streamfield

from models_library.models import PracticeModelPage
from tests.factories import PracticeModelPageFactory

from .forms import practice_model_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(orgs, editor_a, target_group):
    page = PracticeModelPageFactory(parent=orgs["sections"]["a"]["library"], title="Arvioitava", live=False)
    page.target_groups.set([target_group])
    page.save_revision(user=editor_a)
    return page


def test_editor_saves_evidence_costs_and_steps(logged_in, editor_a, draft):
    form = practice_model_form(
        draft,
        evidence_level="externally_evaluated",
        yearly_cost_min="2000",
        yearly_cost_max="4000",
        adoption_steps=streamfield([("step", {"title": "Sitouta johto", "description": rich_text_empty()})]),
    )
    response = logged_in(editor_a).post(f"/admin/pages/{draft.pk}/edit/", form)
    assert response.status_code == 302
    saved = PracticeModelPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert saved.evidence_level == "externally_evaluated"
    assert (saved.yearly_cost_min, saved.yearly_cost_max, saved.cost_band) == (2000, 4000, "under_10k")
    assert saved.adoption_steps[0].value["title"] == "Sitouta johto"


def test_cost_range_upside_down_is_a_form_error(logged_in, editor_a, draft):
    form = practice_model_form(draft, one_off_cost_min="5000", one_off_cost_max="100")
    response = logged_in(editor_a).post(f"/admin/pages/{draft.pk}/edit/", form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Yläarvio ei voi olla pienempi kuin ala-arvio." in html or "cannot be below the lower one" in html


def rich_text_empty():
    return '{"blocks": [], "entityMap": {}}'
