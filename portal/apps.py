from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Project-level wiring that belongs to no feature app: page-cache invalidation."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from .cache import connect_signals

        connect_signals()
