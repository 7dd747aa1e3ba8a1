"""What a service page shows beside its own fields: related models in its language, the
week's hours, open-now status, places with map links, the region's guidance contact."""

from django.utils import timezone

from events.places import map_link, place_point
from models_library.models import PracticeModelPage

from . import schedule
from .models import ServiceIndexPage
from .structured_data import json_ld_script, service_json_ld


def guidance_for(page):
    """The one-stop guidance contact of the service tray the page is in (or None)."""
    if not page.path:
        return None
    return ServiceIndexPage.objects.ancestor_of(page).first()


def service_page_context(page, request, now=None):
    now = now or timezone.now()
    keys = [model.translation_key for model in page.related_models.all()]
    places = []
    for place in page.places.all():
        point = place_point(place)
        places.append({"place": place, "link": map_link(point) if point else ""})
    upcoming_exceptions = sorted(
        (row for row in page.exceptions.all() if row.date >= schedule.local_now(now).date()), key=lambda r: r.date
    )
    return {
        "related_models": list(
            PracticeModelPage.objects.live()
            .public()
            .filter(locale_id=page.locale_id, translation_key__in=keys)
            .order_by("title")
        ),
        "week": schedule.week_rows(page),
        "upcoming_exceptions": upcoming_exceptions[:10],
        "open_now": schedule.is_open_at(page, now) if page.opening_hours.all() else None,
        # The page may come from the shared page cache (minutes old): say when it was true.
        "status_time": schedule.local_now(now),
        "service_places": places,
        "guidance": guidance_for(page),
        "stale": page.is_stale(),
        "json_ld": json_ld_script(service_json_ld(page, request)),
    }
