"""System checks for the project's own settings (``manage.py check``, ``check --deploy``).

A malformed ``RATE_LIMITS`` value stops start-up on its own (``core.ratelimit.rate_limit``).
"""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Tags, Warning, register

# Caches that other processes or servers cannot see: counters kept there are per worker.
UNSHARED_CACHES = (LocMemCache, DummyCache, FileBasedCache)


@register(Tags.security, deploy=True)
def rate_limits_shared_cache(app_configs, **kwargs):
    """Rate limits count in the default cache: in production it must be shared by every worker."""
    if not settings.RATE_LIMIT_ENABLED or not isinstance(caches["default"], UNSHARED_CACHES):
        return []
    return [
        Warning(
            "Rate limits count in a cache that each worker process keeps to itself "
            f"({type(caches['default']).__name__}): with N workers a limit lets N times as many "
            "requests through.",
            hint="Set CACHE_URL to a Redis shared by every app server (e.g. redis://cache:6379/1).",
            id="portal.W001",
        )
    ]
