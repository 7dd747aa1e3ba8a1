"""Fields needed for publishing are marked in the edit form, with the reason."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_publish_required_fields_are_marked_with_the_reason(logged_in, editor_a, model_a):
    response = logged_in(editor_a).get(f"/admin/pages/{model_a.pk}/edit/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    basic_idea = soup.find("label", attrs={"for": "id_basic_idea"}) or soup.find(id="id_basic_idea-label")
    assert basic_idea is not None and "julkaistaessa pakollinen" in basic_idea.get_text()
    text = " ".join(soup.get_text(" ").split())
    assert "Pakollinen julkaistaessa: ilman perusideaa lukija ei tiedä, mistä mallissa on kyse." in text
    assert "Pakollinen julkaistaessa: kirjastoa haetaan kohderyhmän mukaan" in text
    short = soup.find("label", attrs={"for": "id_short_description"})
    assert short is None or "julkaistaessa pakollinen" not in short.get_text()  # required always, not marked
