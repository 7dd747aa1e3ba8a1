"""Site-wide template context: the site chrome (home link, main navigation, footer)."""

from django.utils.functional import SimpleLazyObject

from .layout import site_chrome


def site_navigation(request):
    # Lazy: pages that never print the chrome (feeds, JSON) never read it.
    return {"chrome": SimpleLazyObject(lambda: site_chrome(request))}
