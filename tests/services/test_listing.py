"""The service tray listing: facets, language served, near me, open filters, suggestions,
map and print views, CSV, and a fixed number of queries."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from models_library.models import Municipality
from services.models import OpeningHours, ServicePage

from .conftest import make_service, place

pytestmark = pytest.mark.django_db


NO_INDEXING = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def titles(soup):
    return sorted(a.get_text() for a in soup.select(".library__list .card--service .card__title a"))


def counts(soup, facet):
    out = {}
    for box in soup.select(f'.facet-panel input[name="{facet}"]'):
        label = soup.find("label", attrs={"for": box["id"]})
        out[box["value"]] = int(label.select_one(".facet__count").get_text().strip("()").split()[0])
    return out


@pytest.fixture
def services(tray, vocab):
    inari = place("sajos", "148", 68.90596, 27.01720)
    kemijarvi = place("kemijarven-kirjasto", "320", 66.71361, 27.43194)
    return {
        "sami": make_service(
            tray,
            "Saamenkielinen perhekerho",
            m2m={"places": [inari], "languages": [vocab["se"], vocab["smn"]], "access_methods": [vocab["walk_in"]]},
            provider=vocab["parish"],
            hours=[(2, "10:00", "12:00")],
        ),
        "youth": make_service(
            tray,
            "Nuorten ilta",
            m2m={"places": [kemijarvi], "target_groups": [vocab["youth"]], "access_methods": [vocab["walk_in"]]},
            provider=vocab["ngo"],
            hours=[(4, "18:00", "22:00")],
            cost="fee",
            fee_text="2 €",
        ),
        "phone": make_service(
            tray,
            "Kriisipuhelin",
            m2m={"languages": [vocab["fi"], vocab["fse"]], "access_methods": [vocab["phone"]]},
            by_phone=True,
        ),
    }


def test_facet_counts_and_filters(client, tray, services):
    soup = soup_of(client, tray.url)
    assert titles(soup) == ["Kriisipuhelin", "Nuorten ilta", "Saamenkielinen perhekerho"]
    assert counts(soup, "provider") == {"county": 1, "ngo": 1, "parish": 1}
    assert counts(soup, "cost") == {"free": 2, "fee": 1}
    assert counts(soup, "access")["walk-in"] == 2
    # A municipality counts services with a place there.
    assert counts(soup, "municipality") == {"148": 1, "320": 1}
    soup = soup_of(client, tray.url + "?access=walk-in")
    assert titles(soup) == ["Nuorten ilta", "Saamenkielinen perhekerho"]
    # Counts of a facet are computed with the other facets applied.
    assert counts(soup, "cost") == {"free": 1, "fee": 1}
    assert counts(soup_of(client, tray.url + "?provider=ngo"), "access") == {"walk-in": 1}


def test_language_served_finds_exactly_those_services(client, tray, services):
    assert titles(soup_of(client, tray.url + "?language=se")) == ["Saamenkielinen perhekerho"]
    assert titles(soup_of(client, tray.url + "?language=smn")) == ["Saamenkielinen perhekerho"]
    assert titles(soup_of(client, tray.url + "?language=fse")) == ["Kriisipuhelin"]
    assert counts(soup_of(client, tray.url), "language")["se"] == 1


def test_near_me_by_postal_code_and_municipality(client, tray, services):
    # 99800 Ivalo (Inari): the Sámi club is near; Kemijärvi is ~250 km away.
    soup = soup_of(client, tray.url + "?near=99800&km=50")
    assert titles(soup) == ["Saamenkielinen perhekerho"]
    soup = soup_of(client, tray.url + "?near=Kemijärvi&km=30&online=1")
    # Nearest first, services by phone last.
    assert [a.get_text() for a in soup.select(".library__list .card__title a")] == ["Nuorten ilta", "Kriisipuhelin"]
    distances = [dd.get_text() for dd in soup.select(".library__list .card__facts dd") if "km" in dd.get_text()]
    assert distances == ["noin 5 km"]  # the phone service has no distance
    soup = soup_of(client, tray.url + "?near=ei-paikkaa")
    assert "ei-paikkaa" in soup.select_one(".notice--warning").get_text()


def test_empty_result_suggests_nearest_and_phone_services(client, tray, services):
    # Nothing in Sodankylä (~100 km from Inari's place, ~130 km from Kemijärvi).
    soup = soup_of(client, tray.url + "?municipality=758")
    assert titles(soup) == []
    box = soup.select_one(".suggestions")
    nearest = [a.get_text() for a in box.select(".suggestions__nearest .card__title a")]
    assert nearest and set(nearest) <= {"Saamenkielinen perhekerho", "Nuorten ilta"}
    assert [a.get_text() for a in box.select(".suggestions__remote .card__title a")] == ["Kriisipuhelin"]


def test_map_print_and_csv_views_share_the_filters(client, tray, services):
    soup = soup_of(client, tray.url + "map/?language=se")
    assert [h.get_text() for h in soup.select(".map-places h3")] == ["Sajos"]
    assert soup.select_one("#map-markers") is not None
    soup = soup_of(client, tray.url + "print/?language=se")
    assert [h.get_text() for h in soup.select(".service-print__list h2")] == ["Saamenkielinen perhekerho"]
    assert "Palveluohjaus Lapissa" in soup.get_text()
    response = client.get(tray.url + "export/?provider=ngo")
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Nuorten ilta" in body and "Kriisipuhelin" not in body


def test_guidance_contact_on_listing_and_service_page(client, tray, services):
    for url in (tray.url, services["youth"].url):
        box = soup_of(client, url).select_one(".service-guidance")
        assert box is not None and "040 000 0000" in box.get_text()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


URLS = (
    "",
    "?open=week&language=fi",
    "?near=Kemijärvi&km=200&online=1&open=now&access=walk-in",
    "map/",
    "print/",
    "export/",
)


@override_settings(WAGTAILSEARCH_BACKENDS=NO_INDEXING)
def test_query_count_does_not_grow_with_services(client, tray, vocab):
    """10 and 1 000 services: the same number of queries for every view (one test, so the
    services are made once)."""
    kemijarvi = Municipality.objects.get(code="320")
    spot = place("paikka", "320", 66.7, 27.4)

    provider = vocab["ngo"]

    def add(start, count):
        # Live pages saved directly (no revisions, no indexing): the listing reads the same rows.
        for n in range(start, start + count):
            page = ServicePage(
                title=f"Palvelu {n:03d}", slug=f"palvelu-{n}", summary="s", locale=tray.locale, provider=provider
            )
            page.opening_hours.add(OpeningHours(weekday=n % 7, opens=datetime.time(9), closes=datetime.time(15)))
            tray.add_child(instance=page)
            tray.refresh_from_db()
            page.places.set([spot])
            page.municipalities.set([kemijarvi])
            page.access_methods.set([vocab["walk_in"]])
            page.languages.set([vocab["fi"]])
            page.save()

    add(0, 10)
    for params in URLS:
        _queries(client, tray.url + params)  # warm caches (site root paths, content types)
    small = {params: _queries(client, tray.url + params) for params in URLS}
    add(10, 990)
    assert ServicePage.objects.count() == 1000
    large = {params: _queries(client, tray.url + params) for params in URLS}
    assert large == small
