"""A model page shows every field a visitor needs, in the page's language."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from models_library.models import Adoption, ModelContact
from tests.factories import (
    EventPageFactory,
    FunderFactory,
    MunicipalityFactory,
    PracticeModelPageFactory,
)

from .fixtures import vocab_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_model(library, lean_site):
    v = vocab_fixture()
    image = Image.objects.create(title="Kansi", file=get_test_image_file())
    document = Document.objects.create(title="Prosessikuvaus", file=ContentFile(b"%PDF-1.4 demo", name="prosessi.pdf"))
    funder = FunderFactory(code="stm", name_fi="Sosiaali- ja terveysministeriö (STM)")
    municipality = MunicipalityFactory(code="614", name_fi="Posio", region=v["lappi"])
    bundle = PracticeModelPageFactory(parent=library, title="Mallikokonaisuus", slug="kokonaisuus")
    related = PracticeModelPageFactory(parent=library, title="Sukulaismalli", slug="sukulaismalli")
    page = PracticeModelPageFactory(
        parent=library,
        title="Arjen turvan toimintamalli",
        slug="arjen-turva",
        short_description="Lappilainen varhaisen puuttumisen malli.",
        implementation_site="Lapin hyvinvointialue",
        development_stage="ready",
        source_created=datetime.date(2023, 2, 21),
        source_updated=datetime.date(2023, 2, 28),
        last_reviewed=datetime.date(2024, 5, 3),
        basic_idea="<p>Perusidean teksti.</p>",
        operating_environment="<p>Ympäristön teksti.</p>",
        target_group_insight="<p>Asiakasymmärryksen teksti.</p>",
        adoption_conditions="<p>Ehtojen teksti.</p>",
        evaluation_summary="<p>Arvioinnin teksti.</p>",
        tips_for_adopters="<p>Vinkkien teksti.</p>",
        extra_sections=[
            {
                "type": "section",
                "value": {"kind": "need", "heading": "Tarve ja lähtökohta", "body": "<p>Tarpeen teksti.</p>"},
            }
        ],
        cover_image=image,
        cover_image_alt="Kaavio verkostoyhteistyöstä",
        attachments=[{"type": "attachment", "value": {"document": document.pk, "title": "Prosessikuvaus (PDF)"}}],
        keywords="varhainen puuttuminen, verkostoyhteistyö",
        parent_model=bundle,
        vocab={
            "regions": [v["lappi"]],
            "municipalities": [municipality],
            "funders": [funder],
            "themes": [v["t1"]],
            "target_groups": [v["young"]],
            "organisations": [v["o1"]],
            "related_models": [related],
        },
    )
    ModelContact.objects.create(
        page=page, organisation=v["o1"], role="owner", email="kirjaamo@example.fi", email_public=True
    )
    Adoption.objects.create(page=page, organisation=v["o2"], municipality=municipality, year=2022, status="piloting")
    return {"page": page, "bundle": bundle, "related": related, "v": v, "document": document}


def test_model_page_renders_every_field(client, full_model, library):
    page = full_model["page"]
    page.refresh_from_db()
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    text = soup.get_text(" ", strip=True)
    assert soup.h1.get_text() == "Arjen turvan toimintamalli"
    for expected in [
        "Lappilainen varhaisen puuttumisen malli.",
        "Lapin hyvinvointialue",
        "Posio",
        "Sosiaali- ja terveysministeriö (STM)",
        "21.2.2023",
        "28.2.2023",
        "3.5.2024",
        "Perusidean teksti.",
        "Ympäristön teksti.",
        "Asiakasymmärryksen teksti.",
        "Ehtojen teksti.",
        "Arvioinnin teksti.",
        "Vinkkien teksti.",
        "Tarve ja lähtökohta",
        "Tarpeen teksti.",
        "Prosessikuvaus (PDF)",
        "varhainen puuttuminen",
        "verkostoyhteistyö",
        "kirjaamo@example.fi",
        "Mallikokonaisuus",
        "Sukulaismalli",
        "2022",
    ]:
        assert expected in text, expected
    cover = soup.select_one(".model__cover img")
    assert cover["alt"] == "Kaavio verkostoyhteistyöstä"
    # Vocabulary values link to the filtered listing.
    assert soup.find("a", href=f"{library.url}?theme=early-support")
    assert soup.find("a", href=f"{library.url}?target_group=young-people")
    assert soup.find("a", href=f"{library.url}?organisation=org-one")
    assert soup.select_one(".adoptions-table tbody tr")
    assert soup.select_one(f'a[href="{full_model["document"].url}"]')
    # Six description section headings as h3 under one h2.
    assert len(soup.select(".model-description h3")) == 7


def test_model_page_shows_upcoming_linked_events_by_translation_key(client, full_model, library, lean_site):
    from events.models import EventPage

    page = full_model["page"]
    upcoming = EventPageFactory(parent=lean_site["home"], title="Tuleva työpaja")
    past = EventPageFactory(
        parent=lean_site["home"],
        title="Mennyt työpaja",
        start=timezone.now() - datetime.timedelta(days=3),
        end=timezone.now() - datetime.timedelta(days=2),
    )
    for event in (upcoming, past):
        EventPage.related_models.through.objects.create(eventpage=event, practicemodelpage=page)
    soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    events = soup.select(".model-events .card__title")
    assert [e.get_text(strip=True) for e in events] == ["Tuleva työpaja"]


def test_bundle_children_and_draft_related_not_shown(client, full_model):
    bundle = full_model["bundle"]
    soup = BeautifulSoup(client.get(bundle.url).content.decode(), "html.parser")
    assert "Arjen turvan toimintamalli" in soup.select_one(".model-bundle").get_text()
    related = full_model["related"]
    related.unpublish()
    soup = BeautifulSoup(client.get(full_model["page"].url).content.decode(), "html.parser")
    assert soup.select_one(".model-related") is None


def test_print_stylesheet_is_linked(client, full_model):
    html = client.get(full_model["page"].url).content.decode()
    assert 'media="print"' in html
    assert "<script>" not in html  # CSP: no inline scripts
