"""Rate limits as decorators on the views they protect.

``@rate_limit("registration")`` counts the requests to a view per client address in a
window that opens with the first request and answers the translated ``429.html`` page (with ``Retry-After``) over the
limit. The numbers come from ``settings.RATE_LIMITS["registration"]`` (``"10/h"``), which
settings read from the environment; the decorator names what it protects, the settings only
how much. ``key=`` counts per something other than the address as well — the username
typed at a sign-in form, the restricted page whose password is being guessed — so attempts
spread over many addresses are slowed too.

Counters live in the default cache, which every app server and worker must share (Redis
in production; ``check --deploy`` warns otherwise, see ``portal/checks.py``): with a
per-process cache each worker counts alone and the real limit is the limit × workers. If
the cache fails (it raises, or the outage-tolerant cache answers None/False), the request
is counted in this process instead: the limit then holds per worker rather than failing
open or turning into a 500.
"""

import hashlib
import ipaddress
import logging
import math
import re
import threading
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

_RATE_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}


@dataclass(frozen=True)
class Rate:
    """``count`` requests per ``period`` seconds."""

    count: int
    period: int


def parse_rate(text):
    """``"10/h"``, ``"60/m"``, ``"30/15m"``, ``"5/30s"``, ``"100/1d"`` → :class:`Rate`."""
    match = _RATE_RE.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a rate such as '10/h' or '30/15m'")
    count, multiple, unit = match.groups()
    period = int(multiple or 1) * _UNIT_SECONDS[unit]
    if period <= 0:
        raise ValueError(f"{text!r} has an empty period")
    return Rate(int(count), period)


def configured_rate(name):
    """The rate ``settings.RATE_LIMITS`` gives the limit called ``name``."""
    try:
        return parse_rate(settings.RATE_LIMITS[name])
    except KeyError as exc:
        raise ImproperlyConfigured(f"settings.RATE_LIMITS has no limit called {name!r}") from exc
    except ValueError as exc:
        raise ImproperlyConfigured(f"settings.RATE_LIMITS[{name!r}]: {exc}") from exc


# -- who is counted -----------------------------------------------------------------------
def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or behind proxies the address they recorded.

    With ``RATE_LIMIT_CLIENT_IP_HEADER`` (e.g. ``HTTP_X_FORWARDED_FOR``) the address is
    taken ``RATE_LIMIT_PROXY_COUNT`` entries from the right: each trusted proxy appends the
    address it saw, and everything further left was written by the client and could be
    anything. Also django-axes' ``AXES_CLIENT_IP_CALLABLE``, so both count the same address.
    """
    header = settings.RATE_LIMIT_CLIENT_IP_HEADER
    if header:
        hops = [hop.strip() for hop in request.META.get(header, "").split(",") if hop.strip()]
        if hops:
            return hops[-min(settings.RATE_LIMIT_PROXY_COUNT, len(hops))]
    return request.META.get("REMOTE_ADDR", "")


def by_address(request, view_kwargs):
    """Key: the client address; an IPv6 client counts per /64 (one subscriber's network)."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def by_posted(field):
    """Key: a posted form field, case-insensitive (a username, an e-mail address)."""

    def key(request, view_kwargs):
        value = request.POST.get(field, "").strip().casefold()
        return value or None  # nothing typed: nothing to count against

    return key


def by_url_kwarg(name):
    """Key: a parameter of the URL (the id of what is being guessed at)."""

    def key(request, view_kwargs):
        value = view_kwargs.get(name)
        return None if value is None else str(value)

    return key


# -- counting -------------------------------------------------------------------------------
_local_lock = threading.Lock()
_local_counts = {}  # key -> (expires at, count): used only while the shared cache fails
_LOCAL_MAX_KEYS = 100_000


def _count_locally(key, period):
    now = time.time()
    with _local_lock:
        if len(_local_counts) >= _LOCAL_MAX_KEYS:
            for stale in [k for k, (expires, _n) in _local_counts.items() if expires <= now]:
                del _local_counts[stale]
            if len(_local_counts) >= _LOCAL_MAX_KEYS:  # a flood of distinct keys: start over
                _local_counts.clear()
        expires, count = _local_counts.get(key, (0, 0))
        if expires <= now:  # a new window starts with this request
            expires, count = now + period, 0
        _local_counts[key] = (expires, count + 1)
        return count + 1, math.ceil(expires - now)


def _seconds_left(key, period):
    # Redis knows when the window ends; other caches do not say, so answer the longest wait.
    try:
        left = cache.ttl(key) if hasattr(cache, "ttl") else None
    except Exception:  # noqa: BLE001 - only the Retry-After figure depends on it
        left = None
    return left if isinstance(left, int) and 0 < left <= period else period


def _count(key, period):
    """Count one request under ``key``: (requests in its window so far, seconds the window has left).

    A window starts with the first request of a key and lasts ``period`` seconds (the key's
    lifetime; incr() keeps it on Redis, memcached and local memory), so a burst is never
    split by a clock boundary.
    """
    if getattr(cache, "degraded", False):
        # The shared cache answers like an empty one (core/cache_backend.py): add() would
        # call every request the first of its window. Count in this process meanwhile.
        return _count_locally(key, period)
    count = None
    try:
        # add() is atomic on Redis and memcached: the first request of a window creates the key.
        if cache.add(key, 1, timeout=period):
            return 1, period
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        try:
            if cache.add(key, 1, timeout=period):
                return 1, period
        except Exception:  # noqa: BLE001 - any cache failure: count in this process
            count = None
    except Exception:  # any cache failure (logged): count in this process
        logger.warning("Rate limit counter unavailable in the cache; counting in this process", exc_info=True)
    if isinstance(count, bool) or not isinstance(count, int):
        return _count_locally(key, period)
    return count, None


def hit(name, ident):
    """Count one request of ``ident`` against the limit ``name``; seconds to wait when over, else 0."""
    rate = configured_rate(name)
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
    key = f"ratelimit:{name}:{digest}"
    count, left = _count(key, rate.period)
    if count <= rate.count:
        return 0
    return max(1, left if left is not None else _seconds_left(key, rate.period))


def too_many_requests(request, retry_after):
    """The translated 429 page in the normal layout, never cached."""
    response = render(request, "429.html", {"retry_after_minutes": max(1, math.ceil(retry_after / 60))}, status=429)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


def _request_in(args):
    # Views take the request first; Wagtail's page ``serve`` takes (page, request).
    return next(arg for arg in args if isinstance(arg, HttpRequest))


def rate_limit(name, *, key=by_address, methods=("POST",)):
    """Limit the decorated view to ``settings.RATE_LIMITS[name]`` requests per ``key``.

    Only requests whose method is in ``methods`` are counted (reading a form is free;
    GET limits HEAD too). A key function returning None leaves the request uncounted.
    The limit must exist in settings when the view is imported.
    """
    configured_rate(name)  # fail at start-up, not at the first request
    counted = {m.upper() for m in methods} | ({"HEAD"} if "GET" in methods else set())

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            request = _request_in(args)
            if settings.RATE_LIMIT_ENABLED and request.method in counted:
                ident = key(request, kwargs)
                if ident is not None:
                    retry_after = hit(name, ident)
                    if retry_after:
                        return too_many_requests(request, retry_after)
            return view(*args, **kwargs)

        return wrapped

    return decorator
