"""Queries behind the home page (kept out of views and models)."""

from events.queries import upcoming_occurrences
from models_library.models import PracticeModelPage


def home_page_listings(home):
    """Highlighted models and upcoming events for ``home``'s language.

    A fixed number of queries whatever the amount of content.
    """
    locale_id = home.locale_id
    highlighted_ids = list(home.highlighted_models.values_list("model_page__translation_key", flat=True))
    highlighted = list(
        PracticeModelPage.objects.live()
        .public()
        .filter(locale_id=locale_id, translation_key__in=highlighted_ids)
        .select_related("cover_image")
        .prefetch_related("regions")
    )
    order = {key: i for i, key in enumerate(highlighted_ids)}
    highlighted.sort(key=lambda p: order.get(p.translation_key, 0))
    return {
        "highlighted_models": highlighted,
        "upcoming_events": upcoming_occurrences(locale_id, home.upcoming_events_count),
    }
