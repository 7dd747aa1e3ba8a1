"""schema.org Service JSON-LD of a service page (escaped like json_script)."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events.places import place_point

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _place(place):
    address = {"@type": "PostalAddress", "addressCountry": "FI", "addressLocality": place.municipality.name}
    if place.street_address:
        address["streetAddress"] = place.street_address
    if place.postal_code:
        address["postalCode"] = place.postal_code
    data = {"@type": "Place", "name": place.name, "address": address}
    point = place_point(place)
    if point:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": round(point[0], 5), "longitude": round(point[1], 5)}
    return data


def service_json_ld(page, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "inLanguage": page.locale.language_code,
        "availableLanguage": [language.code for language in page.languages.all()],
        "isAccessibleForFree": page.cost == "free",
    }
    if page.provider_id:
        data["provider"] = {"@type": "Organization", "name": page.provider.name}
    area = [{"@type": "AdministrativeArea", "name": m.name} for m in page.municipalities.all()]
    area += [{"@type": "AdministrativeArea", "name": r.name} for r in page.regions.all()]
    if area:
        data["areaServed"] = area
    channels = []
    for place in page.places.all():
        channels.append({"@type": "ServiceChannel", "serviceLocation": _place(place)})
    if page.contact_phone or page.by_phone:
        channels.append(
            {"@type": "ServiceChannel", "servicePhone": {"@type": "ContactPoint", "telephone": page.contact_phone}}
        )
    if page.contact_url or page.online:
        channels.append({"@type": "ServiceChannel", "serviceUrl": page.contact_url or page.get_full_url(request)})
    if channels:
        data["availableChannel"] = channels
    hours = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[row.weekday]}",
            "opens": row.opens.strftime("%H:%M"),
            "closes": row.closes.strftime("%H:%M"),
        }
        for row in page.opening_hours.all()
    ]
    for row in page.exceptions.all():
        spec = {
            "@type": "OpeningHoursSpecification",
            "validFrom": row.date.isoformat(),
            "validThrough": row.date.isoformat(),
        }
        if row.closed:
            spec.update(opens="00:00", closes="00:00")
        else:
            spec.update(opens=row.opens.strftime("%H:%M"), closes=row.closes.strftime("%H:%M"))
        hours.append(spec)
    if hours:
        data["hoursAvailable"] = hours
    if page.target_groups.all():
        data["audience"] = [{"@type": "Audience", "audienceType": g.name} for g in page.target_groups.all()]
    return data


def json_ld_script(data):
    text = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
