"""Site-wide template context: main navigation and the active language's home page."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site


def _localized_home(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    language = (get_language() or "fi").split("-")[0]
    try:
        locale = Locale.objects.get(language_code=language)
    except Locale.DoesNotExist:
        return root
    if root.locale_id == locale.pk:
        return root
    return root.get_translation_or_none(locale) or root


def _navigation(request):
    home = _localized_home(request)
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth", "locale_id"))


def site_navigation(request):
    # Lazy: pages that never print the menu (feeds, JSON) never pay for its queries.
    return {
        "nav_home": SimpleLazyObject(lambda: _localized_home(request)),
        "nav_items": SimpleLazyObject(lambda: _navigation(request)),
    }
