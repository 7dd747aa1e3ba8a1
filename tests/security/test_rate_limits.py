"""Rate limits through the real URLs and the real ``settings.RATE_LIMITS`` numbers.

The test settings keep limits off (one cache lives for the whole run); each test here
switches them on and nothing else, and gives its client an address of its own so counters
never leak between tests. The same scenarios on the production settings module, with Redis,
are in tests/audit/test_limits.py.
"""

import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from core.ratelimit import configured_rate, hit
from events.models import Registration
from tests.events.test_registration import form_data, open_event, personal_link

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
_addresses = itertools.count(1)


@pytest.fixture(autouse=True)
def limits_on():
    # Targets (ids, usernames) recur between tests: start every test with no counts.
    cache.clear()
    with override_settings(RATE_LIMIT_ENABLED=True):
        yield
    cache.clear()


@pytest.fixture
def address():
    n = next(_addresses)
    return f"10.77.{n // 250}.{n % 250 + 1}"


@pytest.fixture
def client(address):
    return Client(REMOTE_ADDR=address)


def _suggest_url(language):
    with translation.override(language):
        return reverse("search_suggest")


@pytest.mark.parametrize(
    "language, text",
    [("fi", "Liian monta pyyntöä"), ("sv", "För många förfrågningar"), ("en", "Too many requests")],
)
def test_search_suggest_is_limited_with_a_translated_page(client, site_structure, language, text):
    allowed = configured_rate("search-suggest").count
    url = _suggest_url(language) + "?q=la"
    assert all(client.get(url).status_code == 200 for _ in range(allowed))
    response = client.get(url)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert text in html
    assert 'id="main"' in html  # the normal page layout, not a bare error


def test_registrations_from_one_address_are_limited_on_the_event_page(client, calendar):
    """The form posts to the event page itself: that is what is counted."""
    allowed = configured_rate("registration").count
    event = open_event(calendar, capacity=100)
    statuses = [client.post(event.get_url(), form_data(n)).status_code for n in range(allowed + 3)]
    assert statuses == [302] * allowed + [429] * 3
    assert len(mail.outbox) == allowed == Registration.objects.count()
    # Reading the event page is never limited, and another address may still register.
    assert client.get(event.get_url()).status_code == 200
    other = Client(REMOTE_ADDR="10.78.0.1")
    assert other.post(event.get_url(), form_data(999)).status_code == 302


def test_cancellations_count_against_the_same_limit(client, calendar):
    allowed = configured_rate("registration").count
    event = open_event(calendar, capacity=100)
    # Registered from other addresses; the cancellations all come from this client.
    links = []
    for n in range(allowed + 1):
        Client(REMOTE_ADDR=f"10.79.0.{n + 1}").post(event.get_url(), form_data(n))
        links.append(personal_link(mail.outbox[-1]))
    statuses = [client.post(link, {"action": "cancel"}).status_code for link in links]
    assert statuses == [200] * allowed + [429]
    assert Registration.objects.filter(status=Registration.Status.CANCELLED).count() == allowed


def test_limit_is_per_client_address(site_structure):
    allowed = configured_rate("search-suggest").count
    url = _suggest_url("fi")
    first, second = Client(REMOTE_ADDR="10.80.0.1"), Client(REMOTE_ADDR="10.80.0.2")
    for _ in range(allowed):
        first.get(url)
    assert first.get(url).status_code == 429
    assert second.get(url).status_code == 200


def test_an_ipv6_client_counts_per_network_not_per_address(site_structure):
    allowed = configured_rate("search-suggest").count
    url = _suggest_url("fi")
    for n in range(allowed):
        Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}").get(url)
    assert Client(REMOTE_ADDR="2001:db8:1:2::ffff").get(url).status_code == 429
    assert Client(REMOTE_ADDR="2001:db8:1:3::1").get(url).status_code == 200


def test_behind_a_proxy_the_address_it_appended_counts_not_what_the_client_wrote(site_structure):
    allowed = configured_rate("search-suggest").count
    url = _suggest_url("fi")
    with override_settings(RATE_LIMIT_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR", RATE_LIMIT_PROXY_COUNT=1):
        proxy = Client(REMOTE_ADDR="10.0.0.254")
        # The client invents a new X-Forwarded-For for every request; the proxy appends the real one.
        statuses = [
            proxy.get(url, HTTP_X_FORWARDED_FOR=f"192.0.2.{n % 250}, 10.81.0.1").status_code for n in range(allowed + 1)
        ]
        assert statuses[-1] == 429
        assert proxy.get(url, HTTP_X_FORWARDED_FOR="10.81.0.2").status_code == 200


def test_disabled_limits_let_everything_through(client, calendar):
    event = open_event(calendar, capacity=100)
    with override_settings(RATE_LIMIT_ENABLED=False):
        statuses = {
            client.post(event.get_url(), form_data(n)).status_code
            for n in range(configured_rate("registration").count + 2)
        }
    assert statuses == {302}


UNAVAILABLE = {"default": {"BACKEND": "tests.security.unavailable_cache.UnavailableCache"}}
DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }
}


def test_a_cache_outage_neither_breaks_registration_nor_lifts_the_limit(client, calendar):
    """The cache answers nothing (as the portal's cache does when Redis is down): counting
    falls back to this process, so registrations keep working and stay limited."""
    event = open_event(calendar, capacity=100)
    allowed = configured_rate("registration").count
    with override_settings(CACHES=UNAVAILABLE):
        statuses = [client.post(event.get_url(), form_data(n)).status_code for n in range(allowed + 1)]
    assert statuses == [302] * allowed + [429]
    assert Registration.objects.count() == allowed


def test_counting_survives_a_cache_that_raises():
    rate = configured_rate("registration")
    with override_settings(CACHES=DEAD_REDIS):
        waits = [hit("registration", "10.82.0.1") for _ in range(rate.count + 1)]
    assert waits[:-1] == [0] * rate.count
    assert 0 < waits[-1] <= rate.period


def test_check_deploy_warns_when_the_cache_is_per_process():
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "ALLOWED_HOSTS": "example.fi",
        "SECRET_KEY": "z" * 20 + "a-long-random-secret-for-the-deploy-check-1234567890",
        "REGISTRATION_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "portal.W001" in result.stdout + result.stderr
    assert "CACHE_URL" in result.stdout + result.stderr
