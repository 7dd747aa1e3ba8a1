"""Demo events for citizens with places (demo/places.py), and the audience facet on them."""

import io

import pytest

from demo import places as demo_places
from events.models import EventPage, Place

pytestmark = pytest.mark.django_db


def test_citizen_demo_events_have_places_audiences_and_languages(site_structure, client):
    out = io.StringIO()
    pages = demo_places.load(site_structure, stdout=out)
    demo_places.load(site_structure)  # idempotent
    assert len(pages) == 4 and Place.objects.count() == 3
    assert EventPage.objects.filter(locale__language_code="fi").count() == 4
    by_slug = {page.slug: page for page in EventPage.objects.filter(locale__language_code="fi")}
    sami = by_slug["perheilta-pohjoissaameksi-inari"]
    assert sami.place.code == "kunnantalo-inari" and sami.municipality.code == "148"
    assert [language.code for language in sami.event_languages.all()] == ["se"]
    assert [language.code for language in by_slug["foraldrakvall-sjundea"].event_languages.all()] == ["sv"]
    for translation in EventPage.objects.filter(translation_key=sami.translation_key):
        assert translation.place_id == sami.place_id  # every language points at the same place
        assert translation.get_latest_revision().as_object().place_id == sami.place_id
    calendar = site_structure["events"]
    html = client.get(calendar.get_url(), {"audience": "families"}).content.decode()
    for slug in by_slug:
        assert by_slug[slug].title in html
    html = client.get(calendar.get_url(), {"language": "se"}).content.decode()
    assert sami.title in html and by_slug["foraldrakvall-sjundea"].title not in html
    page_html = client.get(sami.get_url()).content.decode()
    assert "Inarin kunnantalo" in page_html and "Inari" in page_html
