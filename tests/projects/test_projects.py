"""Project pages, the faceted project listing, and links both ways (models, events, news)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from models_library.models import Funder, Region, Theme
from projects.models import ProjectPage

from .conftest import make_project

pytestmark = pytest.mark.django_db

NO_INDEXING = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def card_titles(soup):
    return sorted(a.get_text() for a in soup.select(".card--project .card__title a"))


def counts(soup, facet):
    out = {}
    for box in soup.select(f'.facet-panel input[name="{facet}"]'):
        label = soup.find("label", attrs={"for": box["id"]})
        out[box["value"]] = int(label.select_one(".facet__count").get_text().strip("()").split()[0])
    return out


def test_project_page_lists_its_models_events_and_news(client, linked):
    soup = soup_of(client, linked["project"].url)
    text = soup.get_text(" ", strip=True)
    links = {a.get_text(strip=True) for a in soup.select("article a")}
    assert {"Arjen turva", "Kuntatyöpaja", "Hankeuutinen"} <= links
    assert "Muu malli" not in links
    assert "Lapin hyvinvointialue" in text  # lead organisation
    assert "Tavoite." in text


@pytest.mark.parametrize("key", ["model", "event", "article"])
def test_linked_pages_name_the_project(client, linked, key):
    soup = soup_of(client, linked[key].url)
    box = soup.select_one(".page-projects")
    assert box is not None
    assert [a.get_text() for a in box.select("a")] == ["Investointi 2"]


def test_unlinked_model_names_no_project(client, linked):
    assert soup_of(client, linked["other"].url).select_one(".page-projects") is None


def test_draft_project_is_not_named(client, linked):
    project = linked["project"]
    project.unpublish()
    assert soup_of(client, linked["model"].url).select_one(".page-projects") is None


def test_end_before_start_is_a_form_error(project_index):
    from django.core.exceptions import ValidationError

    project = ProjectPage(
        title="X", slug="x", summary="s", start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2023, 1, 1)
    )
    with pytest.raises(ValidationError):
        project.clean()


@pytest.fixture
def three_projects(project_index):
    lappi, uusimaa = Region.objects.get(code="lappi"), Region.objects.get(code="lansi-uusimaa")
    stm, esr = Funder.objects.get(code="stm"), Funder.objects.get(code="esr")
    theme = Theme.objects.get(code="early-support")
    make_project(
        project_index,
        "Lappi",
        m2m={"regions": [lappi], "funders": [stm, esr], "themes": [theme]},
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2099, 1, 1),
    )
    make_project(
        project_index,
        "Uusimaa",
        m2m={"regions": [uusimaa], "funders": [stm]},
        start_date=datetime.date(2017, 1, 1),
        end_date=datetime.date(2018, 12, 31),
    )
    make_project(project_index, "Vasa", m2m={"regions": [lappi, uusimaa]}, start_date=datetime.date(2098, 1, 1))
    draft = ProjectPage(title="Luonnos", slug="luonnos", summary="s", locale=project_index.locale, live=False)
    project_index.add_child(instance=draft)
    draft.save_revision()
    return project_index


def test_listing_counts_and_filters(client, three_projects):
    url = three_projects.url
    soup = soup_of(client, url)
    assert card_titles(soup) == ["Lappi", "Uusimaa", "Vasa"]  # no draft
    assert counts(soup, "region") == {"lansi-uusimaa": 2, "lappi": 2}
    assert counts(soup, "funder") == {"stm": 2, "esr": 1}
    assert counts(soup, "theme") == {"early-support": 1}
    assert counts(soup, "phase") == {"planned": 1, "active": 1, "ended": 1}
    assert card_titles(soup_of(client, url + "?phase=ended")) == ["Uusimaa"]
    assert card_titles(soup_of(client, url + "?phase=active&phase=planned")) == ["Lappi", "Vasa"]
    assert card_titles(soup_of(client, url + "?region=lappi&funder=stm")) == ["Lappi"]
    filtered = soup_of(client, url + "?funder=stm")
    assert counts(filtered, "region") == {"lansi-uusimaa": 1, "lappi": 1}  # counted with the other facets


def test_listing_bad_values_give_200_and_message(client, three_projects):
    soup = soup_of(client, three_projects.url + "?phase=nonsense&region=%00&page=x")
    assert card_titles(soup) == ["Lappi", "Uusimaa", "Vasa"]
    assert soup.select_one('[role="alert"]') is not None


@override_settings(WAGTAILSEARCH_BACKENDS=NO_INDEXING)
def test_listing_query_count_constant(client, project_index, django_assert_max_num_queries):
    lappi, stm = Region.objects.get(code="lappi"), Funder.objects.get(code="stm")

    def add(start, count):
        for i in range(start, start + count):
            page = ProjectPage(title=f"Hanke {i:03d}", slug=f"hanke-{i}", summary="s", locale=project_index.locale)
            project_index.add_child(instance=page)
            project_index.refresh_from_db()
            page.regions.set([lappi])
            page.funders.set([stm])
            page.save()

    add(0, 3)
    query = "?region=lappi&funder=stm&phase=active"
    client.get(project_index.url + query)
    with CaptureQueriesContext(connection) as small:
        client.get(project_index.url + query)
    add(3, 60)
    with django_assert_max_num_queries(len(small)):
        soup = soup_of(client, project_index.url + query)
    assert len(card_titles(soup)) == 20


def test_api_lists_projects_and_model_projects(client, linked):
    data = client.get("/api/v2/pages/?type=projects.ProjectPage&fields=*").json()
    assert [item["title"] for item in data["items"]] == ["Investointi 2"]
    item = data["items"][0]
    assert [m["title"] for m in item["practice_models"]] == ["Arjen turva"]
    assert item["funders"] == [{"code": "stm", "name": "Sosiaali- ja terveysministeriö (STM)"}]
    assert item["lead_organisation"]["code"] == "lapin-hyvinvointialue"
    model = client.get(f"/api/v2/pages/{linked['model'].pk}/").json()
    assert [p["title"] for p in model["projects"]] == ["Investointi 2"]
    other = client.get(f"/api/v2/pages/{linked['other'].pk}/").json()
    assert other["projects"] == []
