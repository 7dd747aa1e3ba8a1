"""Importers: both reference text formats, broken input, JSON round trip."""

import html
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from models_library.importers import ImportFileError
from models_library.importers.text import (
    BASIC_LABELS,
    GROUP_HEADINGS,
    SECTION_HEADINGS,
    clean_line,
    parse_bytes,
    parse_text,
)
from models_library.models import Funder, PracticeModelPage


@pytest.fixture(autouse=True)
def english_messages():
    """The importer's messages are translated (the admin import shows them in the editor's
    language); these tests read the English ones."""
    with translation.override("en"):
        yield


SEEDS = Path(__file__).resolve().parent / "seeds"  # copies of the reference documents (README there)


def seed(prefix):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def _plain(value):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", value or ""))).strip()


def _all_text(parsed):
    parts = [
        parsed.title,
        parsed.short_description,
        parsed.implementation_site,
        parsed.keywords,
        parsed.cover_image_alt,
    ]
    parts += parsed.places + parsed.funders  # mapped to vocabularies (unmatched names kept as text on import)
    parts += list(parsed.sections.values())
    parts += [s["heading"] + " " + s["body"] for s in parsed.extra_sections]
    return _plain(" ".join(parts))


def _assert_no_paragraph_lost(path, parsed, allowed_missing=()):
    text = _all_text(parsed)
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = clean_line(raw)
        line = re.sub(r"^[•·]\s+", "", line)
        if not line or line in allowed_missing:
            continue
        if line.rstrip(":").lower() in set(BASIC_LABELS) | set(SECTION_HEADINGS) | GROUP_HEADINGS:
            continue  # a heading or label, not content
        assert _plain(line) in text or re.match(r"\d\d\.\d\d\.\d{4}$", line) or line in ("Valmis", "Kehitteillä"), (
            f"lost: {line!r}"
        )


# -- pure parser (no database) -------------------------------------------------------
def test_current_format_000():
    path = seed("000")
    parsed = parse_bytes(path.read_bytes(), path.name)
    assert parsed.format == "current"
    assert parsed.title == "Arjen turvan toimintamalli"
    assert parsed.short_description.startswith("Lappilainen varhaisen puuttumisen monitoimijainen malli")
    assert parsed.implementation_site == "Lapin hyvinvointialue"
    assert parsed.places == ["Lapin hyvinvointialue"]
    assert parsed.funders == ["Sosiaali- ja terveysministeriö (STM)"]
    assert str(parsed.created) == "2023-02-21" and str(parsed.updated) == "2023-02-28"
    assert parsed.stage == "ready"
    assert any(line.startswith("Evaluation text found: the evidence level stays") for line in parsed.report)
    assert set(parsed.sections) == {
        "basic_idea",
        "operating_environment",
        "target_group_insight",
        "adoption_conditions",
        "evaluation_summary",
        "tips_for_adopters",
    }
    assert "Created with Sketch" not in json.dumps(parsed.sections) + json.dumps(parsed.extra_sections)
    assert "**" not in json.dumps(parsed.sections, ensure_ascii=False)
    assert any("noise" in line for line in parsed.report)
    _assert_no_paragraph_lost(path, parsed)


def test_current_format_004():
    path = seed("004")
    parsed = parse_bytes(path.read_bytes(), path.name)
    assert parsed.title == "Ilmiölähtöisen yhteiskehittämisen toimintamalli"
    assert parsed.stage == "in_development"
    assert parsed.cover_image_alt == "Ilmiölähtöisen kehittämisen toimintamalli"
    assert parsed.funders == ["Ei erillisrahoitusta"]
    assert "<ul><li>(perheyhteisöön)</li>" in parsed.sections["basic_idea"]
    assert "evaluation_summary" not in parsed.sections  # the source has no such section
    # The source promises a PDF that a text import cannot carry: reported, not promised.
    promise = "Tarkempi kuvaus prosessin askeleista löytyy liitteenä olevasta pdf-tiedostosta"
    assert parsed.missing_documents == [promise]
    assert any(line.startswith("Referenced but not provided") and promise in line for line in parsed.report)
    assert "pdf" not in _all_text(parsed).lower()
    _assert_no_paragraph_lost(path, parsed, allowed_missing=(promise,))


def test_legacy_format_001():
    path = seed("001")
    parsed = parse_bytes(path.read_bytes(), path.name)
    assert parsed.format == "legacy"
    assert parsed.title.endswith("malli VARPU")
    assert parsed.sections["basic_idea"].startswith("<p>Horisontaalista yhteistyötä")
    assert "Kyselyjen tulosten kautta" in parsed.sections["evaluation_summary"]
    kinds = {s["kind"] for s in parsed.extra_sections}
    assert {"need", "organisation", "reporting", "impacts", "challenges", "implementers", "sector"} <= kinds
    assert parsed.keywords.startswith("Varhainen puuttuminen")  # stray "t" removed, reported
    assert 0 < len(parsed.short_description) <= 400
    assert "Nurmijärven kunta" in parsed.contact_lines
    assert not any("040" in line for line in parsed.contact_lines)  # no personal phone number
    assert any("phone" in line for line in parsed.report)
    phone_line = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("Puh:"))
    keyword_line = next(line for line in path.read_text(encoding="utf-8").splitlines() if "tVarhainen" in line)
    _assert_no_paragraph_lost(
        path,
        parsed,
        allowed_missing={clean_line(phone_line), clean_line(keyword_line), "(Ei kieliversioita) Tulosta | pdf"},
    )


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("Perustiedot\nToimintamallin nimi\nÄäkkönen\n".encode("latin-1"), "UTF-8"),
        (b"x" * 2_000_000, "limit"),
        (b"Just some text\nwith no headings at all\n", "headings"),
        ("Perustiedot\nLuotu\n31.02.2023\n".encode(), "name"),
    ],
)
def test_broken_input_raises_clear_error(data, message):
    with pytest.raises(ImportFileError) as error:
        parse_bytes(data, "broken.txt")
    assert message in str(error.value)


def test_impossible_date_is_reported_and_kept():
    parsed = parse_text("Perustiedot\nToimintamallin nimi\nMalli\nLuotu\n31.02.2023\nRatkaisun perusidea **\nIdea.\n")
    assert parsed.created is None
    assert any("31.02.2023" in line for line in parsed.report)
    assert "31.02.2023" in json.dumps(parsed.extra_sections)


def test_unknown_heading_text_is_kept():
    parsed = parse_text("Malli X\nPerustiedot\nOutoa tekstiä perustiedoissa\nRatkaisun perusidea **\nIdea.\n")
    assert "Outoa tekstiä perustiedoissa" in json.dumps(parsed.extra_sections, ensure_ascii=False)
    assert any("Unmapped" in line for line in parsed.report)


# -- management commands (database) ----------------------------------------------------
@pytest.mark.django_db
def test_import_command_creates_drafts_with_vocabulary_codes(library, tmp_path, capsys):
    from tests.factories import FunderFactory, RegionFactory

    from .fixtures import vocab_fixture, vocabulary_lacks

    vocab_fixture()
    RegionFactory(code="lappi-hva", name_fi="Lapin hyvinvointialue")
    FunderFactory(code="stm", name_fi="Sosiaali- ja terveysministeriö (STM)")
    vocabulary_lacks(Funder, "Ei erillisrahoitusta")
    files = [str(seed("000")), str(seed("001")), str(seed("004"))]
    call_command("import_models", *files)
    out = capsys.readouterr().out
    pages = PracticeModelPage.objects.order_by("pk")
    assert pages.count() == 3
    assert not any(p.live for p in pages)  # drafts, never published
    arjen = pages.get(title="Arjen turvan toimintamalli")
    assert arjen.get_latest_revision() is not None
    assert [r.code for r in arjen.regions.all()] == ["lappi-hva"]
    assert [f.code for f in arjen.funders.all()] == ["stm"]
    assert arjen.development_stage == "ready"
    assert arjen.source_created.isoformat() == "2023-02-21"
    assert "No funder called 'Ei erillisrahoitusta'" in out or "Ei erillisrahoitusta" in out
    ilmio = pages.get(title="Ilmiölähtöisen yhteiskehittämisen toimintamalli")
    assert ilmio.regions.get().code == "pirkanmaa"  # "Pirkanmaa" matched the county's full name
    assert "Referenced but not provided" in out and "pdf-tiedostosta" in out
    assert "pdf" not in ilmio.basic_idea.lower()  # the draft does not promise the missing PDF
    # Drafts are not visible to visitors.
    assert (
        library.url
        and "Arjen" not in __import__("django.test", fromlist=["Client"]).Client().get(library.url).content.decode()
    )


@pytest.mark.django_db
def test_import_command_broken_file_imports_nothing(library, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Malli\nPerustiedot\nToimintamallin nimi\nHyvä malli\nRatkaisun perusidea **\nIdea.\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(CommandError) as error:
        call_command("import_models", str(good), str(bad))
    assert "Nothing was imported" in str(error.value) and "binary" in str(error.value)
    assert PracticeModelPage.objects.count() == 0
    with pytest.raises(CommandError):
        call_command("import_models", str(tmp_path / "missing.txt"))
    broken_json = tmp_path / "x.json"
    broken_json.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_models", str(broken_json))


@pytest.mark.django_db
def test_json_round_trip_is_lossless(library, tmp_path):
    from models_library.models import Adoption, ModelContact

    from .fixtures import build_facet_fixture

    data = build_facet_fixture(library)
    a, b = data["a"], data["b"]
    a.related_models.set([b])
    a.extra_sections = [{"type": "section", "value": {"kind": "need", "heading": "Tarve", "body": "<p>Teksti</p>"}}]
    a.source_created = __import__("datetime").date(2023, 2, 21)
    a.evidence_level = "externally_evaluated"
    a.evaluations = [
        {
            "type": "report",
            "value": {
                "title": "Arviointi",
                "year": 2022,
                "kind": "research",
                "evaluator": "THL",
                "url": "",
                "document": None,
            },
        }
    ]
    a.resources = [{"type": "training", "value": {"topic": "Koulutus", "days": "2.0", "given_by": "THL"}}]
    a.adoption_steps = [{"type": "step", "value": {"title": "Aloita", "description": "<p>Näin.</p>"}}]
    a.one_off_cost_min, a.one_off_cost_max, a.yearly_cost_max = 1000, 2000, 500
    a.funding_used = "STM"
    a.save_revision().publish()
    ModelContact.objects.create(
        page=b, organisation=data["vocab"]["o1"], role="owner", email="info@example.fi", email_public=True
    )
    c = data["c"]
    c.parent_model = a
    c.save_revision().publish()
    # A live page with unpublished changes keeps both versions.
    b.refresh_from_db()
    b.title = "Beta (luonnos)"
    b.save_revision()

    first = tmp_path / "first.json"
    call_command("export_models", str(first))
    exported = json.loads(first.read_text())
    statuses = {m["slug"]: m["status"] for m in exported["models"]}
    assert statuses["luonnos"] == "draft"
    assert statuses["beta"] == "live_with_draft"
    assert statuses["alfa"] == "live"
    assert len(exported["models"]) == 6  # drafts, private and Swedish pages included

    PracticeModelPage.objects.all().delete()
    assert Adoption.objects.count() == 0
    call_command("import_models", str(first))
    second = tmp_path / "second.json"
    call_command("export_models", str(second))
    again = json.loads(second.read_text())
    for before, after in zip(exported["models"], again["models"]):
        assert after == before, before["slug"]
    assert again == exported
    alfa = PracticeModelPage.objects.get(slug="alfa")
    assert alfa.evidence_level == "externally_evaluated" and alfa.evaluations[0].value["evaluator"] == "THL"
    assert (alfa.one_off_cost_max, alfa.yearly_cost_max, alfa.cost_band) == (2000, 500, "under_10k")
    assert alfa.adoption_steps[0].value["title"] == "Aloita" and alfa.funding_used == "STM"
    assert not PracticeModelPage.objects.get(slug="luonnos").live
    assert PracticeModelPage.objects.get(slug="beta").title == "Beta"
    # Importing the same file again updates, never duplicates.
    call_command("import_models", str(first))
    assert PracticeModelPage.objects.count() == 6
