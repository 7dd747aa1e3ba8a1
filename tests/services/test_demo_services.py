"""The demo service tray loads, is marked as example data, and has a North Sámi page."""

import pytest

from demo import services as demo_services
from services.models import ServicePage

pytestmark = pytest.mark.django_db


def test_demo_services_load(client, site_structure):
    pages = demo_services.load(site_structure)
    assert len(pages) == len(demo_services.SERVICES)
    assert all("Esimerkkitieto" in str(page.offer) for page in pages)
    assert all(page.contact_email.endswith("@example.org") for page in pages)
    sami = ServicePage.objects.get(locale__language_code="se")
    assert sami.url.startswith("/se/")
    html = client.get(sami.url).content.decode()
    assert 'lang="se"' in html and "Sámegielat bearašbargu" in html
    listing = client.get(pages[0].get_parent().url + "?language=smn").content.decode()
    assert "Saamenkielinen perhetyö" in listing


def test_demo_tray_is_in_swedish_and_english_too(client, site_structure):
    pages = demo_services.load(site_structure)
    for code, word in (("sv", "Exempeldata"), ("en", "Example data")):
        versions = ServicePage.objects.live().filter(locale__language_code=code)
        assert versions.count() == len(pages)
        assert all(word in str(page.offer) for page in versions)
        listing = client.get(pages[0].get_parent().get_translation(versions[0].locale).url)
        assert listing.status_code == 200
        html = listing.content.decode()
        assert f'lang="{code}"' in html and all(page.title in html for page in versions)
