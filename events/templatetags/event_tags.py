"""Template tags other pages use to show events (e.g. a practice model's upcoming events)."""

from django import template

from ..models import EventPage
from ..queries import upcoming_occurrences

register = template.Library()


@register.inclusion_tag("events/includes/upcoming_for_model.html", takes_context=True)
def upcoming_events_for(context, model_page, limit=10):
    """Upcoming events linked to ``model_page`` (any translation), in the page's language.

    One query whatever the number of events.
    """
    occurrences = upcoming_occurrences(model_page.locale_id, limit, model_translation_key=model_page.translation_key)
    return {"occurrences": occurrences, "request": context.get("request")}


# The calendar's events that teach a model: shown in the model's adoption kit.
TRAINING_TYPES = (EventPage.EventType.TRAINING, EventPage.EventType.WORKSHOP, EventPage.EventType.WEBINAR)


@register.inclusion_tag("events/includes/trainings_for_model.html", takes_context=True)
def upcoming_trainings_for(context, model_page, limit=5):
    """Upcoming trainings, workshops and webinars linked to ``model_page``. One query."""
    occurrences = upcoming_occurrences(
        model_page.locale_id, limit, model_translation_key=model_page.translation_key, event_types=TRAINING_TYPES
    )
    return {"occurrences": occurrences, "request": context.get("request")}
