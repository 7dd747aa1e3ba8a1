"""Production: everything from the environment, secure by default.

Refuses to start without SECRET_KEY or REGISTRATION_ENCRYPTION_KEY. `manage.py check
--deploy` passes with no warnings when those and ALLOWED_HOSTS are set (tested in
tests/portal/test_settings.py).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import env_bool, fernet_keys

if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
SECRET_KEY = os.environ["SECRET_KEY"]
# Participants' needs (possibly health data) have a key of their own: never derived from
# SECRET_KEY, whose rotation would otherwise make every stored need unreadable.
REGISTRATION_ENCRYPTION_KEY = fernet_keys("REGISTRATION_ENCRYPTION_KEY")
if not REGISTRATION_ENCRYPTION_KEY:
    raise ImproperlyConfigured(
        "REGISTRATION_ENCRYPTION_KEY must be set in the environment for production: one or more "
        'Fernet keys, comma-separated, newest first (docs/security.md, "Registration needs").'
    )
DEBUG = False
CREATE_DEMO_USERS = False
# The first search of a worker must not load the dictionaries (~3 s): load them at start-up
# (with gunicorn --preload, once in the master; README "Deployment").
PRELOAD_LANGUAGE_DATA = env_bool("PRELOAD_LANGUAGE_DATA", True)
# Persistent database connections: a new PostgreSQL connection per request (the default 0)
# cost the model page ~8 ms of its ~45 ms in the issue-21 re-measure (p95 47–61 ms without,
# 39–49 with). Health checks make a connection that went away (database restart, idle
# timeout) reconnect on the next request instead of failing it.
DATABASES = {
    **DATABASES,  # noqa: F405
    "default": {
        **DATABASES["default"],  # noqa: F405
        "CONN_MAX_AGE": int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        "CONN_HEALTH_CHECKS": env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    },
}

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
