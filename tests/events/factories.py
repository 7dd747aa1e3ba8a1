"""Factories and helpers for event tests: published events below the calendar."""

import datetime
from zoneinfo import ZoneInfo

from wagtail.models import Locale

from events.models import EventPage

HELSINKI = ZoneInfo("Europe/Helsinki")


def local(*args):
    """An aware datetime in Finnish time, e.g. local(2026, 3, 29, 10)."""
    return datetime.datetime(*args, tzinfo=HELSINKI)


def publish_event(parent, m2m=None, **fields):
    """Create an EventPage below ``parent`` and publish it (occurrences are generated)."""
    defaults = {
        "title": "Työpaja",
        "summary": "Tiivistelmä.",
        "start": local(2026, 3, 10, 9),
        "end": local(2026, 3, 10, 12),
        "locale": Locale.objects.get(language_code="fi"),
    }
    defaults.update(fields)
    if "slug" not in defaults:
        defaults["slug"] = f"event-{EventPage.objects.count() + 1}"
    page = EventPage(**defaults)
    parent.add_child(instance=page)
    for name, values in (m2m or {}).items():
        getattr(page, name).set(values)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
