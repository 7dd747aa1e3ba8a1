"""Suggestions JSON, promotions, the editors' report and the query budget."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from .helpers import get_search, result_titles, suggest_url

pytestmark = pytest.mark.django_db


def test_suggest_returns_titles_and_urls_live_public_active_locale(client, corpus):
    data = client.get(suggest_url("fi"), {"q": "perhe"}).json()["results"]
    titles = [r["title"] for r in data]
    assert "Perhekeskus" in titles and "Perhekeskuspäivä" in titles
    assert all(r["url"].startswith("/fi/") for r in data)
    assert "Lasten oikeuksien viikko" not in titles  # news are not suggested
    data = client.get(suggest_url("fi"), {"q": "lasten"}).json()["results"]
    titles = [r["title"] for r in data]
    assert "Luonnos lasten kerhosta" not in titles and "Yksityinen lasten malli" not in titles
    assert client.get(suggest_url("sv"), {"q": "perhe"}).json()["results"] == []
    assert client.get(suggest_url("fi"), {"q": "%FF" * 300}).status_code == 200


def test_search_page_has_accessible_combobox_hooks_and_no_inline_script(client, corpus):
    response, soup = get_search(client, q="perhe")
    box = soup.select_one("#search-q")
    assert box["data-autocomplete-url"].endswith("/")
    assert soup.find("label", attrs={"for": "search-q"})
    assert all(tag.get("src") for tag in soup.find_all("script"))
    assert not soup.select("[style]")


def test_promotions_come_first_in_the_visitors_language(client, corpus):
    target = corpus[("fi", "Kotiapu")]
    SearchPromotion.objects.create(query=Query.get("lapsi"), page=target, description="Suositus", sort_order=0)
    _r, soup = get_search(client, q="Lapsi")
    promoted = soup.select(".search-promotions a")
    assert [a.get_text() for a in promoted] == ["Kotiapu"]
    _r, soup = get_search(client, "sv", q="lapsi")
    assert not soup.select(".search-promotions")  # no Swedish translation of the page


def test_report_lists_popular_and_zero_result_queries_for_moderators(client, corpus, django_user_model):
    get_search(client, q="perhe")
    get_search(client, q="perhe")
    get_search(client, q="qwzzxy")
    call_command("setup_roles", stdout=StringIO())  # the roles as production sets them up
    moderator = django_user_model.objects.create_user("mod", password="x")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    translator = django_user_model.objects.create_user("tr", password="x")
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)
    assert client.get("/admin/search-report/").status_code in (302, 403)
    client.force_login(moderator)
    response = client.get("/admin/search-report/")
    assert response.status_code == 200
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    zero = [td.get_text() for td in soup.select("#zero-result-queries td:first-child")]
    popular = [td.get_text() for td in soup.select("#popular-queries td:first-child")]
    assert zero == ["qwzzxy"] and popular[0] == "perhe"
    assert b"search-report" in client.get("/admin/").content


def test_query_count_is_constant(client, site_structure, search_vocab, django_assert_max_num_queries):
    """Same SQL count for 1 and 8 matching models (warm caches first)."""
    from .conftest import build_corpus

    build_corpus(site_structure, search_vocab, {"Satuhetket"})
    get_search(client, q="tuki")  # warm caches (content types, locales)
    with django_assert_max_num_queries(40) as small:
        get_search(client, q="tuki", type="models", stage="ready")
    build_corpus(
        site_structure,
        search_vocab,
        {"Leikkipuisto", "Etsivä työ", "Kotiapu", "Perhekeskus", "Kotikäynnit", "Tuolijumppa", "Koulukuraattori"},
        extras=False,
    )
    import django.test.utils
    from django.db import connection

    with django.test.utils.CaptureQueriesContext(connection) as big:
        _r, soup = get_search(client, q="tuki", type="models", stage="ready")
    assert len(result_titles(soup)) > 1
    assert len(big.captured_queries) <= len(small.captured_queries), [q["sql"][:120] for q in big.captured_queries]
