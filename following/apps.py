from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "following"
    verbose_name = _("Following models")

    def ready(self):
        from wagtail.signals import page_published  # noqa: PLC0415 - AppConfig.ready() needs the app registry

        from .signals import connect  # noqa: PLC0415 - AppConfig.ready() needs the app registry

        connect(page_published)
