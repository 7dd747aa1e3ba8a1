from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and articles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Django's documented place for code that needs the models loaded.
        from core.pagecache import invalidate_on_change  # noqa: PLC0415 - needs the app registry

        from .models import PortalSettings  # noqa: PLC0415 - needs the app registry

        # Pages show the site settings (privacy notice, footer links): cached pages go stale.
        invalidate_on_change(PortalSettings)
