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
