from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModelsLibraryConfig(AppConfig):
    name = "models_library"
    verbose_name = _("Practice-model library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Django's documented place for code that needs the models loaded.
        from core.pagecache import invalidate_on_change  # noqa: PLC0415 - needs the app registry

        from . import signals  # noqa: F401, PLC0415 - connects the reindex-after-publish receiver
        from .models import VOCABULARY_MODELS, DevelopmentPathEntry  # noqa: PLC0415 - needs the app registry

        # Vocabulary names appear on every listing and model page, development paths on
        # model pages: cached pages go stale. (Adoption reports bump it when moderated.)
        invalidate_on_change(*VOCABULARY_MODELS, DevelopmentPathEntry)
