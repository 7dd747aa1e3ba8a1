"""A small circuit breaker for the services the site can live without (cache, search engine).

When a call to such a service fails, every request of the next ``retry_seconds`` skips the
service at once instead of waiting for its timeout again: with 30 visitors and a Redis or
OpenSearch that hangs, only one request per process pays the timeout, the others are
served degraded straight away. After the pause one request tries again (the others keep
skipping until it has answered); success closes the breaker.

One breaker per service address and process, shared by every thread of the process (Django
makes one cache backend object per thread, so the state cannot live on the backend). An
outage is logged once when it starts (ERROR, with the cause) and once when it ends
(WARNING), never per request.
"""

import logging
import threading
import time

logger = logging.getLogger("core.faults")

_breakers = {}
_breakers_lock = threading.Lock()


class CircuitBreaker:
    def __init__(self, name, retry_seconds):
        self.name = name
        self.retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._down_since = None  # monotonic time of the first failure of the current outage
        self._retry_at = 0.0

    @property
    def is_open(self):
        """True while the service counts as down (including the pause before a retry)."""
        return self._down_since is not None

    def allow(self):
        """May this call contact the service? False while the breaker is open, except for
        the one call per pause that is let through to find out whether it is back."""
        if self._down_since is None:
            return True
        with self._lock:
            now = time.monotonic()
            if self._down_since is not None and now >= self._retry_at:
                self._retry_at = now + self.retry_seconds  # the others keep skipping meanwhile
                return True
            return self._down_since is None

    def failure(self, exc):
        """Record a failed call: open the breaker (log only when an outage starts)."""
        with self._lock:
            now = time.monotonic()
            starts = self._down_since is None
            if starts:
                self._down_since = now
            self._retry_at = now + self.retry_seconds
        if starts:
            logger.error(
                "%s is unavailable (%s: %s); working without it, next try in %s s.",
                self.name,
                type(exc).__name__,
                exc,
                self.retry_seconds,
            )

    def success(self):
        """Record a successful call: close the breaker. True when this ended an outage (the
        caller may then drop what went stale meanwhile); logged once."""
        if self._down_since is None:
            return False
        with self._lock:
            down_since, self._down_since = self._down_since, None
        if down_since is None:
            return False
        logger.warning("%s is available again after %.0f s.", self.name, time.monotonic() - down_since)
        return True

    def reset(self):
        with self._lock:
            self._down_since = None
            self._retry_at = 0.0


def breaker_for(name, retry_seconds):
    """The process-wide breaker called ``name`` (created on first use)."""
    with _breakers_lock:
        breaker = _breakers.get(name)
        if breaker is None:
            breaker = _breakers[name] = CircuitBreaker(name, retry_seconds)
        breaker.retry_seconds = retry_seconds
        return breaker


def reset_all():
    """Close every breaker (tests that simulate an outage call it afterwards)."""
    with _breakers_lock:
        breakers = list(_breakers.values())
    for breaker in breakers:
        breaker.reset()
