"""The active language as the site uses it: Django's code without a region part."""

from django.conf import settings
from django.utils.translation import get_language


def base_language(language=None):
    """``language`` (default: the active one, else LANGUAGE_CODE) without its region: "fi"."""
    return (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
