"""Wagtail API v2: models with vocabulary codes; published, public pages only."""

import pytest

from .fixtures import build_facet_fixture

pytestmark = pytest.mark.django_db


def test_api_lists_only_published_public_models_with_codes(client, library):
    data = build_facet_fixture(library)
    response = client.get("/api/v2/pages/?type=models_library.PracticeModelPage&fields=*&limit=50")
    assert response.status_code == 200
    items = response.json()["items"]
    titles = sorted(item["title"] for item in items)
    assert titles == ["Alfa", "Beta", "Gamma", "Svensk modell"]
    alfa = next(item for item in items if item["title"] == "Alfa")
    assert alfa["regions"][0]["code"] == "lappi"
    assert alfa["development_stage"] == {"code": "ready", "name": "Valmis"}
    assert {"code", "name"} <= set(alfa["target_groups"][0])
    assert alfa["adoptions"][0]["region"]["code"] == "pirkanmaa"
    for hidden in ("draft", "private"):
        assert client.get(f"/api/v2/pages/{data[hidden].pk}/", follow=True).status_code == 404
    assert client.get(f"/api/v2/pages/{data['a'].pk}/").status_code == 200


def test_api_is_read_only(client, library):
    data = build_facet_fixture(library)
    assert client.post("/api/v2/pages/", {}).status_code in (403, 405)
    assert client.delete(f"/api/v2/pages/{data['a'].pk}/").status_code in (403, 405)


def test_api_does_not_name_linked_drafts(client, library):
    data = build_facet_fixture(library)
    a = data["a"]
    a.related_models.set([data["draft"], data["b"]])
    a.save_revision().publish()
    item = client.get(f"/api/v2/pages/{a.pk}/").json()
    assert [r["title"] for r in item["related_models"]] == ["Beta"]
