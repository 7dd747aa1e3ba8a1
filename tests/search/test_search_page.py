"""The search page as a visitor sees it: lemma matching, facets, highlighting, sorting, paging."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from .helpers import facet_counts, get_search, result_titles

pytestmark = pytest.mark.django_db


def test_inflected_query_finds_documents_and_keeps_query(client, corpus):
    response, soup = get_search(client, q="nuorten syrjäytyminen")
    assert "Etsivä työ" in result_titles(soup)
    assert soup.select_one("#search-q")["value"] == "nuorten syrjäytyminen"


def test_drafts_and_private_pages_never_appear(client, corpus):
    _response, soup = get_search(client, q="lapsi")
    titles = result_titles(soup)
    assert "Satuhetket" in titles
    assert "Luonnos lasten kerhosta" not in titles
    assert "Yksityinen lasten malli" not in titles
    assert b"Salainen" not in _response.content


def test_results_are_in_the_active_language_only(client, corpus):
    _r, soup = get_search(client, "sv", q="barn")
    titles = result_titles(soup)
    assert "Sagostund" in titles and "Familjedag" in titles
    assert "Satuhetket" not in titles
    _r, soup = get_search(client, "fi", q="barn")
    assert "Sagostund" not in result_titles(soup)


def test_title_and_summary_matches_rank_first(client, corpus):
    # "Lasten oikeuksien viikko" has the word in its title; the others in summary or body.
    _r, soup = get_search(client, q="lapsi")
    titles = result_titles(soup)
    assert titles[0] == "Lasten oikeuksien viikko"


def test_highlighting_marks_inflected_words_and_escapes_html(client, corpus):
    from tests.factories import PracticeModelPageFactory

    library = corpus[("fi", "Satuhetket")].get_parent()
    PracticeModelPageFactory(
        parent=library,
        title="Skriptimalli",
        short_description="<script>alert(1)</script> perheiden tuki: 1 < 2 & 3 > 2",
    )
    _r, soup = get_search(client, q="perhe")
    marks = [m.get_text() for m in soup.select(".search-result__snippet mark")]
    assert "perheiden" in marks
    assert b"<script>alert(1)</script>" not in _r.content
    snippet = [s for s in soup.select(".search-result__snippet") if "alert" in s.get_text()]
    assert snippet, result_titles(soup)
    assert b"1 &lt; 2 &amp; 3 &gt; 2" in _r.content


def test_result_type_facet_counts_and_filter(client, corpus):
    _r, soup = get_search(client, q="lapsi")
    counts = facet_counts(soup)
    # Satuhetket and Leikkipuisto say "lapsi" in their text; two more are tagged with the
    # target group "Lapsiperheet", where "lapsi" is a compound part (ranked below, see
    # tests/search/test_compound_parts.py).
    assert counts[("type", "models")] == 4
    _r, models = get_search(client, q="lapsi", type="models")
    assert result_titles(models)[:2] == ["Satuhetket", "Leikkipuisto"]
    assert counts[("type", "events")] == 1
    assert counts[("type", "pages")] == 1
    _r, soup = get_search(client, q="lapsi", type="events")
    assert result_titles(soup) == ["Perhekeskuspäivä"]
    # counts of the type facet ignore its own selection
    assert facet_counts(soup)[("type", "models")] == 4


def test_library_facets_narrow_to_practice_models(client, corpus):
    _r, soup = get_search(client, q="tuki", target_group="youth")
    titles = result_titles(soup)
    assert titles and "Perhekeskuspäivä" not in titles
    counts = facet_counts(soup)
    assert counts[("type", "events")] == 0
    _r, soup2 = get_search(client, q="tuki", target_group="youth", region="lapland")
    assert set(result_titles(soup2)) <= set(titles)


def test_vocabulary_names_are_searchable_after_first_publish(client, corpus):
    # The target group "Nuoret" is a many-to-many link saved after the first indexing.
    _r, soup = get_search(client, q="nuori", type="models")
    assert "Leikkipuisto" in result_titles(soup)  # i=1 -> youth


def test_sort_by_date_and_pagination(client, corpus, settings):
    settings.SEARCH_PAGE_SIZE = 2
    _r, soup = get_search(client, q="tuki", sort="date")
    assert soup.select_one("#search-sort option[selected]")["value"] == "date"
    assert len(result_titles(soup)) == 2
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert "sort=date" in next_link and "q=tuki" in next_link
    _r, soup = get_search(client, q="tuki", page="999")
    assert "näytetään sivu 4" in soup.select_one(".search-messages").get_text()  # 7 results, 2 per page


def test_zero_results_help_suggests_removing_filters_and_popular_searches(client, corpus):
    # Popular searches are the queries editors promoted a result for (docs/search.md).
    SearchPromotion.objects.create(query=Query.get("perhe"), page=corpus[("fi", "Perhekeskus")], sort_order=0)
    _r, soup = get_search(client, q="zzzxqy", region="lapland")
    empty = soup.select_one(".search-empty")
    assert empty is not None
    assert empty.select_one("a[href='?q=zzzxqy']")
    assert "perhe" in [a.get_text() for a in soup.select(".search-popular a")]


@pytest.mark.parametrize(
    "params,message",
    [
        ({"q": ""}, None),
        ({"q": "x" * 5000}, "shortened"),
        ({"q": "!!! ??? ..."}, "no words"),
        ({"q": '"lasten" AND NOT -perhe'}, "operators"),
        ({"q": "lapsi", "region": "atlantis"}, "no value"),
        ({"q": "lapsi", "page": "abc"}, "no results page"),
        ({"q": "lapsi", "sort": "random"}, "Unknown sort"),
        ({"q": "lapsi\x00"}, None),
    ],
)
def test_bad_input_gets_a_normal_page(client, corpus, params, message):
    with __import__("django.utils.translation", fromlist=["override"]).override("en"):
        pass
    response, soup = get_search(client, "en", **params)
    if message:
        assert message in soup.select_one(".search-messages").get_text()


def test_non_utf8_percent_encoding_is_a_normal_page(client, corpus):
    from .helpers import search_url

    response = client.get(search_url("en") + "?q=%FF%FElapsi&type=%FF")
    assert response.status_code == 200
    assert b"could not be read" in response.content


def test_quotes_and_operators_still_search_the_words(client, corpus):
    _r, soup = get_search(client, q='"lasten" AND')
    assert "Satuhetket" in result_titles(soup)


SEARCH_CASES = [
    {"q": "lapsi"},
    {"q": "tuki"},
    {"q": "tuki", "target_group": "youth"},
    {"q": "tuki", "target_group": "youth", "region": "lapland"},
    {"q": "lapsi", "type": "events"},
    {"q": "tuki", "sort": "date", "type": "models"},
    {"q": "zzzxqy", "region": "lapland"},
]


@pytest.mark.parametrize("params", SEARCH_CASES, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_memo_gives_the_same_results_and_counts_as_sql(client, corpus, settings, params):
    """With the membership memo on (production), the search counts its facets and filters its
    matches with set operations on the memo of all searchable pages; both must equal SQL."""
    from core.facets import clear_membership_memo

    settings.FACET_CACHE_SECONDS = 0
    _r, soup = get_search(client, **params)
    expected = (result_titles(soup), facet_counts(soup))
    settings.FACET_CACHE_SECONDS = 300
    clear_membership_memo()
    get_search(client, q="perhe")  # the memo is filled by another query first: it is shared
    try:
        _r, soup = get_search(client, **params)
        assert (result_titles(soup), facet_counts(soup)) == expected
    finally:
        clear_membership_memo()


@pytest.mark.parametrize("memo_seconds", [0, 300])
def test_facets_count_every_match_when_the_ranked_results_are_capped(client, corpus, settings, memo_seconds):
    from core.facets import clear_membership_memo

    clear_membership_memo()
    settings.FACET_CACHE_SECONDS = memo_seconds
    _r, soup = get_search(client, q="tuki")
    all_titles = result_titles(soup)
    counts = facet_counts(soup)
    assert len(all_titles) == sum(n for (facet, _code), n in counts.items() if facet == "type") > 2

    settings.SEARCH_MAX_MATCHES = 2
    _r, soup = get_search(client, q="tuki")
    assert len(result_titles(soup)) == 2
    assert "Vain osuvimmat tulokset näytetään" in soup.get_text()
    assert facet_counts(soup) == counts  # filters narrow within every match, not only the best two
    clear_membership_memo()


def test_evidence_and_cost_facets_in_site_search(client, corpus):
    from models_library.models import PracticeModelPage

    def levels(titles):
        pages = PracticeModelPage.objects.filter(title__in=titles, locale__language_code="fi")
        return {(page.evidence_level, page.cost_band) for page in pages}

    _r, soup = get_search(client, q="tuki")
    counts = facet_counts(soup)
    assert counts[("evidence", "self_assessed")] > 0 and counts[("cost", "not_reported")] > 0
    _r, soup = get_search(client, q="tuki", evidence="self_assessed")
    one = result_titles(soup)
    assert len(one) == counts[("evidence", "self_assessed")]
    assert {level for level, _band in levels(one)} == {"self_assessed"}
    _r, soup = get_search(client, q="tuki", evidence=["self_assessed", "not_evaluated"])  # OR within
    both = result_titles(soup)
    assert set(one) < set(both)
    assert len(both) == counts[("evidence", "self_assessed")] + counts[("evidence", "not_evaluated")]
    _r, soup = get_search(client, q="tuki", evidence=["self_assessed", "not_evaluated"], cost="not_reported")
    narrowed = result_titles(soup)  # AND across
    assert set(narrowed) <= set(both)
    assert {band for _level, band in levels(narrowed)} <= {"not_reported"}
    assert facet_counts(soup)[("evidence", "self_assessed")] == len(
        [t for t in narrowed if ("self_assessed", "not_reported") in levels([t])]
    )
