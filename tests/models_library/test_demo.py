"""The demo loader: idempotent, fi pages in organisation sections, sv/en through wagtail-localize."""

import json

import pytest
from bs4 import BeautifulSoup

from demo import library as demo
from editorial.models import OrganisationSectionPage
from models_library.models import PracticeModelPage

from .fixtures import vocab_fixture

pytestmark = pytest.mark.django_db


def _item(slug, title, parent=None, related=()):
    texts = {
        "title": title,
        "short_description": f"{title}: lyhyt kuvaus.",
        "implementation_site": "Lappi",
        "keywords": "a, b",
        "basic_idea": "<p>Idea.</p>",
        "operating_environment": "",
        "target_group_insight": "",
        "adoption_conditions": "",
        "evaluation_summary": "",
        "tips_for_adopters": "<p>Vinkki.</p>",
        "extra_sections": [{"kind": "need", "heading": "Tarve", "body": "<p>Tarve.</p>"}],
        "cover_image_alt": "",
    }
    return {
        "slug": slug,
        "source": "test",
        "format": "current",
        "stage": "ready",
        "owner_organisation": "org-one",
        "regions": ["lappi"],
        "municipalities": [],
        "funders": [],
        "themes": ["early-support", "no-such-theme"],
        "target_groups": ["young-people"],
        "organisations": ["org-one"],
        "created": "2023-02-21",
        "updated": "2023-02-28",
        "parent": parent,
        "related": list(related),
        "adoptions": [
            {"organisation": None, "municipality": None, "region": "pirkanmaa", "year": 2022, "status": "piloting"}
        ],
        "contacts": [{"organisation": "org-two", "role": {"fi": "Yhteyshenkilö", "sv": "Kontakt", "en": "Contact"}}],
        "translations": {
            "fi": texts,
            "sv": {
                **texts,
                "title": f"{title} SV",
                "basic_idea": "<p>Idé.</p>",
                "tips_for_adopters": "<p>Tips.</p>",
                "extra_sections": [{"kind": "need", "heading": "Behov", "body": "<p>Behov.</p>"}],
            },
            "en": {
                **texts,
                "title": f"{title} EN",
                "basic_idea": "<p>Idea EN.</p>",
                "tips_for_adopters": "<p>Tip.</p>",
                "extra_sections": [{"kind": "need", "heading": "Need", "body": "<p>Need.</p>"}],
            },
        },
    }


def test_demo_loader_is_idempotent_and_translated(client, site_structure, tmp_path):
    vocab_fixture()
    data = tmp_path / "models.json"
    data.write_text(
        json.dumps([_item("bundle", "Kokonaisuus", related=["child"]), _item("child", "Osa", parent="bundle")])
    )
    demo.load(site_structure, data_file=data)
    demo.load(site_structure, data_file=data)  # twice: nothing duplicated
    library = site_structure["library"]
    assert PracticeModelPage.objects.filter(locale=library.locale).count() == 2
    assert PracticeModelPage.objects.count() == 6
    section = OrganisationSectionPage.objects.child_of(library).get(organisation__code="org-one")
    child = PracticeModelPage.objects.get(slug="child", locale=library.locale)
    assert child.get_parent().pk == section.pk
    assert child.parent_model.slug == "bundle"
    assert [t.code for t in child.themes.all()] == ["early-support"]  # unknown code skipped
    assert child.adoptions.get().region.code == "pirkanmaa"
    sv_child = child.get_translation(site_structure["home"].locale.__class__.objects.get(language_code="sv"))
    assert sv_child.title == "Osa SV" and sv_child.live
    soup = BeautifulSoup(client.get(sv_child.url).content.decode(), "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "Idé." in text and "Behov" in text
    assert "Kokonaisuus SV" in text  # the bundle link points at the Swedish version
    home = BeautifulSoup(client.get("/sv/").content.decode(), "html.parser")
    assert "Kokonaisuus SV" in home.get_text()
