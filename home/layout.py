"""The site chrome every page prints: home link, main navigation and footer links.

They depend only on the site, the language and published content, never on the visitor,
so they are built once and kept in Django's cache (``CACHE_URL``: Redis in production)
under the page cache's publish *generation* (``core/pagecache.py``): any publish,
unpublish, move, delete, or change to the site settings starts a new generation, so the
next request rebuilds them. Building them took ~10 queries per page (the localized home
page twice, the menu, the settings, each footer link's translation); a hit takes two
cache reads. Plain dicts and strings only: cheap to pickle, nothing lazy in them.
``CHROME_CACHE_SECONDS`` (default 3600; 0 = build on every request, as the tests do) only
bounds how long an entry may live; the generation is what makes it correct.
"""

from django.conf import settings
from wagtail.models import Locale, Site

from core.languages import base_language
from core.pagecache import current_generation, page_cache

from .models import PortalSettings


def localized_home(site, language):
    root = site.root_page
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or root.locale_id == locale.pk:
        return root
    return root.get_translation_or_none(locale) or root


def build_chrome(request, site, language):
    if site is None:
        return {"home_url": "/", "nav_items": [], "footer": {}}
    home = localized_home(site, language)
    menu = home.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth", "locale_id")
    nav_items = [
        {"pk": item.pk, "title": item.title, "url": item.get_url(request), "path": item.path, "depth": item.depth}
        for item in menu
    ]
    portal_settings = PortalSettings.for_site(site)
    footer = {
        "contact_email": portal_settings.contact_email,
        "accessibility_feedback_email": portal_settings.accessibility_feedback_email,
    }
    for name in ("accessibility_statement", "privacy_notice"):
        page = getattr(portal_settings, name)
        footer[f"{name}_url"] = page.localized.get_url(request) if page is not None else ""
    return {"home_url": home.get_url(request) or "/", "nav_items": nav_items, "footer": footer}


def site_chrome(request):
    site = Site.find_for_request(request)
    language = base_language()
    seconds = int(getattr(settings, "CHROME_CACHE_SECONDS", 0) or 0)
    if seconds <= 0:
        return build_chrome(request, site, language)
    generation = current_generation()
    if generation is None:  # the cache is unavailable
        return build_chrome(request, site, language)
    cache = page_cache()
    key = f"chrome:{generation}:{site.pk if site else 0}:{language}"
    chrome = cache.get(key)
    if chrome is None:
        chrome = build_chrome(request, site, language)
        cache.set(key, chrome, seconds)
    return chrome
