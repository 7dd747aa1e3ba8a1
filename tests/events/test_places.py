"""Places, maps, "near me", date ranges and empty-result suggestions (issue 18, items 1-3)."""

import datetime
import json
import math
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.geodata import haversine_km, municipality_centres, postal_codes
from events.models import EventOccurrence, Place
from events.nearby import _municipality_for
from models_library.models import Municipality
from tests.events.test_calendar import quick_event
from tests.factories import publish_event

pytestmark = pytest.mark.django_db


def law_of_cosines_km(a, b):
    """Independent check of the haversine: the spherical law of cosines, same radius."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    cos_angle = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return 6371.0088 * math.acos(min(1.0, cos_angle))


def test_distance_between_two_municipalities():
    centres = municipality_centres()
    helsinki, kemijarvi, tampere = centres["091"], centres["320"], centres["837"]
    assert helsinki == pytest.approx((60.16952, 24.93545))
    assert haversine_km(helsinki, kemijarvi) == pytest.approx(law_of_cosines_km(helsinki, kemijarvi), abs=0.01)
    # Helsinki-Kemijärvi is about 730 km as the crow flies, Helsinki-Tampere about 160 km.
    assert 720 < haversine_km(helsinki, kemijarvi) < 740
    assert 155 < haversine_km(helsinki, tampere) < 165
    assert haversine_km(tampere, helsinki) == pytest.approx(haversine_km(helsinki, tampere))


def test_every_municipality_and_postal_code_resolves(vocabularies):
    codes = set(Municipality.objects.values_list("code", flat=True))
    assert len(codes) == 308
    centres = municipality_centres()
    assert set(centres) == codes
    for lat, lon in centres.values():
        assert 59.5 < lat < 70.2 and 19.0 < lon < 31.7  # inside Finland and Åland
    for code in codes:
        assert _municipality_for(code) == code
    table = postal_codes()
    assert len(table) > 5000
    assert set(table.values()) <= codes
    for postal_code, code in table.items():
        assert _municipality_for(postal_code) == code
    assert table["98100"] == "320"  # Kemijärvi
    assert table["99800"] == "148"  # Ivalo, Inari
    assert table["22100"] == "478"  # Mariehamn
    assert _municipality_for("Kemijärvi") == "320"
    assert _municipality_for("Helsingfors") == "091"


@pytest.fixture
def places(vocabularies):
    municipality = Municipality.objects.get
    return {
        "kemijarvi": Place.objects.create(
            code="kemijarvi-perhekeskus",
            name_fi="Kemijärven perhekeskus",
            name_sv="Familjecentret i Kemijärvi",
            street_address="Vapaudenkatu 8",
            postal_code="98100",
            municipality=municipality(code="320"),
            latitude="66.71361",
            longitude="27.43194",
            accessibility_fi="Esteetön sisäänkäynti.",
            directions_fi="Linja-autoasemalta 300 m.",
        ),
        "sodankyla": Place.objects.create(
            code="sodankyla-kunnantalo", name_fi="Sodankylän kunnantalo", municipality=municipality(code="758")
        ),
        "tampere": Place.objects.create(
            code="tampere-talo", name_fi="Tampere-talo", municipality=municipality(code="837"), postal_code="33100"
        ),
    }


def soon(days=3, hour=10):
    moment = timezone.localtime(timezone.now() + datetime.timedelta(days=days))
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def event_at(calendar, place, title, days=3, **fields):
    start = soon(days)
    return publish_event(
        calendar, title=title, start=start, end=start + datetime.timedelta(hours=2), place=place, **fields
    )


def test_event_page_shows_address_map_and_json_ld(client, calendar, places):
    event = event_at(calendar, places["kemijarvi"], "Perhekeskuksen avoimet ovet")
    assert event.municipality.code == "320"  # filled in from the place: facets keep working
    html = client.get(event.get_url()).content.decode()
    assert "Vapaudenkatu 8, 98100 Kemijärvi" in html
    assert "Esteetön sisäänkäynti." in html and "Linja-autoasemalta 300 m." in html
    assert "https://www.openstreetmap.org/?mlat=66.71361&amp;mlon=27.43194" in html
    assert 'data-map-markers="event-map-markers-' in html
    assert "vendor/leaflet-1.9.4/leaflet.js" in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    location = data["location"]
    assert location["address"]["streetAddress"] == "Vapaudenkatu 8"
    assert location["address"]["postalCode"] == "98100"
    assert location["geo"] == {"@type": "GeoCoordinates", "latitude": 66.71361, "longitude": 27.43194}
    # A place without coordinates: the municipality's centre, and the page says so.
    other = event_at(calendar, places["sodankyla"], "Kunnantalon ilta")
    html = client.get(other.get_url()).content.decode()
    assert "not the exact address" in html or "ei tarkkaa osoitetta" in html
    geo = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))["location"][
        "geo"
    ]
    assert (geo["latitude"], geo["longitude"]) == pytest.approx(municipality_centres()["758"])


def test_near_me_lists_by_distance_and_bad_input_is_a_message(client, calendar, places):
    event_at(calendar, places["tampere"], "Tampereen seminaari", days=2)
    event_at(calendar, places["sodankyla"], "Sodankylän työpaja", days=4)
    event_at(calendar, places["kemijarvi"], "Kemijärven työpaja", days=5)
    publish_event(calendar, title="Verkkowebinaari", start=soon(1), end=soon(1, 12), attendance="online")
    url = calendar.get_url()
    html = client.get(url, {"near": "98100", "km": "150"}).content.decode()
    assert html.index("Kemijärven työpaja") < html.index("Sodankylän työpaja")  # nearest first
    assert "Tampereen seminaari" not in html and "Verkkowebinaari" not in html
    html = client.get(url, {"near": "320", "km": "50", "online": "1"}).content.decode()
    assert "Kemijärven työpaja" in html and "Verkkowebinaari" in html and "Sodankylän työpaja" not in html
    html = client.get(url, {"near": "Sodankylä", "km": "1000"}).content.decode()
    assert html.index("Sodankylän työpaja") < html.index("Kemijärven työpaja") < html.index("Tampereen seminaari")
    for params in ({"near": "00000"}, {"near": "xyz"}, {"near": "98100", "km": "-5"}, {"near": "98100", "km": "1e309"}):
        response = client.get(url, params)
        assert response.status_code == 200
        assert 'class="notice notice--warning"' in response.content.decode()


def test_date_range_and_presets(client, calendar, places):
    event_at(calendar, places["kemijarvi"], "Päivän tapahtuma", days=0)
    event_at(calendar, places["kemijarvi"], "Kuukauden päästä", days=40)
    url = calendar.get_url()
    html = client.get(url, {"when": "today"}).content.decode()
    assert "Päivän tapahtuma" in html and "Kuukauden päästä" not in html
    later = (timezone.localdate() + datetime.timedelta(days=35)).isoformat()
    html = client.get(url, {"from": later}).content.decode()
    assert "Kuukauden päästä" in html and "Päivän tapahtuma" not in html
    for params in ({"from": "2026-13-45"}, {"when": "someday"}, {"from": "2030-01-01", "to": "2029-01-01"}):
        response = client.get(url, params)
        assert response.status_code == 200 and "notice notice--warning" in response.content.decode()
    html = client.get(url).content.decode()
    assert 'name="from"' in html and 'name="near"' in html
    assert html.count('<option value="') >= 308  # every municipality is a choice


def test_empty_result_offers_nearest_matches(client, calendar, places):
    event_at(calendar, places["sodankyla"], "Sodankylän työpaja", days=50)
    publish_event(calendar, title="Verkkowebinaari", start=soon(60), end=soon(60, 12), attendance="online")
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    html = client.get(
        calendar.get_url(), {"municipality": "320", "from": next_week.isoformat(), "to": next_week.isoformat()}
    ).content.decode()
    assert 'class="suggestions"' in html
    section = html[html.index('class="suggestions"') :]
    assert "Sodankylän työpaja" in section and "km away" in section or "km:n päässä" in section
    assert "Verkkowebinaari" in section
    html = client.get(calendar.get_url(), {"municipality": "837"}).content.decode()
    assert "Verkkowebinaari" in html[html.index('class="suggestions"') :]


def test_map_view_works_without_javascript(client, calendar, places):
    event_at(calendar, places["kemijarvi"], "Kemijärven työpaja")
    event_at(calendar, places["tampere"], "Tampereen seminaari")
    publish_event(calendar, title="Verkkowebinaari", start=soon(1), end=soon(1, 12), attendance="online")
    response = client.get(calendar.get_url() + "map/", {"near": "320", "km": "100", "online": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kemijärven perhekeskus" in html and "Vapaudenkatu 8, 98100 Kemijärvi" in html
    assert "Tampere-talo" not in html and "Verkkowebinaari" in html
    markers = json.loads(re.search(r'<script id="map-markers" type="application/json">(.*?)</script>', html).group(1))
    assert markers == [{"lat": 66.71361, "lon": 27.43194, "title": "Kemijärven perhekeskus", "target": "map-place-1"}]
    assert 'id="map-place-1"' in html


def test_query_counts_constant_at_10_and_1000_events(client, calendar, places):
    start = soon(1)
    ids = [places["kemijarvi"].pk, places["sodankyla"].pk, places["tampere"].pk]

    def create(total):
        # Pages through the normal save path, occurrences with them.
        for i in range(EventOccurrence.objects.count(), total):
            quick_event(
                calendar,
                start=start + datetime.timedelta(hours=i),
                end=start + datetime.timedelta(hours=i + 1),
                place_id=ids[i % 3],
            )

    month = timezone.localdate().strftime("%Y-%m")
    urls = [
        ("", {}),
        ("", {"near": "98100", "km": "200", "online": "1"}),
        ("", {"from": start.date().isoformat(), "to": start.date().isoformat(), "municipality": "320"}),
        ("", {"from": "2000-01-01", "to": "2000-01-02", "municipality": "091"}),  # empty: suggestions
        ("month/", {"month": month, "near": "837"}),
        ("map/", {}),
        ("map/", {"near": "Sodankylä", "km": "300"}),
    ]

    def counts():
        out = []
        for suffix, params in urls:
            client.get(calendar.get_url() + suffix, params)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(calendar.get_url() + suffix, params).status_code == 200
            out.append(len(ctx))
        return out

    create(10)
    small = counts()
    create(1000)
    assert EventOccurrence.objects.count() == 1000
    assert counts() == small
