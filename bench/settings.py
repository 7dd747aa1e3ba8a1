"""Settings for benchmark runs: production-like (DEBUG off), loopback only.

The database, search backend and page-cache switch come from the environment exactly as in
production (DATABASE_URL, SEARCH_BACKEND, PAGE_CACHE_SECONDS); ``bench.run`` sets them.
"""

import os
from pathlib import Path

from portal.settings.base import *  # noqa: F401,F403
from portal.settings.base import BASE_DIR, TEMPLATES, env_bool, fernet_key_derived_from

SECRET_KEY = "bench-only-not-secret"
# The corpus registers people with needs (encrypted): a throwaway key, as in the tests.
if not REGISTRATION_ENCRYPTION_KEY:  # noqa: F405
    REGISTRATION_ENCRYPTION_KEY = fernet_key_derived_from(SECRET_KEY)
    REGISTRATION_ENCRYPTION_KEY_DERIVED = True
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).resolve().parent / "templates"]
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# The static floor: the same rendered HTML served as files by WhiteNoise in the same
# gunicorn + Django stack (see bench/README.md).
WHITENOISE_ROOT = os.environ.get("BENCH_FLOOR_DIR") or str(BASE_DIR / "bench" / "results" / "floor")
# As in production (portal/settings/production.py): dictionaries loaded at start-up,
# persistent connections checked before reuse (bench.run sets DATABASE_CONN_MAX_AGE=60).
PRELOAD_LANGUAGE_DATA = env_bool("PRELOAD_LANGUAGE_DATA", True)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
