"""Questions other apps ask the calendar: "what is coming up?"

The home page and the practice-model page show upcoming events through these functions
(the model page through the ``upcoming_events_for`` template tag), so the rule for what is
upcoming lives here once: published, public events of the language, by their next
not-yet-ended date, each event once, a recurring series under its next date.
"""

from django.utils import timezone

from .models import EventOccurrence, EventPage

# Rows read per event wanted: a series contributes several upcoming dates before the next
# event's first one; this keeps the answer to one bounded query.
ROWS_PER_EVENT = 8


def upcoming_occurrences(locale_id, count, *, model_translation_key=None, event_types=None, now=None):
    """The next occurrence of each of the next ``count`` events, soonest first. One query.

    ``model_translation_key``: only events linked to that practice model (in any of its
    languages: events link to one language version, synchronised across translations).
    ``event_types``: only events of these types (e.g. trainings and workshops).

    The dates are chosen in a subquery of ids and the rows a listing shows are read by id:
    one flat query joining a dozen tables took PostgreSQL 12-20 ms to *plan* for well under
    1 ms of execution (10 000 models); this shape plans in ~4-6 ms.
    """
    if count <= 0:
        return []
    occurrences = EventOccurrence.objects.visible().filter(event__locale_id=locale_id)
    if model_translation_key is not None:
        # A semi-join on the link table: cheaper to plan than joining the model pages.
        links = EventPage.related_models.through.objects.filter(
            practicemodelpage__translation_key=model_translation_key
        )
        occurrences = occurrences.filter(event_id__in=links.values("eventpage_id"))
    if event_types:
        occurrences = occurrences.filter(event__event_type__in=event_types)
    chosen = occurrences.upcoming(now or timezone.now()).values("pk")[: count * ROWS_PER_EVENT]
    rows = EventOccurrence.objects.filter(pk__in=chosen).for_listing().order_by("start", "pk")
    found, seen = [], set()
    for occurrence in rows:
        if occurrence.event_id in seen:
            continue
        seen.add(occurrence.event_id)
        found.append(occurrence)
        if len(found) == count:
            break
    return found
