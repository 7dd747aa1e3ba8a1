"""No user-controlled HTML reaches a page unescaped (query strings, search, facets, paths)."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</title><script>alert(1)</script>",
    "javascript:alert(1)",
]
MARKERS = ["<script>alert(1)", "<img src=x onerror", "<svg/onload", "</title><script>"]


def _assert_no_raw_payload(html, where):
    for marker in MARKERS:
        assert marker not in html, f"unescaped {marker!r} in {where}"


def _public_urls(demo_site):
    urls = ["/fi/haku/", "/sv/sok/", "/en/search/"]
    for languages in demo_site.page_types.values():
        urls.extend(languages.values())
    return urls


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_query_strings_are_escaped(client, demo_site, payload):
    for url in _public_urls(demo_site):
        # q = search; the rest are facet / filter / pagination names used by listings.
        params = {
            name: payload
            for name in (
                "q",
                "page",
                "region",
                "theme",
                "target_group",
                "stage",
                "evidence",
                "cost",
                "month",
                "municipality",
                "sort",
                "lang",
            )
        }
        response = client.get(url, params)
        assert response.status_code < 500, url
        _assert_no_raw_payload(response.content.decode(), f"{url}?{payload}")


def test_search_echoes_the_query_escaped(client, demo_site):
    response = client.get("/en/search/", {"q": "<script>alert(1)</script>"})
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    _assert_no_raw_payload(html, "search")


@override_settings(RATE_LIMIT_ENABLED=False)
def test_search_suggestions_return_json_not_html(client, demo_site):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("fi"):
        response = client.get(reverse("search_suggest"), {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    _assert_no_raw_payload(response.content.decode(), "suggest")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_paths_are_escaped_on_the_404_page(client, demo_site, payload):
    from urllib.parse import quote

    response = client.get("/fi/" + quote(payload, safe="") + "/")
    assert response.status_code == 404
    _assert_no_raw_payload(response.content.decode(), "404")


def test_payloads_in_headers_do_not_reach_pages(client, demo_site):
    response = client.get(
        "/fi/", HTTP_REFERER="<script>alert(1)</script>", HTTP_ACCEPT_LANGUAGE="<script>alert(1)</script>"
    )
    assert response.status_code == 200
    _assert_no_raw_payload(response.content.decode(), "home with hostile headers")
