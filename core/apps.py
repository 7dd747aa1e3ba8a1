from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .text import preload


class CoreConfig(AppConfig):
    """Shared infrastructure: registers the <id:…> URL converter and the page-cache signals;
    with PRELOAD_LANGUAGE_DATA, loads the lemmatiser's dictionaries before the first request."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        # Django's documented place for work that needs the app registry loaded.
        from . import converters  # noqa: F401, PLC0415 - registers the <id:...> path converter
        from .pagecache import connect_signals  # noqa: PLC0415 - imports Wagtail's models

        connect_signals()
        from .facets import rebuild_after_commit  # noqa: PLC0415
        from .pagecache import generation_bumped  # noqa: PLC0415

        generation_bumped.connect(rebuild_after_commit, dispatch_uid="facet_memo_rebuild")
        if getattr(settings, "PRELOAD_LANGUAGE_DATA", False):
            # Production: the first search must not pay for loading the dictionaries (~3 s).
            # Under gunicorn --preload this runs once in the master, before the fork.
            preload()
