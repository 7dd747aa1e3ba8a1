"""The service page: facts, JSON-LD, publish checks, the API, and a page in North Sámi."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Locale

from services.models import ServicePage
from tests.factories import PracticeModelPageFactory
from tests.search.helpers import get_search, result_titles

from .conftest import make_service, place

pytestmark = pytest.mark.django_db


def lang_of(html, tag):
    match = re.search(rf"<{tag}\b[^>]*>", html)
    found = re.search(r'\blang="([^"]+)"', match.group(0)) if match else None
    return found.group(1) if found else None


@pytest.fixture
def club(tray, vocab):
    return make_service(
        tray,
        "Perhekerho",
        m2m={"places": [place("sajos", "148", 68.90596, 27.01720)], "languages": [vocab["fi"], vocab["se"]]},
        hours=[(2, "10:00", "12:00")],
    )


def test_page_shows_facts_and_schema_org_service(client, club):
    html = client.get(club.url).content.decode()
    assert "Perhekerho" in html and "Sajos" in html and "pohjoissaame" in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Service"
    assert data["availableLanguage"] == ["fi", "se"]
    assert data["hoursAvailable"][0]["dayOfWeek"] == "https://schema.org/Wednesday"
    assert data["availableChannel"][0]["serviceLocation"]["geo"]["latitude"] == 68.90596


def test_publish_blockers_name_what_is_missing(tray):
    page = ServicePage(title="Kesken", slug="kesken", summary="s")
    tray.add_child(instance=page)
    with translation.override("en"):
        problems = " ".join(page.publish_blockers())
    assert "provider" in problems and "opening hours" in problems and "language the service is given in" in problems


def test_api_lists_services_with_languages_places_and_schedule(client, club):
    response = client.get("/api/v2/pages/?type=services.ServicePage&fields=languages,places,schedule")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Perhekerho"]
    item = items[0]
    assert [language["code"] for language in item["languages"]] == ["fi", "se"]
    assert item["places"][0]["municipality"] == "148"
    assert item["schedule"]["weekly"] == [{"weekday": 2, "opens": "10:00", "closes": "12:00"}]


def test_north_sami_page_is_served_under_the_sami_url(client, club):
    se = Locale.objects.get_or_create(language_code="se")[0]
    for ancestor in club.get_ancestors().filter(depth__gt=1).specific():
        if ancestor.get_translation_or_none(se) is None:
            ancestor.copy_for_translation(se).save_revision().publish()
    sami = club.copy_for_translation(se)
    sami.title = "Bearašklubba"
    sami.save_revision().publish()
    sami.refresh_from_db()
    assert sami.url.startswith("/se/")
    html = client.get(sami.url).content.decode()
    assert "Bearašklubba" in html
    assert lang_of(html, "html") == "se" and lang_of(html, "main") is None  # Sámi content, marked Sámi
    assert lang_of(html, "header") == "fi"  # the interface falls back to Finnish, and says so


def test_site_search_has_a_services_result_type(client, club):
    _response, soup = get_search(client, q="Perhekerho", type="services")
    assert result_titles(soup) == ["Perhekerho"]
    assert soup.select_one(".search-result--services .search-result__type").get_text(strip=True) == "Palvelut"


def test_model_page_lists_the_services_that_name_it(client, tray, vocab, library):
    model = PracticeModelPageFactory(parent=library, title="Hyvinvointilähete", slug="hyvinvointilahete")
    model.save_revision().publish()
    make_service(tray, "Liikuntaryhmä", m2m={"related_models": [model]}, hours=[(0, "10:00", "11:00")])
    box = BeautifulSoup(client.get(model.url).content.decode(), "html.parser").select_one(".model-services")
    assert box is not None and [a.get_text() for a in box.select("a")] == ["Liikuntaryhmä"]
