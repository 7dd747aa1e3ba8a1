"""Event calendar models: pages, explicit occurrences, languages and registrations."""

from .languages import EventLanguage
from .occurrences import EventOccurrence, EventOccurrenceQuerySet
from .pages import EventIndexPage, EventPage
from .places import Place
from .registrations import Registration

__all__ = [
    "EventIndexPage",
    "EventLanguage",
    "EventOccurrence",
    "EventOccurrenceQuerySet",
    "EventPage",
    "Place",
    "Registration",
]
