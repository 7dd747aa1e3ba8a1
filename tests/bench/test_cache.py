"""The anonymous page cache: what a visitor gets, and what must never be cached."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.views.decorators.cache import cache_control, never_cache

from core.pagecache import AnonymousPageCacheMiddleware, current_generation

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_anonymous_page_is_served_from_cache(client, site_structure, page_cache):
    first = client.get("/fi/")
    second = client.get("/fi/")
    assert first.status_code == second.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_languages_and_query_strings_are_separate_entries(client, site_structure, page_cache):
    fi = client.get("/fi/")
    sv = client.get("/sv/")
    assert sv["X-Page-Cache"] == "miss"
    assert b'lang="sv"' in sv.content and b'lang="fi"' in fi.content
    assert client.get("/fi/?page=2")["X-Page-Cache"] == "miss"


def test_cache_disabled_when_seconds_is_zero(client, site_structure, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/fi/")
    assert "X-Page-Cache" not in client.get("/fi/")


def test_publish_invalidates(client, site_structure, page_cache):
    home = site_structure["home"]
    client.get("/fi/")
    assert client.get("/fi/")["X-Page-Cache"] == "hit"
    home.hero_title = "Uusi otsikko välimuistin jälkeen"
    home.save_revision().publish()
    response = client.get("/fi/")
    assert response["X-Page-Cache"] == "miss"
    assert "Uusi otsikko välimuistin jälkeen" in response.content.decode()


def test_unpublish_invalidates(client, site_structure, page_cache):
    about = site_structure["about"]
    url = about.url
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"
    about.unpublish()
    assert client.get(url).status_code == 404


def test_vocabulary_change_invalidates(site_structure, page_cache):
    from models_library.models import Theme

    before = current_generation()
    Theme.objects.create(code="uusi-teema", name_fi="Uusi teema")
    assert current_generation() > before


def test_logged_in_users_never_get_or_fill_the_cache(client, site_structure, page_cache, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.fi", "pw")
    client.force_login(user)
    first = client.get("/fi/")
    second = client.get("/fi/")
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    client.logout()
    # What the logged-in user saw was not stored for anonymous visitors either.
    assert client.get("/fi/")["X-Page-Cache"] == "miss"


# --- Middleware rules, one request shape at a time -------------------------------------------


class CountingView:
    def __init__(self, view):
        self.view = view
        self.calls = 0

    def __call__(self, request):
        self.calls += 1
        return self.view(request)


def _run_twice(view, make_request):
    counting = CountingView(view)
    middleware = AnonymousPageCacheMiddleware(counting)
    for _ in range(2):
        request = make_request()
        request.user = AnonymousUser()
        middleware(request)
    return counting.calls


def plain(request):
    return HttpResponse("<p>public</p>")


@pytest.mark.parametrize(
    "view,make_request",
    [
        (plain, lambda: RequestFactory().post("/fi/x/")),
        (plain, lambda: RequestFactory().get("/fi/x/?token=secret-registration-token")),
        (plain, lambda: RequestFactory(headers={"cookie": "sessionid=abc"}).get("/fi/x/")),
        (plain, lambda: RequestFactory(headers={"authorization": "Bearer x"}).get("/fi/x/")),
        (never_cache(plain), lambda: RequestFactory().get("/fi/x/")),
        (cache_control(private=True)(plain), lambda: RequestFactory().get("/fi/x/")),
        (lambda r: HttpResponse(get_token(r)), lambda: RequestFactory().get("/fi/x/")),
        (lambda r: _with_cookie(HttpResponse("x")), lambda: RequestFactory().get("/fi/x/")),
        (lambda r: HttpResponse("gone", status=404), lambda: RequestFactory().get("/fi/x/")),
        (lambda r: _vary(HttpResponse("x"), "User-Agent"), lambda: RequestFactory().get("/fi/x/")),
    ],
    ids=[
        "post",
        "registration-token",
        "session-cookie",
        "authorization",
        "never-cache",
        "private",
        "csrf-token",
        "set-cookie",
        "not-200",
        "vary-user-agent",
    ],
)
def test_never_cached(view, make_request, page_cache):
    assert _run_twice(view, make_request) == 2


def test_plain_public_get_is_cached(page_cache):
    assert _run_twice(plain, lambda: RequestFactory().get("/fi/x/")) == 1


def test_logged_in_request_is_not_cached(page_cache, django_user_model):
    user = django_user_model(username="u")
    counting = CountingView(plain)
    middleware = AnonymousPageCacheMiddleware(counting)
    for _ in range(2):
        request = RequestFactory().get("/fi/x/")
        request.user = user
        middleware(request)
    assert counting.calls == 2


def _with_cookie(response):
    response.set_cookie("tracking", "1")
    return response


def _vary(response, header):
    response["Vary"] = header
    return response


def test_api_responses_are_cached_per_accept_header(client, site_structure, page_cache):
    url = "/api/v2/pages/?limit=5"
    assert client.get(url, HTTP_ACCEPT="application/json")["X-Page-Cache"] == "miss"
    assert client.get(url, HTTP_ACCEPT="application/json")["X-Page-Cache"] == "hit"
    # The browsable HTML rendering is negotiated on Accept: never served the JSON entry.
    html = client.get(url, HTTP_ACCEPT="text/html")
    assert html.get("X-Page-Cache") != "hit"
    assert html["Content-Type"].startswith("text/html")
