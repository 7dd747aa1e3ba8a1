"""The demo projects: loaded from the reference documents, linked both ways; the ministry
news item keeps its links to its source and to the two models it describes."""

import pytest
from bs4 import BeautifulSoup

from home.models import ArticlePage
from models_library.models import PracticeModelPage
from projects.models import ProjectPage

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_three_projects_in_three_languages(demo_site):
    assert ProjectPage.objects.filter(locale__language_code="fi").count() == 3
    for code in ("sv", "en"):
        assert ProjectPage.objects.live().filter(locale__language_code=code).count() == 3


def test_lapland_project_links_its_models_and_workshops_both_ways(client, demo_site):
    project = ProjectPage.objects.get(slug="lapin-investointi-2", locale__language_code="fi")
    soup = soup_of(client, project.url)
    links = {a.get_text(strip=True) for a in soup.select("article a")}
    assert {"Ankkuri-malli", "MARAK-toimintamalli", "Arjen turvan toimintamalli"} <= links
    assert sum("kuntatyöpaja" in text for text in links) == 5
    model = PracticeModelPage.objects.get(slug="ankkuri-malli", locale__language_code="fi")
    box = soup_of(client, model.url).select_one(".page-projects")
    assert [a.get_text() for a in box.select("a")] == [project.title]
    arjen = PracticeModelPage.objects.get(slug="arjen-turvan-toimintamalli", locale__language_code="fi")
    named = {a.get_text() for a in soup_of(client, arjen.url).select(".page-projects a")}
    assert named == {project.title, "VASA-hanke"}


def test_swedish_model_names_the_swedish_project(client, demo_site):
    fi_model = PracticeModelPage.objects.get(slug="ankkuri-malli", locale__language_code="fi")
    sv_model = fi_model.get_translation(fi_model.locale.__class__.objects.get(language_code="sv"))
    named = [a.get_text() for a in soup_of(client, sv_model.url).select(".page-projects a")]
    assert named == ["Investering 2: sektorsövergripande välfärdstjänster i Lappland"]


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_news_item_keeps_its_links(client, demo_site, code):
    item = ArticlePage.objects.get(
        translation_key=ArticlePage.objects.get(locale__language_code="fi").translation_key,
        locale__language_code=code,
    )
    soup = soup_of(client, item.url)
    body_links = soup.select(".article a[href]")
    hrefs = [a["href"] for a in body_links]
    assert any(href.startswith("https://stm.fi/") for href in hrefs)
    fi_models = PracticeModelPage.objects.filter(
        locale__language_code="fi",
        slug__in=["vanhemmuuden-tuen-malli-siuntio", "opiskeluhuollon-yhteinen-vastaanotto-porvoo"],
    )
    wanted = {
        page.url
        for page in PracticeModelPage.objects.filter(
            translation_key__in=[m.translation_key for m in fi_models], locale__language_code=code
        )
    }
    assert len(wanted) == 2
    assert wanted <= set(hrefs), (wanted, hrefs)
    # ... and the news item names its project
    lape = ProjectPage.objects.get(slug="lape-uusimaa", locale__language_code="fi")
    assert [a.get_text() for a in soup.select(".page-projects a")] == [
        ProjectPage.objects.get(translation_key=lape.translation_key, locale__language_code=code).title
    ]
