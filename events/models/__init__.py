"""Event calendar models: pages, explicit occurrences, languages and registrations."""

from .languages import EventLanguage
from .occurrences import EventOccurrence, EventOccurrenceQuerySet
from .pages import EventIndexPage, EventPage
from .registrations import Registration

__all__ = [
    "EventIndexPage",
    "EventLanguage",
    "EventOccurrence",
    "EventOccurrenceQuerySet",
    "EventPage",
    "Registration",
]
