"""Presentation helpers every app's templates use.

``{{ text|card_text:"event_summary" }}`` cuts text to the length that kind of card shows.
The lengths are defined once here: the cards use them, and the editor guide tells editors
the same numbers (editorial/views.py).
"""

from django import template
from django.template.defaultfilters import truncatechars

register = template.Library()

# Characters a listing shows of each kind of text before cutting it with "…".
CARD_LENGTHS = {"practice_model_short_description": 240, "event_summary": 200, "meta_description": 300}


@register.filter
def card_text(value, kind):
    """``value`` cut to ``CARD_LENGTHS[kind]`` characters (an unknown kind is a template bug)."""
    return truncatechars(value, CARD_LENGTHS[kind])
