"""Evidence level, resources and costs, adoption kit: page, facets, compare, CSV, API, glossary."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from models_library.models import CostBand, EvidenceLevel, PracticeModelPage
from models_library.models.evidence import cost_band_for
from tests.factories import PracticeModelPageFactory

from .fixtures import build_facet_fixture, bulk_models, vocab_fixture
from .test_listing import NO_INDEXING, counts, status_text, titles

pytestmark = pytest.mark.django_db

EVALUATION = {
    "title": "Henkilöstökysely",
    "year": 2008,
    "kind": "survey",
    "evaluator": "Stakes",
    "url": "https://example.fi/raportti",
    "document": None,
}


def _set(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def evidence_data(library):
    """The facet fixture, plus: A self-assessed, no extra cost; B externally evaluated,
    €5 000–20 000 one-off + €10 000 yearly (10k–50k band); C nothing reported."""
    data = build_facet_fixture(library)
    data["a"] = _set(data["a"], evidence_level="self_assessed", no_extra_cost=True)
    data["b"] = _set(
        data["b"],
        evidence_level="externally_evaluated",
        evaluations=[("report", EVALUATION)],
        one_off_cost_min=5000,
        one_off_cost_max=20000,
        yearly_cost_min=10000,
        resources=[
            ("staff", {"role": "Sosiaaliohjaaja", "time": "2 h viikossa"}),
            ("training", {"topic": "Huoli puheeksi", "days": "1.5", "given_by": "THL"}),
        ],
        funding_used="STM:n hankerahoitus",
        adoption_steps=[("step", {"title": "Sitouta johto", "description": "<p>Johtoryhmän päätös.</p>"})],
    )
    return data


def _soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize(
    "args, band",
    [
        ((True, None, None, None, None), CostBand.NO_EXTRA_COST),
        ((False, None, None, None, None), CostBand.NOT_REPORTED),
        ((False, 0, 0, 0, 0), CostBand.NO_EXTRA_COST),
        ((False, 1000, 3000, None, 6999), CostBand.UNDER_10K),
        ((False, 1000, 3000, None, 7000), CostBand.FROM_10K_TO_50K),
        ((False, 5000, None, 10000, None), CostBand.FROM_10K_TO_50K),
        ((False, None, None, 40000, 60000), CostBand.OVER_50K),
    ],
)
def test_cost_band_uses_upper_estimates_of_the_first_year(args, band):
    assert cost_band_for(*args) == band


def test_cost_band_is_stored_on_save(evidence_data):
    assert PracticeModelPage.objects.get(pk=evidence_data["a"].pk).cost_band == "no_extra_cost"
    assert PracticeModelPage.objects.get(pk=evidence_data["b"].pk).cost_band == "10k_50k"
    assert PracticeModelPage.objects.get(pk=evidence_data["c"].pk).cost_band == "not_reported"


def test_evidence_and_cost_facets_count_and_filter(client, evidence_data, library):
    soup = _soup(client, library.url)
    assert counts(soup, "evidence") == {
        "not_evaluated": 1,
        "self_assessed": 1,
        "externally_evaluated": 1,
        "research_evidence": 0,
    }
    assert counts(soup, "cost") == {
        "no_extra_cost": 1,
        "under_10k": 0,
        "10k_50k": 1,
        "over_50k": 0,
        "not_reported": 1,
    }
    cases = [
        ("?evidence=self_assessed", ["Alfa"]),
        ("?evidence=self_assessed&evidence=not_evaluated", ["Alfa", "Gamma"]),  # OR within
        ("?evidence=self_assessed&evidence=externally_evaluated&region=pirkanmaa", ["Beta"]),  # AND across
        ("?cost=no_extra_cost&cost=10k_50k", ["Alfa", "Beta"]),
        ("?cost=not_reported&stage=ready", ["Gamma"]),
        ("?cost=10k_50k&evidence=self_assessed", []),
    ]
    for query, expected in cases:
        assert titles(_soup(client, library.url + query)) == expected, query
    # Each facet counted with the others applied, not with its own selection.
    soup = _soup(client, library.url + "?evidence=self_assessed&evidence=externally_evaluated")
    assert counts(soup, "evidence")["not_evaluated"] == 1
    assert counts(soup, "cost") == {
        "no_extra_cost": 1,
        "under_10k": 0,
        "10k_50k": 1,
        "over_50k": 0,
        "not_reported": 0,
    }
    assert counts(soup, "region") == {"lappi": 2, "pirkanmaa": 1}


def test_facet_headings_link_to_the_glossary_and_explain_regions(client, evidence_data, library):
    soup = _soup(client, library.url)
    for facet, anchor in (("stage", "stages"), ("evidence", "evidence"), ("cost", "costs"), ("region", "regions")):
        link = soup.select_one(f"#facet-{facet} .facet__help a")
        assert link["href"] == f"/fi/library-glossary/#{anchor}", facet
    assert "kehitetty" in soup.select_one("#facet-region .facet__help").get_text()
    assert "ottaneet mallin käyttöön" in soup.select_one("#facet-adopted_in .facet__help").get_text()


def test_cards_show_stage_and_evidence_badges_linked_to_the_glossary(client, evidence_data, library):
    soup = _soup(client, library.url + "?sort=name")
    card = soup.select(".card--model")[0]
    stage, evidence = card.select(".card__meta a")
    assert stage["href"] == "/fi/library-glossary/#stage-ready"
    assert evidence["href"] == "/fi/library-glossary/#evidence-self_assessed"
    assert "Itse arvioitu" in evidence.get_text()
    gamma = soup.select(".card--model")[2]
    assert "Ei vielä arvioitu" in gamma.select_one(".evidence").get_text()


def test_model_page_shows_evidence_resources_and_adoption_kit(client, evidence_data):
    soup = _soup(client, evidence_data["b"].url)
    evidence = soup.select_one(".model-evidence")
    assert "Ulkoisesti arvioitu" in evidence.get_text()
    report = evidence.select_one(".evaluations li")
    assert report.a["href"] == "https://example.fi/raportti"
    assert "Stakes" in report.get_text() and "2008" in report.get_text()
    resources = soup.select_one(".model-resources").get_text(" ", strip=True)
    assert "Sosiaaliohjaaja: 2 h viikossa" in resources
    assert "Huoli puheeksi, 1,5 päivää" in resources or "Huoli puheeksi, 1.5 päivää" in resources
    assert "10 000–50 000" in resources.replace("\xa0", " ")
    assert "STM:n hankerahoitus" in resources
    steps = soup.select(".adoption-steps li")
    assert [li.strong.get_text() for li in steps] == ["Sitouta johto"]


def test_model_without_data_says_so_instead_of_silence(client, evidence_data):
    soup = _soup(client, evidence_data["c"].url)
    assert "Ei vielä arvioitu" in soup.select_one(".model-evidence").get_text()
    resources = soup.select_one(".model-resources").get_text(" ", strip=True)
    assert "Kustannuksia ei ole ilmoitettu" in resources
    assert "ei ilmoitettu" in resources.lower()
    assert soup.select_one(".model-adoption-kit .empty-state")


@pytest.mark.parametrize(
    "language, not_evaluated, not_reported, heading",
    [
        ("sv", "Inte utvärderad ännu", "Kostnaderna har inte rapporterats", "Så tar du modellen i bruk"),
        ("en", "Not evaluated yet", "Costs not reported", "How to take it into use"),
    ],
)
def test_model_page_in_swedish_and_english(client, library, language, not_evaluated, not_reported, heading):
    translated_library = library.get_translation(Locale.objects.get(language_code=language))
    page = PracticeModelPageFactory(parent=translated_library, locale=translated_library.locale, slug="malli")
    page.save_revision().publish()
    soup = _soup(client, page.url)
    assert not_evaluated in soup.select_one(".model-evidence").get_text()
    assert not_reported in soup.select_one(".model-resources").get_text()
    assert soup.select_one("#adoption-kit-title").get_text() == heading
    assert (
        soup.select_one(".model__badges .evidence")["href"] == f"/{language}/library-glossary/#evidence-not_evaluated"
    )


@pytest.mark.parametrize(
    "language, heading", [("fi", "Näytön tasot"), ("sv", "Evidensnivåer"), ("en", "Evidence levels")]
)
def test_glossary_defines_stages_evidence_levels_and_regions(client, lean_site, language, heading):
    soup = _soup(client, f"/{language}/library-glossary/")
    assert soup.select_one("#evidence-title").get_text() == heading
    for value in EvidenceLevel.values:
        assert soup.select_one(f"#evidence-{value} + dd").get_text().strip()
    for anchor in ("stage-idea", "stage-established", "cost-no_extra_cost", "region-region", "region-adopted_in"):
        assert soup.select_one(f"#{anchor}"), anchor


def test_compare_has_evidence_and_cost_rows(client, evidence_data, library):
    url = library.url + f"compare/?models={evidence_data['a'].pk}&models={evidence_data['b'].pk}"
    soup = _soup(client, url)
    rows = {
        tr.th.get_text(): [td.get_text(" ", strip=True) for td in tr.select("td")] for tr in soup.select("tbody tr")
    }
    assert rows["Näytön taso"][0] == "Itse arvioitu"
    assert rows["Näytön taso"][1].startswith("Ulkoisesti arvioitu")
    assert rows["Kustannusluokka"] == ["Ei lisäkustannuksia", "10 000–50 000 €"]
    assert rows["Rahoitus"] == ["Ei ilmoitettu", "STM:n hankerahoitus"]
    assert "Sosiaaliohjaaja: 2 h viikossa" in rows["Tarvittavat resurssit"][1]


def test_csv_has_evidence_and_cost_columns(client, evidence_data, library):
    response = client.get(library.url + "export/?sort=name")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    beta = dict(zip(header, rows[2]))
    assert beta["Näytön taso"] == "Ulkoisesti arvioitu"
    assert beta["Arviointiraportit"] == "Henkilöstökysely, Stakes, 2008"
    assert beta["Kustannusluokka"] == "10 000–50 000 €"
    assert beta["Kertakustannukset, € (min–max)"] == "5000–20000"
    assert beta["Vuosikustannukset, € (min–max)"] == "10000"
    assert "Huoli puheeksi, 1.5 päivää, THL" in beta["Tarvittavat resurssit"]
    gamma = dict(zip(header, rows[3]))
    assert gamma["Näytön taso"] == "Ei vielä arvioitu"
    assert gamma["Kustannusluokka"] == "Kustannuksia ei ole ilmoitettu"


def test_api_exposes_evidence_costs_resources_and_adoption_kit(client, evidence_data):
    response = client.get(f"/api/v2/pages/{evidence_data['b'].pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["evidence_level"]["code"] == "externally_evaluated"
    assert data["evaluations"][0]["value"]["evaluator"] == "Stakes"
    assert data["costs"]["one_off"] == {"min": 5000, "max": 20000}
    assert data["costs"]["yearly"] == {"min": 10000, "max": None}
    assert data["costs"]["band"]["code"] == "10k_50k"
    assert data["costs"]["funding_used"] == "STM:n hankerahoitus"
    assert [block["type"] for block in data["resources"]] == ["staff", "training"]
    assert data["adoption_steps"][0]["value"]["title"] == "Sitouta johto"
    assert data["materials"] == []
    plain = client.get(f"/api/v2/pages/{evidence_data['c'].pk}/").json()
    assert plain["evidence_level"]["code"] == "not_evaluated"
    assert plain["costs"]["band"]["code"] == "not_reported"


@override_settings(WAGTAILSEARCH_BACKENDS=NO_INDEXING)
def test_query_count_constant_from_10_to_500_with_the_new_facets(client, library, django_assert_max_num_queries):
    v = vocab_fixture()
    bulk_models(library, 10, vocab=v)
    query = "?evidence=not_evaluated&evidence=self_assessed&cost=not_reported&region=lappi&sort=name"
    client.get(library.url + query)  # warm caches (site root, locales)
    with CaptureQueriesContext(connection) as small:
        response = client.get(library.url + query)
    assert response.status_code == 200
    bulk_models(library, 490, start=10, vocab=v)
    with django_assert_max_num_queries(len(small)):
        response = client.get(library.url + query)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert status_text(soup) == "500 toimintamallia"
    assert counts(soup, "cost")["not_reported"] == 500


def test_adoption_materials_show_type_and_size_on_the_page_and_in_the_api(client, library):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.create(title="Opas", file=ContentFile(b"%PDF-1.4 " + b"x" * 2048, name="opas.pdf"))
    document.get_file_size()  # stored on upload, as the admin's document form does
    page = PracticeModelPageFactory(parent=library, slug="materiaalit")
    page.materials = [("material", {"document": document, "title": "Käyttöönotto-opas", "kind": "guide"})]
    page.save_revision().publish()
    soup = _soup(client, page.url)
    item = soup.select_one(".materials li")
    assert item.a.get_text() == "Käyttöönotto-opas" and item.a["href"] == document.url
    meta = item.select_one(".attachment__meta").get_text()
    assert "Opas tai käsikirja" in meta and "PDF" in meta and "2,0" in meta.replace(".", ",")
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["materials"] == [
        {
            "title": "Käyttöönotto-opas",
            "kind": "guide",
            "url": document.url,
            "file_type": "PDF",
            "file_size": document.file_size,
        }
    ]


def test_adoption_kit_lists_the_calendar_trainings_of_the_model(client, library, lean_site):
    import datetime

    from django.utils import timezone

    from events.models import EventPage
    from tests.factories import EventPageFactory

    page = PracticeModelPageFactory(parent=library, slug="koulutettava")
    soon = timezone.now() + datetime.timedelta(days=5)
    training = EventPageFactory(parent=lean_site["home"], title="Menetelmäkoulutus", event_type="training")
    seminar = EventPageFactory(parent=lean_site["home"], title="Seminaari", event_type="seminar", start=soon)
    other = EventPageFactory(parent=lean_site["home"], title="Toisen mallin työpaja", event_type="workshop")
    for event in (training, seminar):
        EventPage.related_models.through.objects.create(eventpage=event, practicemodelpage=page)
    assert other.pk
    soup = _soup(client, page.url)
    kit = [e.get_text(strip=True) for e in soup.select(".model-adoption-kit .card__title")]
    assert kit == ["Menetelmäkoulutus"]
    assert soup.select_one("#model-trainings-title").get_text() == "Koulutukset ja työpajat"
