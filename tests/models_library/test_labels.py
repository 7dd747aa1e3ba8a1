"""Issue 16 item 6: labels that mean what they say, no duplicate "Perustiedot", lists stay
lists, dates in the Finnish form on fi pages and unambiguous on en; and item 7's contact
mapping of the text importer."""

import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Locale

from models_library.blocks import ExtraSectionBlock
from models_library.facets import library_facets
from models_library.importers.text import paragraphs_to_html, parse_bytes
from models_library.models import Funder, ModelContact, Organisation, PracticeModelPage
from tests.factories import FunderFactory, OrganisationFactory, PracticeModelPageFactory, RegionFactory

from .fixtures import vocabulary_lacks

SEEDS = Path(__file__).resolve().parent / "seeds"


def seed(prefix):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def test_organisation_the_body_is_not_organisointi():
    kinds = dict(ExtraSectionBlock.KIND_CHOICES)
    with translation.override("fi"):
        facet = next(f for f in library_facets() if f.name == "organisation")
        assert str(facet.label) == "Organisaatio"
        assert str(kinds["organisation"]) == "Organisointi"  # the legacy section keeps its own word
    with translation.override("sv"):
        assert str(next(f for f in library_facets() if f.name == "organisation").label) == "Organisation"
        assert str(kinds["organisation"]) == "Organisering"


def test_numbered_and_bulleted_lines_stay_lists():
    html = paragraphs_to_html(["Prosessi:", "1. Yksi", "a) Alakohta", "b) Toinen", "2. Kaksi", "• Luettelo", "Loppu."])
    assert html == (
        "<p>Prosessi:</p><ol><li>Yksi<ul><li>a) Alakohta</li><li>b) Toinen</li></ul></li><li>Kaksi</li></ol>"
        "<ul><li>Luettelo</li></ul><p>Loppu.</p>"
    )
    parsed = parse_bytes(seed("004").read_bytes())
    basic = parsed.sections["basic_idea"]
    assert "<li>1. Ilmiön hahmottaminen<ul><li>a) Rikastetaan" in basic  # "2. … ja 3. …" keeps its numbers
    assert "<li>4. Toimeenpanon organisoiminen ja seuranta</li></ul>" in basic
    assert "<p>1. Ilmiön" not in basic and "<p>a) " not in basic


@pytest.mark.django_db
def test_import_maps_places_and_funders_without_a_duplicate_perustiedot(library, capsys):
    RegionFactory(code="lappi-hva", name_fi="Lapin hyvinvointialue")
    FunderFactory(code="stm", name_fi="Sosiaali- ja terveysministeriö (STM)")
    RegionFactory(code="pirkanmaa", name_fi="Pirkanmaan hyvinvointialue")
    vocabulary_lacks(Funder, "Ei erillisrahoitusta")
    call_command("import_models", str(seed("000")), str(seed("004")))
    arjen = PracticeModelPage.objects.get(title="Arjen turvan toimintamalli").get_latest_revision_as_object()
    assert [b.value["heading"] for b in arjen.extra_sections] == []  # both mapped: nothing repeated
    ilmio = PracticeModelPage.objects.get(title__startswith="Ilmiölähtöisen").get_latest_revision_as_object()
    kept = [b.value for b in ilmio.extra_sections if b.value["heading"] == "Perustiedot"]
    assert len(kept) == 1  # only what no vocabulary knows, once
    assert "Ei erillisrahoitusta" in str(kept[0]["body"]) and "Pirkanmaa" not in str(kept[0]["body"])


@pytest.mark.django_db
def test_import_maps_contact_details_non_public(library, client, capsys):
    OrganisationFactory(code="nurmijarven-kunta", name_fi="Nurmijärven kunta")
    with translation.override("en"):  # the importer's report is translated; read the English one
        call_command("import_models", str(seed("001")))
    out = capsys.readouterr().out
    page = PracticeModelPage.objects.get()
    contact = ModelContact.objects.get(page=page)
    assert contact.organisation.code == "nurmijarven-kunta" and contact.name == "Maija Esimerkki"
    assert contact.phone == "040-123 4567" and not contact.phone_public
    assert contact.email == ""  # "etunimi.sukunimi@…" is a pattern, not an address
    assert "pattern" in out and "non-public" in out
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "123 4567" not in html and "040-123" not in html


@pytest.mark.django_db
def test_import_reports_contact_it_could_not_map(library, capsys):
    vocabulary_lacks(Organisation, "Nurmijärven kunta")
    with translation.override("en"):  # no organisation "Nurmijärven kunta" in the vocabulary
        call_command("import_models", str(seed("001")))
    assert "Could not map the contact details" in capsys.readouterr().out
    assert ModelContact.objects.count() == 0


@pytest.mark.django_db
def test_dates_finnish_on_fi_and_unambiguous_on_en(client, library):
    page = PracticeModelPageFactory(
        parent=library,
        title="Päivämäärät",
        slug="paivamaarat",
        source_created=datetime.date(2026, 12, 4),
        source_updated=datetime.date(2026, 11, 12),
    )
    page.save_revision().publish()
    fi = client.get(page.url).content.decode()
    assert "4.12.2026" in fi and "12.11.2026" in fi
    en_page = page.copy_for_translation(Locale.objects.get(language_code="en"))
    en_page.save_revision().publish()
    en = BeautifulSoup(client.get(en_page.url).content.decode(), "html.parser").select_one(".model-basics").get_text()
    assert "4 December 2026" in en and "12 November 2026" in en
    assert "12/04/2026" not in en and "11/12/2026" not in en and "12/11/2026" not in en
