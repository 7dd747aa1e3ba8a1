from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Project-level wiring that belongs to no feature app: page-cache invalidation, system checks."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import checks  # noqa: F401 - registers the project's system checks
        from .cache import connect_signals

        connect_signals()
