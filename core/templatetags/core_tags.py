"""Presentation helpers every app's templates use.

``{{ text|card_text:"event_summary" }}`` cuts text to the length that kind of card shows.
The lengths are defined once here: the cards use them, and the editor guide tells editors
the same numbers (editorial/views.py).
"""

from django import template
from django.conf import settings
from django.template.defaultfilters import truncatechars

from ..languages import base_language

register = template.Library()

# Characters a listing shows of each kind of text before cutting it with "…".
CARD_LENGTHS = {"practice_model_short_description": 240, "event_summary": 200, "meta_description": 300}


@register.filter
def card_text(value, kind):
    """``value`` cut to ``CARD_LENGTHS[kind]`` characters (an unknown kind is a template bug)."""
    return truncatechars(value, CARD_LENGTHS[kind])


@register.simple_tag
def ui_language():
    """The language the interface text is really in: the active language when it has a full
    catalogue (settings.UI_LANGUAGES), else Finnish, which gettext falls back to (the Sámi
    catalogues hold only date vocabulary). Marks chrome as lang="fi" under /se/ URLs."""
    language = base_language()
    return language if language in settings.UI_LANGUAGES else settings.LANGUAGE_CODE
