"""Local development: DEBUG on, a throwaway secret, console e-mail."""

from .base import *  # noqa: F401,F403
from .base import env_bool, fernet_key_derived_from

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-0b5e3c2a9f"  # noqa: F405
# Demo users (see README) are created only when this is on; production never sets it.
CREATE_DEMO_USERS = True
# Development only: without REGISTRATION_ENCRYPTION_KEY, participants' needs are encrypted
# with a key derived from SECRET_KEY (changing SECRET_KEY makes them unreadable); `manage.py
# check` says so (events.I001). Production requires a key of its own.
if not REGISTRATION_ENCRYPTION_KEY:  # noqa: F405
    REGISTRATION_ENCRYPTION_KEY = fernet_key_derived_from(SECRET_KEY)
    REGISTRATION_ENCRYPTION_KEY_DERIVED = True
