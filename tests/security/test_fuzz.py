"""Property-based fuzzing: hostile query strings, form fields and path segments at every
public URL pattern and live demo page. No response may be a 5xx, and GET must not change data.

Volume: FUZZ_EXAMPLES (default 60 examples, each sending one GET per target URL and one POST
to a sample of them). Example: FUZZ_EXAMPLES=1000 make test PYTEST_ARGS=tests/security/test_fuzz.py
"""

import os
import re

import pytest
from django.apps import apps
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
# Prefixes that are not public (admin, its API twin) or not ours to fuzz.
PRIVATE_PREFIXES = ("admin/", "django-admin/", "documents/")
# Tables whose row counts must not move on GET.
COUNTED_MODELS = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.Locale",
    "auth.User",
    "wagtailsearch.IndexEntry",
    "wagtaildocs.Document",
    "wagtailimages.Image",
    "home.ArticlePage",
    "models_library.PracticeModelPage",
    "events.EventPage",
    "models_library.Region",
    "models_library.Municipality",
    "axes.AccessAttempt",
    "sessions.Session",
]

HOSTILE = [
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"; DROP TABLE wagtailcore_page; --',
    "../../../../etc/passwd",
    "%00",
    "\x00",
    "\ufeff",
    "ä" * 5000,
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "NaN",
    "2026-02-30",
    "9999-99-99",
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    "%s%s%s%n",
    "\r\nSet-Cookie: x=1",
    "𝕏🙂",
    "ǩǯŋ",
    "[]",
    "{}",
    "null",
    "true",
]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))
param_names = st.one_of(
    st.sampled_from(
        [
            "q",
            "page",
            "rank",
            "region",
            "theme",
            "target_group",
            "stage",
            "evidence",
            "cost",
            "municipality",
            "month",
            "year",
            "date",
            "format",
            "sort",
            "lang",
            "organisation",
            "fields",
            "limit",
            "offset",
            "type",
            "search",
            "order",
            "child_of",
            "locale",
        ]
    ),
    st.text(min_size=1, max_size=20),
)
queries = st.lists(st.tuples(param_names, text), max_size=6)


def _clean(value):
    # The test client (like a real HTTP stack) cannot send NUL bytes or surrogates in URLs.
    return value.replace("\x00", "").encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _public_patterns(resolver=None, prefix=""):
    """(route template, has parameters) for every URL pattern outside the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(PRIVATE_PREFIXES) or route.lstrip("^").startswith(PRIVATE_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            yield from _public_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def _concrete(route, segment):
    """Turn a route such as 'fi/haku/' or '<str:x>/' into a path, filling parameters."""
    route = route.lstrip("^").rstrip("$").replace("\\Z", "")
    route = re.sub(r"<(?:\w+:)?\w+>", segment, route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", segment, route)
    route = re.sub(r"[\^$?*+()\[\]\\]", "", route)
    return "/" + route


def _targets(demo_site):
    urls = set()
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            for route in _public_patterns():
                urls.add(_concrete(route, "{seg}"))
    for languages in demo_site.page_types.values():
        urls.update(languages.values())
    urls.update(["/api/v2/pages/", "/api/v2/pages/{seg}/", "/fi/{seg}/", "/en/{seg}/{seg}/"])
    return sorted(urls)


def _counts():
    return {label: apps.get_model(label).objects.count() for label in COUNTED_MODELS if _model_exists(label)}


def _model_exists(label):
    try:
        apps.get_model(label)
        return True
    except LookupError:
        return False


@override_settings(RATE_LIMIT_ENABLED=False)
def test_fuzz_public_urls(client, demo_site, capsys):
    from urllib.parse import quote

    targets = _targets(demo_site)
    before = _counts()
    tried = {"GET": 0, "POST": 0}
    failures = []

    @hyp_settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(
        query=queries,
        segment=text,
        form=st.dictionaries(param_names, text, max_size=5),
        post_index=st.integers(min_value=0, max_value=10_000),
    )
    def run(query, segment, form, post_index):
        seg = quote(_clean(segment)[:200], safe="") or "x"
        for target in targets:
            path = target.replace("{seg}", seg)
            params = [(_clean(k), _clean(v)) for k, v in query]
            response = client.get(path, params)
            tried["GET"] += 1
            if response.status_code >= 500:
                failures.append(("GET", path, params, response.status_code))
        # Forms: POST hostile fields to one target per example (CSRF applies, like in reality).
        path = targets[post_index % len(targets)].replace("{seg}", seg)
        response = client.post(path, {_clean(k): _clean(v) for k, v in form.items()})
        tried["POST"] += 1
        if response.status_code >= 500:
            failures.append(("POST", path, form, response.status_code))
        assert not failures, failures[:5]

    run()
    after = _counts()
    with capsys.disabled():
        print(
            f"\nfuzz: {len(targets)} URL targets, {FUZZ_EXAMPLES} examples, "
            f"{tried['GET']} GET + {tried['POST']} POST requests, {len(failures)} server errors"
        )
    assert not failures
    assert after == before, {k: (before[k], after[k]) for k in before if before[k] != after[k]}


@override_settings(RATE_LIMIT_ENABLED=False)
def test_every_hostile_value_at_every_url(client, demo_site):
    """The fixed hostile list, deterministically, as a path segment and as every common
    parameter: random fuzzing may miss one of them on a given run, CI must not."""
    from urllib.parse import quote

    failures = []
    for target in _targets(demo_site):
        for value in HOSTILE:
            seg = quote(_clean(value)[:200], safe="") or "x"
            path = target.replace("{seg}", seg)
            params = {name: _clean(value) for name in ("q", "page", "rank", "region", "month", "date", "sort")}
            for query in ({}, params):
                response = client.get(path, query)
                if response.status_code >= 500:
                    failures.append((path, query, response.status_code))
    assert not failures, failures[:5]


# -- the read-only API (/api/v2/) ---------------------------------------------------------------
# Every documented query parameter of Wagtail's API v2 (and the field filters of the models it
# lists), with values that have broken databases before: integers past 64 bits, quotes that
# end a full-text string, NUL and other control characters.
API_ENDPOINTS = ("pages", "images", "documents")
API_PARAMETERS = (
    "offset",
    "limit",
    "order",
    "search",
    "search_operator",
    "fields",
    "type",
    "locale",
    "translation_of",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "html_path",
    "id",
    "title",
    "slug",
    "show_in_menus",
    "tags",
    "rich_text_format",
    "format",
    "depth",
    "seo_title",
)
API_HOSTILE = HOSTILE + [
    "9223372036854775808",
    "9223372036854775807",
    "-9223372036854775809",
    "2147483648",
    "1" * 400,
    '"',
    '"abc',
    'a "b',
    "abc\x00def",
    "\x00",
    "\x01\x7f",
    "*",
    "(",
    ")",
    "NEAR(a b)",
    "a OR",
    "AND",
    "-",
    "root",
    "random",
    "-title",
    "title,-id",
    "random,title",
    "*,-title",
    "_,id",
    "parent(id)",
    "a(b(c))",
    "¹²³",
    "٣",
    " 5",
    "+5",
    "5.0",
    "1e3",
    "and",
    "OR",
    "fi",
    "xx",
    "fi-FI",
    "wagtailcore.Page",
    "home.HomePage",
    "auth.User",
    "/",
    "//",
    "/fi/",
    "%",
    "_",
    "\\",
]
# The values that reach the database as errors if unchecked: every view gets these, listings all.
API_BREAKERS = [
    "9223372036854775808",
    "-9223372036854775809",
    "2147483648",
    '"',
    'a "b',
    "abc\x00def",
    "\x01\x7f",
    "-1",
    "",
    "root",
    "random",
    "¹²³",
    "1e309",
    "'",
    "%",
]
api_queries = st.lists(
    st.tuples(st.sampled_from(API_PARAMETERS), st.one_of(st.sampled_from(API_HOSTILE), st.text(max_size=60))),
    min_size=1,
    max_size=4,
)


def _api_paths():
    """Listing, find and detail (an existing and an impossible id) of every endpoint."""
    import wagtail_factories
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    some = {
        "pages": Page.objects.live().public().exclude(depth=1).first(),
        "images": get_image_model().objects.first() or wagtail_factories.ImageFactory(),
        "documents": get_document_model().objects.first() or wagtail_factories.DocumentFactory(),
    }
    paths = []
    for endpoint in API_ENDPOINTS:
        paths += [f"/api/v2/{endpoint}/", f"/api/v2/{endpoint}/find/"]
        if some[endpoint] is not None:
            paths.append(f"/api/v2/{endpoint}/{some[endpoint].pk}/")
        paths.append(f"/api/v2/{endpoint}/9223372036854775808/")
    return paths


def _api_get(client, path, params, failures):
    params = [(k, v.encode("utf-8", "surrogatepass").decode("utf-8", "replace")) for k, v in params]
    response = client.get(path, params)
    if response.status_code >= 500:
        failures.append((path, params, response.status_code))
    return response


@override_settings(RATE_LIMIT_ENABLED=False)
def test_every_api_parameter_with_every_hostile_value(client, demo_site):
    """Each documented parameter of each API view alone, with hostile values: no 5xx."""
    client.raise_request_exception = False
    failures = []
    for path in _api_paths():
        values = API_HOSTILE if path.endswith(tuple(f"/{e}/" for e in API_ENDPOINTS)) else API_BREAKERS
        for name in API_PARAMETERS:
            for value in values:
                _api_get(client, path, [(name, value)], failures)
    assert not failures, failures[:5]


@override_settings(RATE_LIMIT_ENABLED=False)
def test_fuzz_api_parameter_combinations(client, demo_site, capsys):
    """Random combinations (search with order, type with fields, …) on every API view."""
    client.raise_request_exception = False
    paths = _api_paths()
    failures = []
    tried = [0]

    @hyp_settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(query=api_queries)
    def run(query):
        for path in paths:
            _api_get(client, path, query, failures)
            tried[0] += 1
        assert not failures, failures[:5]

    run()
    with capsys.disabled():
        print(
            f"\nfuzz api: {len(paths)} views, {FUZZ_EXAMPLES} examples, {tried[0]} requests, "
            f"{len(failures)} server errors"
        )
    assert not failures


@override_settings(RATE_LIMIT_ENABLED=False)
@pytest.mark.parametrize(
    "url, message",
    [
        ("/api/v2/pages/?offset=9223372036854775808", "offset"),
        ("/api/v2/images/?offset=9223372036854775808", "offset"),
        ("/api/v2/documents/?offset=9223372036854775808", "offset"),
        ('/api/v2/pages/?search="', "quotes"),
        ("/api/v2/pages/?search=abc%00def", "control character"),
        ("/api/v2/pages/?search=a&search_operator=xor", "search_operator"),
        ("/api/v2/pages/find/?id=abc", "id"),
    ],
)
def test_hostile_api_parameters_get_400_with_a_message(client, demo_site, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert message in response.json()["message"]
