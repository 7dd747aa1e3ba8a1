"""Rate limits: search suggestions and registration POSTs get a friendly, translated 429."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from portal.ratelimit import rate_limit

pytestmark = pytest.mark.django_db

LIMITS = [
    {"name": "search-suggest", "url_names": ["search_suggest"], "methods": ["GET"], "limit": 3, "period": 60},
    {"name": "registration", "url_names": ["event_register"],
     "path_patterns": [r"/(register|ilmoittaudu|anmal)(/|$)"], "methods": ["POST"], "limit": 2, "period": 3600},
]


@pytest.fixture(autouse=True)
def limits_on():
    cache.clear()
    with override_settings(RATE_LIMIT_ENABLED=True, RATE_LIMITS=LIMITS):
        yield
    cache.clear()


def _suggest_url(language):
    with translation.override(language):
        return reverse("search_suggest")


@pytest.mark.parametrize(
    "language, text",
    [("fi", "Liian monta pyyntöä"), ("sv", "För många förfrågningar"), ("en", "Too many requests")],
)
def test_search_suggest_is_limited_with_a_translated_page(client, site_structure, language, text):
    url = _suggest_url(language) + "?q=las"
    for _ in range(3):
        assert client.get(url).status_code == 200
    response = client.get(url)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert text in html
    assert 'id="main"' in html  # the normal page layout, not a bare error


def test_limit_is_per_client(client, site_structure):
    url = _suggest_url("fi")
    for _ in range(4):
        client.get(url, REMOTE_ADDR="10.0.0.1")
    assert client.get(url, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get(url, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_other_pages_are_not_limited(client, site_structure):
    for _ in range(10):
        assert client.get("/fi/").status_code == 200


def test_registration_posts_are_limited_by_path_pattern(client, site_structure):
    # The events app's registration URL is not known here: any POST to a registration path
    # is counted, whichever view (or 404) answers it.
    path = "/fi/tapahtumat/esimerkki/ilmoittaudu/"
    statuses = [client.post(path, {"name": "x"}).status_code for _ in range(3)]
    assert statuses[:2] != [429, 429]
    assert statuses[2] == 429
    # Reading the form is never limited.
    assert client.get(path).status_code != 429


def test_disabled_limits_let_everything_through(client, site_structure):
    with override_settings(RATE_LIMIT_ENABLED=False):
        for _ in range(6):
            assert client.get(_suggest_url("fi")).status_code == 200


def test_decorator_limits_a_single_view(rf):
    from django.contrib.sessions.middleware import SessionMiddleware  # noqa: F401
    from django.http import HttpResponse

    @rate_limit("unit", limit=1, period=60)
    def view(request):
        return HttpResponse("ok")

    with translation.override("en"):
        request = rf.post("/x/")
        request.user = None
        assert view(request).status_code == 200
        response = view(rf.post("/x/"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1


def test_limits_are_on_by_default_in_base_settings():
    import portal.settings.base as base

    assert base.RATE_LIMIT_ENABLED is True
    names = {rule["name"]: rule for rule in base.RATE_LIMITS}
    assert "search_suggest" in names["search-suggest"]["url_names"]
    assert names["registration"]["methods"] == ["POST"]
    assert "portal.ratelimit.RateLimitMiddleware" in base.MIDDLEWARE
