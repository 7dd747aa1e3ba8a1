"""The public address of the site, from the environment (SITE_URL).

Wagtail builds absolute links (get_full_url: e-mails, .ics, feeds, JSON-LD, the API)
from the default Site's hostname and port. A Site left at "localhost:80" makes every
such link point to http://localhost/; ``configure_site`` writes SITE_URL into the
Site (``manage.py configure_site``, the demo loader, ``make run``), so the links are
right on the demo and in production alike.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def parse(url=None):
    """(hostname, port) of ``url`` (default settings.SITE_URL); ImproperlyConfigured when unusable."""
    url = url or settings.SITE_URL
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(f"SITE_URL must look like https://example.fi or http://127.0.0.1:8000, not {url!r}")
    return parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme]


def configure_site(site=None, url=None):
    """Give the default Site (or ``site``) the hostname and port of SITE_URL; returns the site.

    Wagtail derives the scheme from the port (443: https), as SITE_URL says.
    """
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = parse(url)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
    return site


def root_url():
    """The default Site's root URL (no trailing slash), e.g. https://toimintamallit.fi."""
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.SITE_URL.rstrip("/")
