"""When the calendar finds nothing: the nearest matching events, and a sentence saying why.

An empty result never ends the journey (issue 18). Three kinds of suggestion, each one
query whatever the amount of data: the same filters on other dates, events in
neighbouring municipalities (around the chosen municipality or "near me" place) and
online events.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .geodata import municipality_centres
from .nearby import Near, by_distance, filter_events

PER_KIND = 3
NEIGHBOUR_KM = 150
ROWS_READ = 200


@dataclass
class Suggestion:
    kind: str
    sentence: str
    occurrences: list = field(default_factory=list)


def _first_per_event(rows, count=PER_KIND):
    found, seen = [], set()
    for occurrence in rows:
        if occurrence.event_id not in seen:
            seen.add(occurrence.event_id)
            found.append(occurrence)
        if len(found) == count:
            break
    return found


def _chosen_centre(query):
    if query.near is not None:
        return query.near.municipality_code, query.near.centre
    codes = query.faceted.selected.get("municipality") or []
    centres = municipality_centres()
    for code in codes:
        if code in centres:
            return code, centres[code]
    return None, None


def _in_municipality(occurrence, code):
    municipality = occurrence.event.municipality
    return municipality is not None and municipality.code == code


def suggestions(query):
    """Suggestions for an empty calendar ``query`` (CalendarQuery), in order of closeness."""
    upcoming = query.visible_occurrences.upcoming(query.now).for_listing().select_related("event__place__municipality")
    out = []
    if query.dates.active or query.mode == "month":
        rows = upcoming.filter(event_id__in=query.faceted.queryset().order_by().values("pk"))
        if query.near is not None:
            rows = by_distance(rows[:ROWS_READ], query.near)
        found = _first_per_event(rows)
        if found:
            out.append(Suggestion("dates", _("Nothing on the dates you chose, but these match on other dates:"), found))
    code, centre = _chosen_centre(query)
    if centre is not None:
        near = Near(query="", municipality_code=code, label="", centre=centre, km=NEIGHBOUR_KM, include_online=False)
        rows = upcoming.filter(event_id__in=filter_events(query.base_events, near).order_by().values("pk"))
        rows = [o for o in by_distance(rows[:ROWS_READ], near) if not _in_municipality(o, code)]
        found = _first_per_event(rows)
        if found:
            out.append(
                Suggestion(
                    "neighbours",
                    _("Events in neighbouring municipalities (up to %(km)s km away), soonest and nearest first:")
                    % {"km": NEIGHBOUR_KM},
                    found,
                )
            )
    online = _first_per_event(
        upcoming.filter(event__attendance__in=("online", "hybrid")).exclude(event__status="cancelled")[:ROWS_READ]
    )
    if online:
        out.append(Suggestion("online", _("Online events you can join from anywhere:"), online))
    return out
