"""Cache-based rate limits for expensive or abusable endpoints.

Rules live in ``settings.RATE_LIMITS`` and match a request by URL name (as resolved by
Django) or by a regular expression on the path, so an app gets limited without changing
its own code: the events branch's registration views are covered by the path rule.

Each rule counts requests per client IP in a fixed window in the default cache (shared
between app servers when CACHE_URL points at Redis). Over the limit the visitor gets the
translated ``429.html`` page with a ``Retry-After`` header.
"""

import hashlib
import re
import time
from dataclasses import dataclass
from functools import cached_property, wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import add_never_cache_headers


@dataclass(frozen=True)
class Rule:
    name: str
    limit: int
    period: int
    methods: tuple = ("GET", "POST")
    url_names: tuple = ()
    path_patterns: tuple = ()

    @cached_property
    def _path_regexes(self):
        return [re.compile(pattern) for pattern in self.path_patterns]

    def matches(self, request, url_name=None):
        if request.method not in self.methods:
            return False
        if url_name and url_name in self.url_names:
            return True
        return any(regex.search(request.path_info) for regex in self._path_regexes)


def _rules():
    return [
        Rule(
            name=spec["name"],
            limit=int(spec["limit"]),
            period=int(spec["period"]),
            methods=tuple(m.upper() for m in spec.get("methods", ("GET", "POST"))),
            url_names=tuple(spec.get("url_names", ())),
            path_patterns=tuple(spec.get("path_patterns", ())),
        )
        for spec in getattr(settings, "RATE_LIMITS", ())
    ]


def client_ip(request):
    header = getattr(settings, "RATE_LIMIT_CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        # Behind a trusted proxy: the left-most address is the client's.
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def hit(rule, request):
    """Count this request; return seconds to wait when over the limit, else 0."""
    window = int(time.time() // rule.period)
    ident = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"ratelimit:{rule.name}:{ident}:{window}"
    # add() is atomic on Redis and memcached: the first request of a window creates the key.
    if cache.add(key, 1, timeout=rule.period + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=rule.period + 1)
            count = 1
    if count > rule.limit:
        return rule.period - int(time.time()) % rule.period or 1
    return 0


def too_many_requests(request, retry_after):
    from home.views import too_many_requests as render_429

    response = render_429(request)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


class RateLimitMiddleware:
    """Apply settings.RATE_LIMITS to matching requests (after URL resolution)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(settings, "RATE_LIMIT_ENABLED", True):
            return None
        match = getattr(request, "resolver_match", None)
        url_name = match.url_name if match else None
        for rule in _rules():
            if rule.matches(request, url_name):
                retry_after = hit(rule, request)
                if retry_after:
                    return too_many_requests(request, retry_after)
        return None


def rate_limit(name, limit, period, methods=("GET", "POST")):
    """Decorator for a view that needs a limit of its own (same counting as the middleware)."""
    rule = Rule(name=name, limit=limit, period=period, methods=tuple(methods))

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if getattr(settings, "RATE_LIMIT_ENABLED", True) and request.method in rule.methods:
                retry_after = hit(rule, request)
                if retry_after:
                    return too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
