"""Template tags for places: an event's address with its map, the map's settings."""

from django import template

from ..places import event_address, event_point, map_link, map_settings

register = template.Library()


@register.inclusion_tag("events/includes/place.html")
def event_place(event):
    """The venue of ``event``: name, address, accessibility, directions, map and map link."""
    point = event_point(event)
    name, address = event_address(event)
    markers = [{"lat": round(point[0], 5), "lon": round(point[1], 5), "title": name}] if point else []
    return {
        "event": event,
        "place": event.place if event.place_id else None,
        "name": name,
        "address": address,
        "point": point,
        "map_link": map_link(point),
        "map": map_settings(),
        "markers": markers,
        "markers_id": f"event-map-markers-{event.pk}",
    }


@register.simple_tag
def map_config():
    return map_settings()
