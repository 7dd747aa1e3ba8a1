"""The "Popular searches" visitors see are curated by editors (queries with promoted results),
never whatever anonymous visitors typed often enough (docs/search.md, "Popular searches")."""

import pytest
from django.test import Client
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from .helpers import get_search

pytestmark = pytest.mark.django_db


def popular(client, language="fi", **params):
    _response, soup = get_search(client, language, **params)
    return [a.get_text() for a in soup.select(".search-popular a")]


def test_a_burst_of_searches_from_one_client_cannot_put_words_on_the_list(client, corpus):
    attacker = Client(REMOTE_ADDR="10.66.0.1")
    for _ in range(40):
        # Words that find a page (the old list showed queries that found something).
        get_search(attacker, q="perhekeskus")
        get_search(attacker, q="Kotiapu huijaus")
    assert "perhekeskus" not in popular(client) + popular(client, q="qwzzxy")
    assert not any("huijaus" in term for term in popular(client) + popular(client, q="qwzzxy"))


def test_queries_editors_promoted_are_suggested_most_searched_first(client, corpus):
    SearchPromotion.objects.create(query=Query.get("kotiapu"), page=corpus[("fi", "Kotiapu")], sort_order=0)
    SearchPromotion.objects.create(query=Query.get("Satuhetket"), page=corpus[("fi", "Satuhetket")], sort_order=0)
    assert popular(client) == ["kotiapu", "satuhetket"]  # the empty search page
    for _ in range(3):
        get_search(client, q="satuhetket")
    assert popular(client, q="qwzzxy") == ["satuhetket", "kotiapu"]  # zero-result help, reordered
    # A suggestion is shown only in a language its promoted page exists in.
    assert popular(client, "sv") == []
