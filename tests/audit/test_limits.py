"""Audit items 4, 5, 6, 10 and 11 on the production settings module: limits that fire through
the real URLs and the real ``RATE_LIMITS`` counted in Redis, no 500 from hostile parameters,
the roles ``load_demo`` sets up, and a popular-searches list visitors cannot write to.

Every test sends from addresses of its own. Counters per target (a username, an e-mail
address, a password-protected page) live in the Redis that all workers of this run share, so
each test guesses at a target nobody else uses.
"""

import itertools

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from core.ratelimit import configured_rate
from events.models import EventPage, Registration
from models_library.models import PracticeModelIndexPage, PracticeModelPage

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


@pytest.fixture
def unique(worker_id):
    """A number no other test of this run (in any worker) gets."""
    worker = 0 if worker_id == "master" else int(worker_id.removeprefix("gw")) + 1
    return worker * 100_000 + next(_serial)


@pytest.fixture
def addresses(unique):
    """Fresh client addresses behind the production proxy, as a botnet would spread them."""
    return (
        Client(HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR=f"172.{16 + unique // 100_000}.{unique % 250}.{i + 1}")
        for i in range(250)
    )


# -- 4. registration ------------------------------------------------------------------------
def _open_event():
    events = EventPage.objects.live().public().filter(locale__language_code="fi", registration_enabled=True)
    return next(event for event in events if event.registration_is_open())


def _registration(n):
    return {
        "name": f"Osallistuja {n}",
        "email": f"osallistuja{n}@example.fi",
        "organisation": "",
        "needs": "",
        "consent": "on",
    }


def test_thirty_registrations_from_one_address_do_not_send_thirty_emails(client):
    event = _open_event()
    statuses = [client.post(event.url, _registration(n)).status_code for n in range(30)]
    assert 429 in statuses
    assert len(mail.outbox) < 30
    allowed = configured_rate("registration").count
    assert statuses == [302] * allowed + [429] * (30 - allowed)
    assert len(mail.outbox) == allowed
    assert Registration.objects.filter(event=event).count() == allowed
    # Redis says when the window that opened with the first registration ends.
    retry_after = int(client.post(event.url, _registration(99))["Retry-After"])
    assert configured_rate("registration").period - 120 < retry_after <= configured_rate("registration").period


def test_cancellations_from_one_address_are_limited(client, addresses):
    event = _open_event()
    allowed = configured_rate("registration").count
    links = []
    for n in range(allowed + 1):
        response = next(addresses).post(event.url, _registration(n))
        links.append(response["Location"])
    statuses = [client.post(link, {"action": "cancel"}).status_code for link in links]
    assert statuses == [200] * allowed + [429]


# -- 5. brute force ----------------------------------------------------------------------------
@pytest.fixture
def restricted(unique):
    """A live page behind a password, through a restriction id no other test uses."""
    page = Page.objects.live().filter(locale__language_code="fi", depth=3).first()
    restriction = PageViewRestriction.objects.create(
        pk=1_000_000 + unique, page=page, restriction_type=PageViewRestriction.PASSWORD, password="avoin-sesam"
    )
    return f"/fi/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


def _guess(client, url, password):
    return client.post(url, {"password": password, "return_url": "/fi/"}).status_code


def test_sixty_page_password_guesses_from_one_address_are_throttled(client, restricted):
    statuses = [_guess(client, restricted, f"arvaus-{n}") for n in range(60)]
    assert 429 in statuses
    allowed = configured_rate("page-password").count
    assert statuses == [200] * allowed + [429] * (60 - allowed)
    assert _guess(client, restricted, "avoin-sesam") == 429


def test_sixty_page_password_guesses_from_sixty_addresses_are_throttled(restricted, addresses):
    statuses = [_guess(next(addresses), restricted, f"arvaus-{n}") for n in range(60)]
    assert 429 in statuses
    allowed = configured_rate("page-password-target").count
    assert statuses == [200] * allowed + [429] * (60 - allowed)


@pytest.fixture
def victim(django_user_model, unique):
    return django_user_model.objects.create_user(
        f"kohde-{unique}", f"kohde-{unique}@example.fi", "oikea-salasana-123", is_staff=True
    )


def test_admin_sign_in_guesses_spread_over_addresses_are_throttled(victim, addresses):
    allowed = configured_rate("login-username").count
    statuses = [
        next(addresses).post("/admin/login/", {"username": victim.username, "password": f"väärä-{n}"}).status_code
        for n in range(allowed)
    ]
    assert 429 not in statuses  # one failure per address: django-axes alone never fires
    response = next(addresses).post("/admin/login/", {"username": victim.username, "password": "oikea-salasana-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in response.client.session


def test_password_reset_emails_to_one_address_are_limited(victim, addresses):
    for _ in range(10):
        next(addresses).post("/admin/password_reset/", {"email": victim.email})
    assert 0 < len(mail.outbox) < 10
    assert len(mail.outbox) == configured_rate("password-reset-email").count


# -- 6. hostile parameters -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?offset=9223372036854775808",
        "/api/v2/images/?offset=9223372036854775808",
        "/api/v2/documents/?offset=9223372036854775808",
        "/api/v2/pages/?search=%22",
        "/api/v2/pages/?search=abc%00def",
    ],
)
def test_hostile_api_parameters_get_a_400_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["message"]


def test_a_compare_id_past_64_bits_gets_a_400_with_a_message(client):
    library = PracticeModelIndexPage.objects.live().get(locale__language_code="fi")
    response = client.get(f"{library.url}compare/?models=9223372036854775808")
    assert response.status_code == 400
    alert = BeautifulSoup(response.content, "html.parser").select_one('[role="alert"]')
    assert "9223372036854775808" in alert.get_text()


# -- 10. the roles load_demo set up -------------------------------------------------------------------
def test_the_demo_moderator_reads_the_search_report(login):
    client = login("moderaattori")
    assert client.get("/admin/search-report/").status_code == 200
    assert "/admin/search-report/" in client.get("/admin/").content.decode()


def test_the_demo_translator_does_not(login):
    assert login("kaantaja").get("/admin/search-report/").status_code in (302, 403)


# -- 11. popular searches ---------------------------------------------------------------------------
def _popular(client, unique):
    # A parameter of its own keeps the anonymous page cache out of the way.
    html = client.get("/fi/haku/", {"audit": unique}).content
    return [a.get_text().casefold() for a in BeautifulSoup(html, "html.parser").select(".search-popular a")]


def test_a_burst_of_searches_from_one_client_cannot_put_a_word_on_the_popular_list(client, unique):
    word = PracticeModelPage.objects.live().filter(locale__language_code="fi").first().title.split()[0]
    for n in range(30):  # a word that finds something, sent past the page cache
        assert client.get("/fi/haku/", {"q": word, "n": f"{unique}-{n}"}).status_code == 200
    assert word.casefold() not in _popular(Client(HTTP_X_FORWARDED_PROTO="https"), unique)


def test_queries_editors_promoted_are_the_popular_list(client, unique):
    model = PracticeModelPage.objects.live().filter(locale__language_code="fi").first()
    SearchPromotion.objects.create(query=Query.get(model.title), page=model, sort_order=0)
    popular = _popular(client, unique)
    assert Query.get(model.title).query_string.casefold() in popular
    promoted = {
        q.casefold() for q in Query.objects.filter(editors_picks__isnull=False).values_list("query_string", flat=True)
    }
    assert set(popular) <= promoted
