"""The site chrome (home link, main navigation, footer links) is cached under the publish
generation (home/layout.py): what a visitor sees must follow every publish at once, per
language, and never show what only an editor may see."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from wagtail.models import Locale, Page, PageViewRestriction

from home.models import PortalSettings, StandardPage

pytestmark = pytest.mark.django_db


def chrome(client, path="/fi/"):
    response = client.get(path)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        "nav": [a.get_text(strip=True) for a in soup.select(".main-nav__list a")],
        "nav_urls": [a["href"] for a in soup.select(".main-nav__list a")],
        "footer": soup.select_one(".site-footer").get_text(" ", strip=True),
        "footer_urls": [a["href"] for a in soup.select(".site-footer a")],
    }


@pytest.fixture
def cached_chrome(site_structure, settings):
    from django.core.cache import cache

    cache.clear()
    settings.CHROME_CACHE_SECONDS = 3600
    yield site_structure
    cache.clear()


def test_cached_chrome_is_what_the_uncached_one_is_in_every_language(client, site_structure):
    from django.core.cache import cache

    cache.clear()
    for path in ("/fi/", "/sv/", "/en/"):
        expected = chrome(client, path)
        with override_settings(CHROME_CACHE_SECONDS=3600):
            chrome(client, path)  # fills the cache
            assert chrome(client, path) == expected
    cache.clear()


def test_languages_have_their_own_navigation(client, cached_chrome):
    fi, sv = chrome(client, "/fi/"), chrome(client, "/sv/")
    assert fi["nav"] != sv["nav"]
    assert all(url.startswith("/fi/") for url in fi["nav_urls"])
    assert all(url.startswith("/sv/") for url in sv["nav_urls"])
    assert chrome(client, "/fi/") == fi


def test_publish_and_unpublish_show_in_the_navigation_on_the_next_request(client, cached_chrome):
    home = cached_chrome["home"]
    assert "Uusi valikkosivu" not in chrome(client)["nav"]
    page = StandardPage(title="Uusi valikkosivu", slug="uusi-valikkosivu", show_in_menus=True, live=False)
    home.add_child(instance=page)
    assert "Uusi valikkosivu" not in chrome(client)["nav"]  # a draft stays out
    page.save_revision().publish()
    assert "Uusi valikkosivu" in chrome(client)["nav"]
    Page.objects.get(pk=page.pk).specific.unpublish()  # a fresh copy: publish() worked on another
    assert "Uusi valikkosivu" not in chrome(client)["nav"]


def test_settings_change_shows_in_the_footer_on_the_next_request(client, cached_chrome):
    site = cached_chrome["home"].get_site()
    assert "uusi-osoite@example.fi" not in chrome(client)["footer"]
    portal_settings = PortalSettings.for_site(site)
    portal_settings.contact_email = "uusi-osoite@example.fi"
    portal_settings.save()
    assert "uusi-osoite@example.fi" in chrome(client)["footer"]
    # The footer links go to the statement in the visitor's language.
    statement_sv = cached_chrome["accessibility"].get_translation(Locale.objects.get(language_code="sv"))
    assert statement_sv.url in chrome(client, "/sv/")["footer_urls"]


def test_an_editor_never_fills_the_cache_with_what_visitors_may_not_see(client, cached_chrome, django_user_model):
    home = cached_chrome["home"]
    private = StandardPage(title="Sisäinen valikkosivu", slug="sisainen", show_in_menus=True)
    home.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    admin = django_user_model.objects.create_superuser("chrome-admin", "a@example.fi", "pw")
    client.force_login(admin)
    chrome(client)  # built while logged in
    client.logout()
    assert "Sisäinen valikkosivu" not in chrome(client)["nav"]
