"""django-redis, made optional: while Redis is unreachable the cache acts as an empty one.

The cache only ever holds what can be rebuilt (pages, the site chrome, Wagtail's site
paths and renditions, rate-limit counters), so a Redis outage must cost speed, not
availability. django-redis bounds each call with ``SOCKET_CONNECT_TIMEOUT`` and
``SOCKET_TIMEOUT`` (settings: ``CACHE_CONNECT_TIMEOUT``, ``CACHE_SOCKET_TIMEOUT``; the
connection pool it builds does not retry). This subclass adds a circuit breaker
(``core/breaker.py``): after a failed call, every call of the next ``RETRY_SECONDS``
(``CACHE_RETRY_SECONDS``) returns at once without touching the network, and the outage is
logged once, not per request.

While Redis is down, the methods the project and its libraries use behave exactly like
Django's ``DummyCache`` (a cache that keeps nothing):

=================================  =============================================
``get``, ``get_or_set``            the default (``get_or_set``: the computed default)
``get_many``                       ``{}``
``set``, ``set_many``, ``clear``   nothing stored (``set_many`` returns ``[]``)
``add``                            ``True``, nothing stored
``incr``, ``decr``                 raise ``ValueError`` (as for a missing key)
``delete``, ``has_key``, ``touch`` ``False``; ``delete_many`` ``None``;
                                   ``delete_pattern`` ``0``; ``ttl`` ``0``
=================================  =============================================

So a fixed-window counter written as ``add(key, 1)`` then ``incr(key)`` (``ValueError`` →
``set``) sees every request as the first of its window: such limits fail open while the
cache is down. Other django-redis methods (``lock``, ``keys``, set and sorted-set
commands) still raise. ``is_available()`` probes Redis for the health check.
"""

import functools

from django.dispatch import Signal
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .breaker import breaker_for

# What django-redis itself treats as "the server did not answer" (its client's
# ``_main_exceptions``); it re-raises the original error when IGNORE_EXCEPTIONS is off.
# Socket errors (OSError) are normally wrapped by redis-py, but not on every path.
UNAVAILABLE_ERRORS = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError, ResponseError, OSError)

# Sent once per process when a cache comes back after an outage (``location``: its URL).
cache_recovered = Signal()


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found (the cache is unavailable).")


def _guarded(fallback):
    """Run the django-redis method unless the breaker is open; on a connection failure
    open the breaker and answer ``fallback(*args, **kwargs)`` instead."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            breaker = self.breaker
            if not breaker.allow():
                return fallback(*args, **kwargs)
            try:
                if breaker.is_open:
                    # The one retry after a pause: make sure Redis is back, and let the
                    # receivers of ``cache_recovered`` drop what went stale before this
                    # call reads anything (a page cached before the outage, say).
                    self._ping()
                    if breaker.success():
                        cache_recovered.send(sender=type(self), location=self._server)
                return method(self, *args, **kwargs)
            except UNAVAILABLE_ERRORS as exc:
                breaker.failure(exc.__cause__ or exc)
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def _default(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    """``django_redis.cache.RedisCache`` with a circuit breaker and DummyCache answers while
    Redis is unreachable (see the module docstring for what each method returns)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        retry_seconds = float(params.get("OPTIONS", {}).get("RETRY_SECONDS", 5))
        self.breaker = breaker_for(f"Cache {server}", retry_seconds)

    get = _guarded(_default)(RedisCache.get)
    get_many = _guarded(lambda *a, **k: {})(RedisCache.get_many)
    set = _guarded(lambda *a, **k: None)(RedisCache.set)
    set_many = _guarded(lambda *a, **k: [])(RedisCache.set_many)
    add = _guarded(lambda *a, **k: True)(RedisCache.add)
    incr = _guarded(_missing_key)(RedisCache.incr)
    decr = _guarded(_missing_key)(RedisCache.decr)
    delete = _guarded(lambda *a, **k: False)(RedisCache.delete)
    delete_many = _guarded(lambda *a, **k: None)(RedisCache.delete_many)
    delete_pattern = _guarded(lambda *a, **k: 0)(RedisCache.delete_pattern)
    has_key = _guarded(lambda *a, **k: False)(RedisCache.has_key)
    touch = _guarded(lambda *a, **k: False)(RedisCache.touch)
    ttl = _guarded(lambda *a, **k: 0)(RedisCache.ttl)
    clear = _guarded(lambda *a, **k: None)(RedisCache.clear)

    def _ping(self):
        return bool(self.client.get_client(write=False).ping())

    @property
    def degraded(self):
        """True while the breaker keeps Redis out: answers are DummyCache answers, so
        counters (core/ratelimit.py) must count elsewhere."""
        return self.breaker.is_open

    is_available = _guarded(lambda *a, **k: False)(_ping)
    is_available.__doc__ = "True when Redis answers a PING now (False at once while the breaker is open)."
