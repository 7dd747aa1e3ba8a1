"""Issue 20 item 4: synonyms editors maintain (on every backend), click-through counted
without personal data, and the report of searches whose first result was not opened."""

from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from search.models import SearchClick, SearchSynonym
from search.synonyms import bump_version
from tests.factories import PracticeModelPageFactory

from .helpers import get_search, result_titles

pytestmark = pytest.mark.django_db

LAPE_TERMS = "LAPE\nlapsi- ja perhepalveluiden muutosohjelma"


@pytest.fixture(autouse=True)
def fresh_synonym_cache():
    """Synonym sets are cached under a version; a rolled-back test deletes its synonyms
    without a signal, so start the next test on a new version."""
    bump_version()
    yield
    bump_version()


def _model(library, title, text, language="fi"):
    parent = library.get_translation(Locale.objects.get(language_code=language))
    page = PracticeModelPageFactory(parent=parent, title=title, locale=parent.locale, short_description=text)
    page.save_revision().publish()
    return page


@pytest.fixture
def lape_pages(site_structure):
    library = site_structure["library"]
    return {
        "phrase": _model(library, "Perhekeskusten kehittäminen", "Lapsi- ja perhepalveluiden muutosohjelman tulos."),
        "acronym": _model(library, "LAPE-akatemia", "Koulutusta LAPE-työhön maakunnissa."),
        "other": _model(library, "Satuhetket", "Kirjasto järjestää satuhetkiä lapsille."),
    }


def _add_synonym(language="fi", terms=LAPE_TERMS):
    synonym = SearchSynonym(language=language, terms=terms)
    synonym.full_clean()
    synonym.save()
    return synonym


def test_editing_a_synonym_changes_results(client, lape_pages):
    assert result_titles(get_search(client, q="LAPE")[1]) == ["LAPE-akatemia"]
    assert "LAPE-akatemia" not in result_titles(get_search(client, q="perhepalveluiden muutosohjelma")[1])

    synonym = _add_synonym()
    titles = result_titles(get_search(client, q="lape")[1])
    assert set(titles) == {"LAPE-akatemia", "Perhekeskusten kehittäminen"}
    # Both ways, and the phrase matches inflected ("muutosohjelmassa") like any query.
    titles = result_titles(get_search(client, q="lapsi- ja perhepalveluiden muutosohjelmassa")[1])
    assert set(titles) == {"LAPE-akatemia", "Perhekeskusten kehittäminen"}
    # Synonyms are per language: the Swedish search is not expanded.
    assert result_titles(get_search(client, "sv", q="LAPE")[1]) == []

    synonym.terms = "LAPE\nsatuhetki"
    synonym.save()
    assert set(result_titles(get_search(client, q="LAPE")[1])) == {"LAPE-akatemia", "Satuhetket"}
    synonym.delete()
    assert result_titles(get_search(client, q="LAPE")[1]) == ["LAPE-akatemia"]


def test_a_synonym_replaces_only_its_words_in_a_longer_query(client, lape_pages):
    _add_synonym()
    # "lape kehittäminen": the synonym stands for "lape"; "kehittäminen" must still be found.
    assert result_titles(get_search(client, q="LAPE kehittäminen")[1]) == ["Perhekeskusten kehittäminen"]


def test_synonyms_need_two_terms():
    synonym = SearchSynonym(language="fi", terms="LAPE\n  lape ")
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            synonym.full_clean()
        assert error.value.message_dict == {"terms": ["Give at least two terms, one per line."]}


def test_synonyms_apply_on_the_engine_as_on_the_database(client, search_engine, site_structure, settings):
    settings.SEARCH_PAGE_SIZE = 100
    _engine, backend = search_engine
    library = site_structure["library"]
    _model(library, "Perhekeskusten kehittäminen", "Lapsi- ja perhepalveluiden muutosohjelman tulos.")
    _model(library, "LAPE-akatemia", "Koulutusta LAPE-työhön maakunnissa.")
    _model(library, "Satuhetket", "Kirjasto järjestää satuhetkiä lapsille.")
    backend.refresh_indexes()
    queries = ["LAPE", "perhepalveluiden muutosohjelma", "satuhetki"]

    def snapshot():
        return {q: sorted(result_titles(get_search(client, q=q)[1])) for q in queries}

    before = snapshot()
    assert before["LAPE"] == ["LAPE-akatemia"]
    _add_synonym()
    on_engine = snapshot()
    assert on_engine["LAPE"] == ["LAPE-akatemia", "Perhekeskusten kehittäminen"]
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "wagtail.search.backends.database"}}):
        assert snapshot() == on_engine


# -- clicks -------------------------------------------------------------------------------
def _result_links(soup):
    return [a["href"] for a in soup.select(".search-result__title a")]


def test_result_links_count_clicks_without_personal_data(client, lape_pages, django_user_model):
    _r, soup = get_search(client, q="Satuhetkiä")
    [href] = _result_links(soup)
    url = urlsplit(href)
    with translation.override("fi"):
        assert url.path == reverse("search_click")
    # The link carries the normalised query, the position and the page: nothing personal.
    assert parse_qs(url.query) == {"q": ["satuhetkiä"], "rank": ["1"], "page": [str(lape_pages["other"].pk)]}

    user = django_user_model.objects.create_user("visitor", password="x")
    client.force_login(user)  # a signed-in visitor with a session is counted the same way
    response = client.get(href, REMOTE_ADDR="203.0.113.7", HTTP_REFERER="https://example.org/x?email=a@b.fi")
    assert response.status_code == 302
    assert response["Location"] == lape_pages["other"].url
    assert "no-cache" in response["Cache-Control"]
    client.get(href)

    [row] = SearchClick.objects.values()
    assert {k: v for k, v in row.items() if k not in ("id", "date")} == {
        "language": "fi",
        "query_string": "satuhetkiä",
        "rank": 1,
        "page_id": lape_pages["other"].pk,
        "clicks": 2,
    }
    # The table has no column that could hold anything about the visitor.
    assert {f.name for f in SearchClick._meta.get_fields()} == {
        "id",
        "date",
        "language",
        "query_string",
        "rank",
        "page_id",
        "clicks",
    }
    assert "203.0.113.7" not in str(row) and "visitor" not in str(row)


def test_result_ranks_follow_the_results_page(client, lape_pages, settings):
    settings.SEARCH_PAGE_SIZE = 1
    _add_synonym()
    _r, soup = get_search(client, q="LAPE", page=2)
    [href] = _result_links(soup)
    assert parse_qs(urlsplit(href).query)["rank"] == ["2"]


def _click_url(language="fi"):
    with translation.override(language):
        return reverse("search_click")


@pytest.mark.parametrize(
    "params, status",
    [
        ({"q": "lapsi", "rank": "1", "page": "https://evil.example/"}, 400),
        ({"q": "lapsi", "rank": "1", "page": "//evil.example"}, 400),
        ({"q": "lapsi", "rank": "x", "page": "PAGE"}, 400),
        ({"q": "lapsi", "rank": "0", "page": "PAGE"}, 400),
        ({"q": "lapsi", "rank": "1" + "0" * 30, "page": "PAGE"}, 400),
        ({"q": "", "rank": "1", "page": "PAGE"}, 400),
        ({"q": "\x00\ufffd", "rank": "1", "page": "PAGE"}, 400),
        ({"q": "lapsi", "page": "PAGE"}, 400),
        ({"q": "lapsi", "rank": "1", "page": "-5"}, 400),
        ({"q": "lapsi", "rank": "1", "page": "9" * 40}, 400),
        ({"q": "lapsi", "rank": "1", "page": "999999"}, 404),
        ({"q": "lapsi", "rank": "1", "page": "DRAFT"}, 404),
        ({"q": "lapsi", "rank": "1", "page": "SWEDISH"}, 404),
        ({"q": "lapsi", "rank": "1", "page": "HOME"}, 404),
    ],
    ids=[
        "url-as-page",
        "scheme-relative",
        "rank-not-a-number",
        "rank-zero",
        "rank-huge",
        "empty-query",
        "control-only-query",
        "no-rank",
        "negative-page",
        "huge-page",
        "unknown-page",
        "draft",
        "other-language",
        "not-searchable-type",
    ],
)
def test_click_rejects_bad_links_and_never_redirects_elsewhere(client, lape_pages, site_structure, params, status):
    draft = PracticeModelPageFactory(
        parent=site_structure["library"], title="Luonnos", short_description="x", live=False
    )
    swedish = _model(site_structure["library"], "Sagostund", "Barn.", language="sv")
    ids = {
        "PAGE": lape_pages["other"].pk,
        "DRAFT": draft.pk,
        "SWEDISH": swedish.pk,
        "HOME": site_structure["library"].get_parent().pk,
    }
    params = {key: str(ids.get(value, value)) for key, value in params.items()}
    response = client.get(_click_url(), params)
    assert response.status_code == status
    assert not SearchClick.objects.exists()


def test_click_ignores_a_target_url_and_goes_to_the_page(client, lape_pages):
    page = lape_pages["other"]
    response = client.get(
        _click_url(), {"q": "lapsi", "rank": "3", "page": page.pk, "next": "https://evil.example/", "url": "//evil"}
    )
    assert response.status_code == 302
    assert response["Location"] == page.url and response["Location"].startswith("/fi/")


def test_clicks_are_rate_limited(client, lape_pages, settings):
    settings.RATE_LIMIT_ENABLED = True
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search-click": "2/m"}
    params = {"q": "lapsi", "rank": "1", "page": lape_pages["other"].pk}
    address = {"REMOTE_ADDR": "198.51.100.23"}
    assert [client.get(_click_url(), params, **address).status_code for _ in range(3)] == [302, 302, 429]
    assert SearchClick.objects.get().clicks == 2


# -- the report and who may edit synonyms --------------------------------------------------
@pytest.fixture
def roles(django_user_model):
    call_command("setup_roles", stdout=StringIO())  # the roles as production sets them up
    users = {}
    for name, group in [("mod", "Moderators"), ("tr", "Translators"), ("admin", "Site administrators")]:
        users[name] = django_user_model.objects.create_user(name, password="x")
        users[name].groups.add(Group.objects.get(name=group))
    return users


def test_report_lists_searches_whose_first_result_was_not_opened(client, lape_pages, roles):
    for _ in range(3):
        _r, soup = get_search(client, q="satuhetki")
    client.get(_result_links(soup)[0])  # one of three opened the first result
    for _ in range(2):
        _r, soup = get_search(client, q="lape")
        client.get(_result_links(soup)[0])  # every search opened the first result
    get_search(client, q="kehittäminen")  # found, nothing opened
    get_search(client, q="qwzzxy")  # nothing found

    client.force_login(roles["mod"])
    for language in ("fi", "sv", "en"):
        response = client.get("/admin/search-report/", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
    with translation.override("fi"):
        response = client.get("/admin/search-report/")
    soup = BeautifulSoup(response.content, "html.parser")
    rows = [[td.get_text() for td in tr.select("td")] for tr in soup.select("#first-result-not-clicked tbody tr")]
    assert rows == [["satuhetki", "fi", "3", "1", "2"], ["kehittäminen", "fi", "1", "0", "1"]]


def test_who_may_edit_synonyms(client, roles):
    add_url = reverse("wagtailsnippets_portal_search_searchsynonym:add")
    data = {"language": "fi", "terms": LAPE_TERMS}
    client.force_login(roles["tr"])
    assert client.get(add_url).status_code in (302, 403)
    assert client.post(add_url, data).status_code in (302, 403)
    assert not SearchSynonym.objects.exists()
    for name in ("mod", "admin"):
        client.force_login(roles[name])
        response = client.post(add_url, data)
        assert response.status_code == 302, response.content[:500]
    assert SearchSynonym.objects.count() == 2


def test_synonym_saved_in_the_admin_changes_the_public_search(client, lape_pages, roles):
    client.force_login(roles["mod"])
    response = client.post(
        reverse("wagtailsnippets_portal_search_searchsynonym:add"), {"language": "fi", "terms": LAPE_TERMS}
    )
    assert response.status_code == 302
    client.logout()
    assert set(result_titles(get_search(client, q="LAPE")[1])) == {"LAPE-akatemia", "Perhekeskusten kehittäminen"}


def test_demo_synonyms_load_once_and_apply(client, lape_pages):
    from demo import search as demo_search

    demo_search.load({})
    demo_search.load({})
    assert SearchSynonym.objects.count() == 3
    assert set(result_titles(get_search(client, q="lape")[1])) == {"LAPE-akatemia", "Perhekeskusten kehittäminen"}
