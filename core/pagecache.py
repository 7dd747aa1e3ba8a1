"""Anonymous page cache with generation-based invalidation.

Whole responses to anonymous GET requests are kept in Django's cache (``CACHE_URL``:
Redis in production, so every app server shares one cache) for ``PAGE_CACHE_SECONDS``.

Invalidation is deliberately coarse and therefore always correct: every key contains a
site-wide *generation* number, and any publish, unpublish, move or delete of a page, and
any change to a vocabulary or site setting, bumps it. A page shows listings, counts and
links of many other pages, so working out exactly which cached URLs a publish affects is
fragile; a new generation makes every old entry unreachable at once (they expire on their
own). Publishing is rare next to reading, so the hit rate stays high.

Never cached (checked on the request and on the response):
* anything but GET/HEAD, requests from logged-in users, requests carrying a session or
  messages cookie (someone with state gets a fresh page), ``Authorization`` headers, and
  query parameters that carry secrets (``PAGE_CACHE_SKIP_PARAMS``, e.g. registration
  ``token``);
* responses other than 200, streaming responses, responses that set a cookie or use the
  CSRF token (forms), responses whose ``Cache-Control`` says ``private``, ``no-store`` or
  ``no-cache`` (views mark personal pages with ``never_cache``/``cache_control(private=True)``),
  and responses that vary on anything but ``Cookie``/``Accept``/``Accept-Language``/``Accept-Encoding``.

The key is built from the language, the host, the full path with the query string and
the ``Accept`` header, so
/fi/… /sv/… and ?page=2 are separate entries.

When the cache keeps nothing (Redis unreachable: ``core.cache_backend`` then answers like
Django's DummyCache), ``current_generation()`` is None and every user of the generation
(this middleware, the site chrome, the facet memo) works uncached. A publish during the
outage cannot bump the generation, so the first cache call that succeeds afterwards
starts a new one (``cache_recovered``): entries written before the outage are never
served again.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .cache_backend import cache_recovered

GENERATION_KEY = "pagecache:generation"
# When the current generation started (epoch seconds): the Last-Modified of feeds.
CHANGED_KEY = "pagecache:changed"
# Headers a cached response may vary on: each is either part of the key (Accept, the
# language) or irrelevant to cacheable requests (Cookie: no session; Accept-Encoding: the
# body is stored uncompressed).
SAFE_VARY = {"cookie", "accept", "accept-language", "accept-encoding"}
UNCACHEABLE_CONTROL = {"private", "no-store", "no-cache"}


def page_cache():
    """The cache the page cache, the site chrome and the facet memo keep their entries in."""
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def page_cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def current_generation():
    """The publish generation, or None when the cache keeps nothing (then cache nothing)."""
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        if cache.add(GENERATION_KEY, 1, timeout=None):
            # What changed before is unknown to a new cache: count it as changed now.
            cache.set(CHANGED_KEY, time.time(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def generation_changed_at():
    """When the current generation started (epoch seconds), or None when the cache does not
    know (down, or the entry evicted)."""
    return page_cache().get(CHANGED_KEY)


# Sent after every bump: what is kept under the generation may be built again
# (core.facets rebuilds the facet memo once the change commits).
generation_bumped = Signal()


def bump_generation(**kwargs):
    """Make every cached page stale at once (signal receiver; also callable directly)."""
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # key missing (first publish, or evicted)
        cache.set(GENERATION_KEY, 2, timeout=None)
    cache.set(CHANGED_KEY, time.time(), timeout=None)
    generation_bumped.send(sender=bump_generation)


def cache_key(request, generation):
    raw = "|".join(
        [
            (get_language() or settings.LANGUAGE_CODE),
            request.get_host(),
            request.get_full_path(),
            request.META.get("HTTP_ACCEPT", ""),  # the API negotiates JSON/HTML on it (Vary: Accept)
        ]
    )
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return f"pagecache:{generation}:{digest}"


def request_is_cacheable(request):
    if request.method not in ("GET", "HEAD") or page_cache_seconds() <= 0:
        return False
    if request.META.get("HTTP_AUTHORIZATION"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies:
        return False
    skip = set(getattr(settings, "PAGE_CACHE_SKIP_PARAMS", ()))
    if skip and any(name in skip for name in request.GET):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    control = {
        part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", "")) if part
    }
    if control & UNCACHEABLE_CONTROL:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part}
    return vary <= SAFE_VARY


class AnonymousPageCacheMiddleware:
    """Serve and store whole pages for anonymous visitors (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        generation = current_generation()
        if generation is None:  # the cache is unavailable: serve uncached
            return self.get_response(request)
        cache = page_cache()
        key = cache_key(request, generation)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            if cached.has_header("ETag") or cached.has_header("Last-Modified"):
                # A feed's validators (events/conditional.py): a poller still gets its 304.
                response = get_conditional_response(
                    request,
                    etag=cached.get("ETag"),
                    last_modified=parse_http_date_safe(cached.get("Last-Modified", "")),
                    response=cached,
                )
                response["X-Page-Cache"] = "hit"
                return response
            return cached
        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response):
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, page_cache_seconds())
        return response


def connect_signals():
    """Bump the generation whenever published content changes (CoreConfig.ready)."""
    # Publishes during a cache outage could not bump the generation.
    cache_recovered.connect(bump_generation, dispatch_uid="pagecache_recovered")
    page_published.connect(bump_generation, dispatch_uid="pagecache_published")
    page_unpublished.connect(bump_generation, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(bump_generation, dispatch_uid="pagecache_moved")
    page_slug_changed.connect(bump_generation, dispatch_uid="pagecache_slug")
    post_delete.connect(_bump_on_page_delete, dispatch_uid="pagecache_deleted")
    invalidate_on_change(Site)


def invalidate_on_change(*models):
    """Also bump the generation when a row of ``models`` is saved or deleted.

    For non-page models whose values pages show (vocabularies, site settings): each app
    names its own in ``AppConfig.ready``, so this module never names a feature app.
    """
    for model in models:
        label = model._meta.label
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"pagecache_save_{label}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"pagecache_del_{label}")


def _bump_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_generation()
