"""Template tags other pages use to show events (e.g. a practice model's upcoming events)."""

from django import template
from django.utils import timezone
from wagtail.models import Locale

from events.models import EventOccurrence

register = template.Library()


@register.inclusion_tag("events/includes/upcoming_for_model.html", takes_context=True)
def upcoming_events_for(context, model_page, limit=5):
    """Upcoming dates of events linked to ``model_page`` (any translation), in the active language.

    Two queries whatever the number of events.
    """
    occurrences = list(
        EventOccurrence.objects.visible()
        .filter(event__locale=Locale.get_active(), event__related_models__translation_key=model_page.translation_key)
        .upcoming(timezone.now())
        .for_listing()
        .distinct()[:limit]
    )
    return {"occurrences": occurrences, "request": context.get("request")}
