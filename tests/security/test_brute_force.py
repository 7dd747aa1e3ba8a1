"""Password guessing is throttled per address and per target, through the real URLs and the
real ``settings.RATE_LIMITS`` numbers: page-view passwords (per restriction), the sign-in forms
(per username, whichever addresses the guesses come from) and password-reset e-mails (per
e-mail address). django-axes' own lock-out is in test_axes.py."""

import itertools

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from core.ratelimit import configured_rate

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
_networks = itertools.count(1)


@pytest.fixture(autouse=True)
def limits_on():
    # Targets (ids, usernames) recur between tests: start every test with no counts.
    cache.clear()
    with override_settings(RATE_LIMIT_ENABLED=True):
        yield
    cache.clear()


@pytest.fixture
def addresses():
    """Fresh client addresses, each in a network of its own (a botnet's spread)."""
    n = next(_networks)
    return (f"10.{90 + n}.{i // 250}.{i % 250 + 1}" for i in itertools.count())


@pytest.fixture
def restricted(site_structure):
    page = site_structure["about"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="avoin-sesam"
    )
    with translation.override("fi"):
        url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    return page, url


def _guess(url, address, password):
    return Client(REMOTE_ADDR=address).post(url, {"password": password, "return_url": "/fi/"})


def test_page_password_guesses_from_one_address_are_throttled(restricted, addresses):
    _page, url = restricted
    allowed = configured_rate("page-password").count
    address = next(addresses)
    statuses = [_guess(url, address, f"guess-{n}").status_code for n in range(allowed + 1)]
    assert statuses == [200] * allowed + [429]  # the form again with an error, then the 429 page
    response = _guess(url, address, "avoin-sesam")
    assert response.status_code == 429  # not even the right password gets through now
    assert "Liian monta pyyntöä" in response.content.decode()


def test_page_password_guesses_spread_over_addresses_are_throttled_per_page(restricted, addresses):
    page, url = restricted
    allowed = configured_rate("page-password-target").count
    statuses = [_guess(url, next(addresses), f"guess-{n}").status_code for n in range(allowed + 1)]
    assert statuses == [200] * allowed + [429]
    # Another page's password form is counted apart.
    other = PageViewRestriction.objects.create(page=page.get_parent(), restriction_type="password", password="x")
    with translation.override("fi"):
        other_url = reverse("wagtailcore_authenticate_with_password", args=[other.pk, page.get_parent().pk])
    assert _guess(other_url, next(addresses), "guess").status_code == 200


@pytest.fixture
def editor(django_user_model, site_structure):
    return django_user_model.objects.create_superuser("editor", "editor@example.fi", PASSWORD)


def _sign_in(address, username, password, url="/admin/login/"):
    return Client(REMOTE_ADDR=address).post(url, {"username": username, "password": password})


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/", "/fi/_util/login/"])
def test_sign_in_guesses_spread_over_addresses_are_throttled_per_username(editor, addresses, url):
    allowed = configured_rate("login-username").count
    statuses = [_sign_in(next(addresses), "Editor", f"wrong-{n}", url).status_code for n in range(allowed)]
    assert 429 not in statuses  # axes alone never fires: each address failed once
    response = _sign_in(next(addresses), "editor", PASSWORD, url)
    assert response.status_code == 429
    assert "_auth_user_id" not in response.client.session
    # Other accounts can still sign in.
    other = type(editor).objects.create_user("other", "other@example.fi", PASSWORD, is_staff=True)
    assert _sign_in(next(addresses), other.username, PASSWORD, url).status_code == 302


def test_one_address_trying_many_usernames_is_throttled(editor, addresses):
    allowed = configured_rate("login").count
    address = next(addresses)
    statuses = [_sign_in(address, f"user-{n}", "wrong").status_code for n in range(allowed + 1)]
    assert statuses == [200] * allowed + [429]


def _reset(address, email, language="fi"):
    return Client(REMOTE_ADDR=address).post("/admin/password_reset/", {"email": email}, HTTP_ACCEPT_LANGUAGE=language)


def test_password_reset_mails_to_one_address_are_limited(editor, addresses):
    allowed = configured_rate("password-reset-email").count
    statuses = [_reset(next(addresses), "Editor@Example.fi").status_code for _ in range(allowed + 1)]
    assert statuses == [302] * allowed + [429]
    assert len(mail.outbox) == allowed


def test_password_reset_requests_from_one_address_are_limited(editor, addresses):
    allowed = configured_rate("password-reset").count
    address = next(addresses)
    statuses = [_reset(address, f"someone-{n}@example.fi", "sv").status_code for n in range(allowed + 1)]
    assert statuses == [302] * allowed + [429]
    response = _reset(address, "editor@example.fi", "sv")
    assert response.status_code == 429
    assert "För många förfrågningar" in response.content.decode()
    assert mail.outbox == []  # none of the addresses tried belongs to a user but the last one
