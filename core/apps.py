from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared infrastructure: registers the <id:…> URL converter and the page-cache signals."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        # Django's documented place for work that needs the app registry loaded.
        from . import converters  # noqa: F401, PLC0415 - registers the <id:...> path converter
        from .pagecache import connect_signals  # noqa: PLC0415 - imports Wagtail's models

        connect_signals()
