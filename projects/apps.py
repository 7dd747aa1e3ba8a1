from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        # The library does not know this app (it sits below it): the `projects` field of the
        # practice-model API is declared from here, where both page types are known.
        from .api import register_api_fields  # noqa: PLC0415 - AppConfig.ready() needs the app registry

        register_api_fields()
