"""Test settings: same apps as production, fast hashing, no page cache surprises."""

from .base import *  # noqa: F401,F403
from .base import fernet_key_derived_from

SECRET_KEY = "test-only-not-secret"
# Test only: a key derived from SECRET_KEY unless REGISTRATION_ENCRYPTION_KEY is given.
if not REGISTRATION_ENCRYPTION_KEY:  # noqa: F405
    REGISTRATION_ENCRYPTION_KEY = fernet_key_derived_from(SECRET_KEY)
    REGISTRATION_ENCRYPTION_KEY_DERIVED = True
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_SECONDS = 0
# Tests count with SQL; tests/search/test_facet_memo.py turns the memo on where it is tested.
FACET_CACHE_SECONDS = 0
# No thread after a test's publish; tests/search/test_facet_memo_shared.py tests it.
FACET_MEMO_REBUILD = False
# Loading the dictionaries at start-up costs every test process ~3 s; tests load them lazily.
PRELOAD_LANGUAGE_DATA = False
# tests/home/test_layout.py turns the chrome cache on where it is tested.
CHROME_CACHE_SECONDS = 0
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
CREATE_DEMO_USERS = True
AXES_ENABLED = True
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
SITE_URL = "http://testserver"
# Limits count per client IP in a cache that lives for the whole run; tests that exercise
# them switch them on with override_settings (tests/security/test_rate_limits.py).
RATE_LIMIT_ENABLED = False
# osmem-server (tests/search/conftest.py) answers the elasticsearch client only with plain
# application/json media types (search/backends/elasticsearch8.py).
SEARCH_ES_COMPATIBILITY_HEADERS = False
