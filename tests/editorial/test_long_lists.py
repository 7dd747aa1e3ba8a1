"""Long vocabularies (308 municipalities, every organisation) are checkbox lists with a
filter box in the page editor (core.widgets.FilterableCheckboxes), not Ctrl-click selects."""

import pytest
from bs4 import BeautifulSoup

from models_library.models import Municipality, PracticeModelPage, Region

from .forms import practice_model_form

pytestmark = pytest.mark.django_db


def test_municipalities_are_filterable_checkboxes_and_save(logged_in, editor_a, model_a):
    client = logged_in(editor_a)
    response = client.get(f"/admin/pages/{model_a.pk}/edit/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for name in ("municipalities", "regions", "organisations"):
        box = soup.select_one(f"[data-filterable-checkboxes]:has(input[name={name}])")
        assert box is not None, name
        assert box.select(f"input[type=checkbox][name={name}]"), name
        assert box["data-filter-label"] == "Suodata luetteloa"  # the Finnish admin
        assert not soup.select(f"select[name={name}]"), name
    assert soup.select_one('script[src$="js/filterable_checkboxes.js"]') is not None
    assert soup.select_one('link[href$="css/filterable_checkboxes.css"]') is not None
    assert len(soup.select("input[type=checkbox][name=municipalities]")) == Municipality.objects.count()

    chosen = list(Municipality.objects.order_by("code")[:2])
    data = practice_model_form(model_a)
    data["municipalities"] = [m.pk for m in chosen]
    data["regions"] = [Region.objects.order_by("code").first().pk]
    response = client.post(f"/admin/pages/{model_a.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    draft = PracticeModelPage.objects.get(pk=model_a.pk).get_latest_revision_as_object()
    assert sorted(m.pk for m in draft.municipalities.all()) == sorted(m.pk for m in chosen)
