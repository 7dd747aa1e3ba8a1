"""System checks of the events app."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def registration_key_check(app_configs, **kwargs):
    """Say so when participants' needs are encrypted with a key derived from SECRET_KEY
    (the development and test settings' fallback; production refuses to start without a key)."""
    if not getattr(settings, "REGISTRATION_ENCRYPTION_KEY_DERIVED", False):
        return []
    return [
        checks.Info(
            "Registration needs are encrypted with a key derived from SECRET_KEY (development and test "
            "settings only): changing SECRET_KEY makes them unreadable.",
            hint="Set REGISTRATION_ENCRYPTION_KEY to a Fernet key of its own (docs/security.md).",
            id="events.I001",
        )
    ]
