"""Where an event is: its place's point, address lines, map links and map markers.

The point of a place is its own coordinates, else its municipality's centre (a place
without coordinates still appears on the map, at the municipality's town). The map itself
is drawn by static/js/places-map.js (Leaflet); everything here also works without it.
"""

from dataclasses import dataclass, field

from django.conf import settings

from .geodata import municipality_centres

# Markers drawn on the calendar's map view at most (the list beside it pages normally).
MAX_MAP_OCCURRENCES = 500


def place_point(place):
    """(latitude, longitude, exact) of a place, or None when neither it nor its municipality has one."""
    if place is None:
        return None
    if place.latitude is not None and place.longitude is not None:
        return float(place.latitude), float(place.longitude), True
    centre = municipality_centres().get(place.municipality.code) if place.municipality_id else None
    return (centre[0], centre[1], False) if centre else None


def event_point(event):
    """The point of an event: its place's, else its municipality's centre; None online-only."""
    if not event.has_place:
        return None
    point = place_point(event.place) if event.place_id else None
    if point is None and event.municipality_id:
        centre = municipality_centres().get(event.municipality.code)
        point = (centre[0], centre[1], False) if centre else None
    return point


def map_link(point):
    """A link to the point in an external map service (EVENTS_MAP_LINK_URL)."""
    if not point or not settings.EVENTS_MAP_LINK_URL:
        return ""
    return settings.EVENTS_MAP_LINK_URL.format(lat=f"{point[0]:.5f}", lon=f"{point[1]:.5f}")


def map_settings():
    """What places-map.js needs: the tile server and its attribution (empty: no map)."""
    return {"tiles": settings.EVENTS_MAP_TILE_URL, "attribution": settings.EVENTS_MAP_ATTRIBUTION}


@dataclass
class MapPlace:
    """One marker: a place (or municipality centre) and the dates held there."""

    key: str
    name: str
    address: str
    point: tuple
    exact: bool
    occurrences: list = field(default_factory=list)

    @property
    def link(self):
        return map_link(self.point)

    def marker(self, index):
        return {
            "lat": round(self.point[0], 5),
            "lon": round(self.point[1], 5),
            "title": self.name,
            "target": f"map-place-{index}",
        }


def event_address(event):
    """(name, address) of an event's place in the active language."""
    if event.place_id:
        place = event.place
        return place.name, ", ".join(part for part in (place.street_address, place.postal_line) if part)
    municipality = event.municipality.name if event.municipality_id else ""
    address = ", ".join(part for part in (event.street_address, municipality) if part)
    return event.venue_name or municipality, address


def map_places(occurrences):
    """Group occurrences by where they take place; those without any point are returned apart."""
    places, unplaced = {}, []
    for occurrence in occurrences:
        event = occurrence.event
        point = event_point(event)
        if point is None:
            unplaced.append(occurrence)
            continue
        # A place of its own: one marker per place. At a municipality's centre: one marker
        # for the municipality (markers on the same spot overlap: axe target-size).
        exact = point[2]
        key = f"place-{event.place_id}" if exact else f"{point[0]:.5f},{point[1]:.5f}"
        if key not in places:
            name, address = event_address(event)
            if not exact:
                municipality = event.place.municipality if event.place_id else event.municipality
                name, address = municipality.name, ""
            places[key] = MapPlace(key=key, name=name, address=address, point=point[:2], exact=point[2])
        places[key].occurrences.append(occurrence)
    return list(places.values()), unplaced
