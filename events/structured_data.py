"""schema.org Event JSON-LD for event pages (rendered with json_script-style escaping)."""

import json

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .places import event_point
from .recurrence import local_zone

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "moved_online": "https://schema.org/EventMovedOnline",
}
ATTENDANCE_MODE = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}
# Same escapes as django.utils.html.json_script: the JSON can never close the element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _when(event, value):
    value = timezone.localtime(value, local_zone())
    return value.date().isoformat() if event.all_day else value.isoformat()


def place_json_ld(event):
    """schema.org Place of an event's chosen place: postal address and coordinates."""
    place = event.place
    address = {"@type": "PostalAddress", "addressCountry": "FI", "addressLocality": place.municipality.name}
    if place.street_address:
        address["streetAddress"] = place.street_address
    if place.postal_code:
        address["postalCode"] = place.postal_code
    if event.region_id:
        address["addressRegion"] = event.region.name
    data = {"@type": "Place", "name": place.name, "address": address}
    point = event_point(event)
    if point:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": round(point[0], 5), "longitude": round(point[1], 5)}
    return data


def event_json_ld(event, request, occurrence=None):
    """The schema.org Event of ``event`` (its next date when it repeats)."""
    start = occurrence.start if occurrence else event.start
    end = occurrence.end if occurrence else event.end
    attendance = "online" if event.status == "moved_online" else event.attendance
    places = []
    if attendance in ("in_person", "hybrid") and event.place_id:
        places.append(place_json_ld(event))
    elif attendance in ("in_person", "hybrid"):
        address = {"@type": "PostalAddress", "addressCountry": "FI"}
        if event.street_address:
            address["streetAddress"] = event.street_address
        if event.municipality_id:
            address["addressLocality"] = event.municipality.name
        if event.region_id:
            address["addressRegion"] = event.region.name
        places.append(
            {"@type": "Place", "name": event.venue_name or address.get("addressLocality", ""), "address": address}
        )
    if attendance in ("online", "hybrid"):
        places.append({"@type": "VirtualLocation", "url": event.public_join_url or event.get_full_url(request)})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": event.get_full_url(request),
        "startDate": _when(event, start),
        "endDate": _when(event, end),
        "eventStatus": EVENT_STATUS.get(event.status, EVENT_STATUS["scheduled"]),
        "eventAttendanceMode": ATTENDANCE_MODE.get(attendance, ATTENDANCE_MODE["in_person"]),
        "location": places[0] if len(places) == 1 else places,
        "inLanguage": [language.code for language in event.event_languages.all()] or [event.locale.language_code],
        "offers": {
            "@type": "Offer",
            "price": str(event.price or 0),
            "priceCurrency": "EUR",
            "url": event.external_registration_url or event.get_full_url(request),
            "availability": "https://schema.org/InStock",
        },
    }
    if event.organiser_id:
        data["organizer"] = {"@type": "Organization", "name": event.organiser.name}
    if event.is_free:
        data["isAccessibleForFree"] = True
    return data


def json_ld_script(data):
    """<script type="application/ld+json"> with the JSON escaped like json_script()."""
    payload = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
