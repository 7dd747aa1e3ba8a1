"""The cache is optional at run time: Redis down or hung costs speed, never a page.

Each test points the production cache configuration (``portal.settings.base.redis_cache``:
backend class, timeouts, breaker) at a private ``redis-server`` that it stops, pauses or
replaces by a port where nothing answers. The same scenarios on the whole production
settings module are in tests/audit/test_faults.py.
"""

import logging
import time

import pytest
from django.core.cache import cache

from core import breaker
from core.pagecache import bump_generation, current_generation
from portal.settings.base import redis_cache
from tests.fault_servers import RedisServer, SilentServer, dead_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _close_breakers():
    yield
    breaker.reset_all()


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


def use_redis(settings, url, retry_seconds=None):
    """The production CACHES entry, at ``url``, with the page, chrome and facet caches on."""
    entry = redis_cache(url, "faults-test")
    if retry_seconds is not None:
        entry["OPTIONS"]["RETRY_SECONDS"] = retry_seconds
    settings.CACHES = {"default": entry}
    settings.PAGE_CACHE_SECONDS = 300
    settings.CHROME_CACHE_SECONDS = 3600
    settings.FACET_CACHE_SECONDS = 300


def fault_records(caplog):
    return [r for r in caplog.records if r.name == "core.faults"]


def test_a_stopped_redis_answers_like_an_empty_cache(settings, redis_server, caplog):
    use_redis(settings, redis_server.url)
    cache.set("k", "v")
    assert cache.get("k") == "v"
    redis_server.stop()
    caplog.set_level(logging.WARNING, logger="core.faults")

    started = time.monotonic()
    for _ in range(50):
        assert cache.get("k") is None
        assert cache.get("k", "default") == "default"
        assert cache.get_many(["k"]) == {}
        assert cache.set("k", "w") is None
        assert cache.add("counter", 1) is True
        with pytest.raises(ValueError):
            cache.incr("counter")
        assert cache.delete("k") is False
        assert cache.get_or_set("k", lambda: "computed") == "computed"
    assert time.monotonic() - started < 2
    assert cache.is_available() is False
    errors = fault_records(caplog)
    assert len(errors) == 1 and errors[0].levelno == logging.ERROR  # once per outage, not per call
    assert "unavailable" in errors[0].getMessage()


def test_a_hung_redis_costs_one_timeout_then_nothing(settings, client, site_structure):
    silent = SilentServer()
    try:
        use_redis(settings, silent.url("redis"))
        timeout = settings.CACHES["default"]["OPTIONS"]["SOCKET_TIMEOUT"]
        assert timeout <= 1  # the production default: short
        durations = []
        for _ in range(10):
            started = time.monotonic()
            response = client.get("/fi/")
            durations.append(time.monotonic() - started)
            assert response.status_code == 200
            assert "X-Page-Cache" not in response
        # The first request waits for one timeout (connect succeeds, the answer never
        # comes); the breaker then skips Redis, so the others are not slowed at all.
        assert durations[0] < 2 * timeout + 1
        assert max(durations[1:]) < timeout
    finally:
        silent.close()


def test_nothing_is_served_stale_after_an_outage(settings, client, redis_server, site_structure):
    """A publish during the outage cannot bump the generation in Redis: when Redis answers
    again (with its old entries), a new generation starts, so the old page is never served."""
    use_redis(settings, redis_server.url, retry_seconds=0.2)
    home = site_structure["home"]
    assert client.get("/fi/")["X-Page-Cache"] == "miss"
    assert client.get("/fi/")["X-Page-Cache"] == "hit"

    redis_server.pause(1.5)  # hangs, keeps its data
    home.title = "Uusi etusivun otsikko"
    home.seo_title = ""
    home.save_revision().publish()
    response = client.get("/fi/")
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert "Uusi etusivun otsikko" in response.content.decode()

    time.sleep(1.7)  # the pause is over and the breaker lets one request try again
    response = client.get("/fi/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    assert "Uusi etusivun otsikko" in response.content.decode()


def test_the_generation_is_none_while_the_cache_keeps_nothing(settings):
    use_redis(settings, dead_url())
    assert current_generation() is None
    bump_generation()  # a publish during the outage does not fail
    assert current_generation() is None
