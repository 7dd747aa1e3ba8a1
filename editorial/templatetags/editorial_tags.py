"""Presentation helpers for editorial metadata on public pages.

Usage in a practice-model template::

    {% load editorial_tags %}
    {% last_reviewed page %}
"""

from django import template

from editorial.services import stale_cutoff

register = template.Library()


@register.inclusion_tag("editorial/last_reviewed.html")
def last_reviewed(page):
    """ "Last reviewed: 3.2.2026", flagged when older than FRESHNESS_MONTHS months."""
    reviewed = getattr(page, "last_reviewed", None)
    return {"reviewed": reviewed, "stale": bool(reviewed and reviewed < stale_cutoff())}
