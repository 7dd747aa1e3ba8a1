"""Compare view and CSV export of the filtered listing."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

from .fixtures import build_facet_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def facet_data(library):
    return build_facet_fixture(library)


def test_compare_two_models_side_by_side(client, facet_data, library):
    a, c = facet_data["a"], facet_data["c"]
    response = client.get(f"{library.url}compare/?models={a.pk}&models={c.pk}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    table = soup.select_one("table.compare-table")
    assert table.caption
    assert [th.get_text(strip=True) for th in table.select("thead th[scope=col]")] == ["Alfa", "Gamma"]
    assert table.select('tbody th[scope="row"]')
    assert "Pirkanmaa" in table.get_text() or "pirkanmaa" in table.get_text().lower()


@pytest.mark.parametrize(
    "query, status",
    [
        ("", 200),
        ("?models=1", 200),
        ("?models=1&models=2&models=3&models=4&models=5", 200),
        # Values no form produces are bad requests, whatever the database makes of them.
        ("?models=abc&models=2", 400),
        ("?models=9223372036854775808&models=1", 400),
        ("?models=-3&models=1", 400),
    ],
)
def test_compare_bad_selection_gives_message(client, facet_data, library, query, status):
    response = client.get(f"{library.url}compare/{query}")
    assert response.status_code == status
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.select_one('[role="alert"]').get_text(strip=True)
    assert soup.select_one("table.compare-table") is None


def test_compare_refuses_drafts_private_and_other_language(client, facet_data, library):
    for other in ("draft", "private", "sv"):
        response = client.get(f"{library.url}compare/?models={facet_data['a'].pk}&models={facet_data[other].pk}")
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        assert soup.select_one("table.compare-table") is None, other
        assert facet_data[other].title not in response.content.decode()


def test_listing_cards_have_compare_checkboxes(client, facet_data, library):
    soup = BeautifulSoup(client.get(library.url).content.decode(), "html.parser")
    form = soup.select_one("form#compare-form")
    assert form["method"] == "get" and form["action"].endswith("/compare/")
    boxes = soup.select('input[name="models"][form="compare-form"]')
    assert len(boxes) == 3
    for box in boxes:
        assert soup.find("label", attrs={"for": box["id"]})


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_export_follows_filters(client, facet_data, library):
    soup = BeautifulSoup(client.get(library.url + "?region=lappi&sort=name").content.decode(), "html.parser")
    link = soup.select_one(".library__export")["href"]
    assert "region=lappi" in link
    rows = _csv(client.get(link))
    assert [r[0] for r in rows[1:]] == ["Alfa", "Beta"]
    rows = _csv(client.get(library.url + "export/?stage=ready&region=nowhere&sort=name"))
    assert [r[0] for r in rows[1:]] == ["Alfa", "Gamma"]


def test_csv_export_is_safe_against_formula_injection(client, facet_data, library):
    from models_library.models import PracticeModelPage

    PracticeModelPage.objects.filter(pk=facet_data["a"].pk).update(
        title='=HYPERLINK("http://evil")', short_description="+1+1", keywords="@SUM(A1)", implementation_site="-2"
    )
    rows = _csv(client.get(library.url + "export/?sort=name"))
    row = next(r for r in rows if "HYPERLINK" in r[0])
    assert row[0].startswith("'=")
    assert row[2] == "'+1+1"
    assert row[4] == "'-2"
    assert row[12] == "'@SUM(A1)"
