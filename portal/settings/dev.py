"""Local development: DEBUG on, a throwaway secret, console e-mail."""

from .base import *  # noqa: F401,F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-0b5e3c2a9f"  # noqa: F405
# Demo users (see README) are created only when this is on; production never sets it.
CREATE_DEMO_USERS = True
