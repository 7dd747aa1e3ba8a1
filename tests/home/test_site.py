"""The site a visitor meets: home page in three languages, switcher, sitemap, errors."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories import ArticlePageFactory, EventPageFactory, PracticeModelPageFactory

pytestmark = pytest.mark.django_db

HOME_TEXT = {"fi": "Siirry pääsisältöön", "sv": "Hoppa till huvudinnehållet", "en": "Skip to main content"}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_home_page_in_each_language(client, site_structure, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == language
    assert soup.find("a", class_="skip-link").get_text() == HOME_TEXT[language]
    assert soup.find("main", id="main")
    assert soup.find("nav", attrs={"aria-label": True})
    assert soup.find("footer")
    # Empty states are handled, not blank sections.
    assert soup.find(class_="empty-state")


def test_root_redirects_to_finnish(client, site_structure):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/")


def test_unprefixed_page_paths_redirect_to_finnish(client, site_structure):
    response = client.get("/no-such-page/")
    assert response.status_code == 302 and response["Location"] == "/fi/no-such-page/"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/no-such-endpoint/",  # unknown API endpoint
        "/api/v2/pages/999999999/",  # API detail of a missing page
        "/events/999999999.ics",  # feed of a deleted event (the view says 404)
        "/documents/999999/x.pdf",
    ],
)
def test_language_neutral_404s_stay_404s(client, site_structure, path):
    """API clients and calendar apps must get a 404, not a redirect to an HTML /fi/ page."""
    response = client.get(path)
    assert response.status_code == 404, response.get("Location")
    assert "Accept-Language" in response.get("Vary", "")


def _switcher_links(html):
    soup = BeautifulSoup(html, "html.parser")
    nav = soup.find("nav", class_="language-switcher")
    return {a["lang"]: a["href"] for a in nav.find_all("a")}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_language_switcher_leads_to_translations_not_404(client, site_structure, language):
    for key in ("home", "library", "events", "news", "about", "accessibility"):
        page = site_structure[key].get_translation(
            site_structure[key].locale.__class__.objects.get(language_code=language)
        )
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        for lang, href in _switcher_links(response.content.decode()).items():
            target = client.get(href)
            assert target.status_code == 200, f"{page.url} -> {lang}: {href}"
            assert f'<html lang="{lang}">' in target.content.decode()


def test_untranslated_page_falls_back_to_finnish_with_notice(client, site_structure):
    news = site_structure["news"]
    article = ArticlePageFactory(parent=news, title="Vain suomeksi", slug="vain-suomeksi")
    links = _switcher_links(client.get(article.url).content.decode())
    response = client.get(links["sv"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vain suomeksi" in html
    assert "Den här sidan finns ännu inte på ditt språk" in html
    assert '<main id="main" tabindex="-1" lang="fi">' in html


def test_home_page_query_count_is_constant(client, site_structure, django_assert_max_num_queries):
    def add(n):
        for i in range(n):
            ArticlePageFactory(parent=site_structure["news"])
            EventPageFactory(parent=site_structure["events"])
            PracticeModelPageFactory(parent=site_structure["library"])

    add(2)
    client.get("/fi/")  # warm caches (site root paths)
    with django_assert_max_num_queries(25) as small:
        client.get("/fi/")
    add(15)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/fi/")
    assert response.status_code == 200


def test_sitemap_lists_all_languages_with_hreflang(client, site_structure):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for path in ("/fi/toimintamallit/", "/sv/verksamhetsmodeller/", "/en/practice-models/"):
        assert path in xml
    assert re.search(r'hreflang="sv" href="[^"]*/sv/verksamhetsmodeller/"', xml)


def test_robots_and_health(client, site_structure):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Sitemap:" in robots.content.decode()
    assert "Disallow: /admin/" in robots.content.decode()
    health = client.get("/health/")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "database": "ok", "cache": "ok", "search": "ok", "search_queue": 0}


@pytest.mark.parametrize(
    "language,text", [("fi", "Sivua ei löytynyt"), ("sv", "Sidan hittades inte"), ("en", "Page not found")]
)
def test_404_page_in_each_language(client, site_structure, language, text):
    response = client.get(f"/{language}/ei-ole-olemassa/")
    assert response.status_code == 404
    assert text in response.content.decode()


@pytest.mark.parametrize("language,text", [("fi", "Palvelinvirhe"), ("sv", "Serverfel"), ("en", "Server error")])
def test_500_page_in_each_language(rf, language, text):
    from django.utils import translation

    from home.views import server_error

    with translation.override(language):
        response = server_error(rf.get(f"/{language}/"))
    assert response.status_code == 500
    assert text in response.content.decode()


def test_drafts_are_not_listed_on_home(client, site_structure):
    start = timezone.now() + datetime.timedelta(days=3)
    EventPageFactory(
        parent=site_structure["events"],
        title="Luonnostapahtuma",
        live=False,
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    EventPageFactory(
        parent=site_structure["events"],
        title="Julkaistu tapahtuma",
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    html = client.get("/fi/").content.decode()
    assert "Julkaistu tapahtuma" in html  # the block lists upcoming events…
    assert "Luonnostapahtuma" not in html  # …but never a draft


def test_home_lists_a_recurring_series_by_its_next_date(client, site_structure):
    """A monthly series whose first date has passed still shows, dated by its next date."""
    import datetime

    from events.models import EventPage

    start = timezone.now() - datetime.timedelta(days=40)
    event = EventPage(
        title="Kuukausittainen verkosto",
        slug="verkosto",
        summary="Verkostotapaaminen.",
        start=start,
        end=start + datetime.timedelta(hours=2),
        locale=site_structure["events"].locale,
    )
    event.recurrence_frequency = "MONTHLY"
    event.recurrence_count = 6
    site_structure["events"].add_child(instance=event)
    event.save_revision().publish()
    html = client.get("/fi/").content.decode()
    assert "Kuukausittainen verkosto" in html
