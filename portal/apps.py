from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Project-level wiring that belongs to no feature app: the deployment system checks."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import checks  # noqa: F401, PLC0415 - registers the project's system checks
