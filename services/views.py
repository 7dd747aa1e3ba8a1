"""Views of the service tray: the list, the map, the printable list and the CSV export.

All four run the same ServiceQuery (services/listing.py) with the same parameters, so the
printed list or the spreadsheet a counsellor hands over is what the visitor filtered.
"""

import csv

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from core.pagination import paginate
from events import nearby
from events.places import map_link, map_settings, place_point
from models_library.csv_export import safe_cell
from models_library.models import Municipality

from .listing import OPEN_CHOICES, ServiceQuery

PAGE_SIZE = 20
MAX_MAP_SERVICES = 500
MAX_PRINT_SERVICES = 500
MAX_EXPORT_SERVICES = 5000
TEMPLATES = {
    "list": "services/service_index_page.html",
    "map": "services/service_map.html",
    "print": "services/service_print.html",
}


def subpage_url(index_page, request, name, params=None):
    url = index_page.get_url(request) + index_page.reverse_subpage(name)
    query = params.urlencode() if params is not None else ""
    return f"{url}?{query}" if query else url


def _without(params, names):
    params = params.copy()
    for name in names:
        params.pop(name, None)
    return params


def map_places(services):
    """[(marker dict, place, [services])] one marker per place, and the services without one."""
    places, unplaced = {}, []
    for service in services:
        found = False
        for place in service.places.all():
            point = place_point(place)
            if point is None:
                continue
            found = True
            key = place.pk if point[2] else f"{point[0]:.5f},{point[1]:.5f}"
            entry = places.setdefault(
                key,
                {
                    "name": place.name if point[2] else place.municipality.name,
                    "address": ", ".join(p for p in (place.street_address, place.postal_line) if p) if point[2] else "",
                    "point": point,
                    "link": map_link(point),
                    "services": [],
                },
            )
            if service not in entry["services"]:
                entry["services"].append(service)
        if not found:
            unplaced.append(service)
    out = list(places.values())
    for index, entry in enumerate(out, 1):
        entry["marker"] = {
            "lat": round(entry["point"][0], 5),
            "lon": round(entry["point"][1], 5),
            "title": entry["name"],
            "target": f"map-place-{index}",
        }
    return out, unplaced


def _municipalities(index_page):
    rows = Municipality.objects.order_by("name_fi").only("code", "name_fi", "name_sv", "name_en", "name_se")
    return rows.filter(region_id=index_page.region_id) if index_page.region_id else rows


def listing_context(request, index_page, query, mode):
    params = query.filter_params()
    return {
        "mode": mode,
        "notices": query.messages,
        "facets": query.faceted.facet_results(),
        "active_filters": query.faceted.active_filters(),
        "filters_active": query.searched,
        "keep": {name: params.get(name) for name in ("open",) if params.get(name)},
        "clear_url": subpage_url(index_page, request, "map" if mode == "map" else "listing"),
        "list_url": subpage_url(index_page, request, "listing", params),
        "map_url": subpage_url(index_page, request, "map", params),
        "print_url": subpage_url(index_page, request, "print", params),
        "export_url": subpage_url(index_page, request, "export", params),
        "open_choices": [
            {"code": code, "label": label, "current": query.open == code} for code, label in OPEN_CHOICES.items()
        ],
        "open_keep": _without(params, ("open", "page")),
        "near": query.near,
        "near_value": (request.GET.get("near") or "")[: nearby.MAX_NEAR_LENGTH],
        "near_km": query.near.km if query.near else nearby.DEFAULT_KM,
        "near_online": query.near.include_online if query.near else False,
        "near_keep": _without(params, (*nearby.NEAR_PARAMS, "page")),
        "all_municipalities": _municipalities(index_page),
    }


def listing_view(request, index_page, mode):
    query = ServiceQuery(index_page, request.GET)
    context = index_page.get_context(request)
    context.update(listing_context(request, index_page, query, mode))
    if mode == "list":
        page = paginate(request, query.services(), getattr(settings, "SERVICES_PAGE_SIZE", PAGE_SIZE))
        context["page_obj"] = page
        context["services"] = page
        count = page.paginator.count
    else:
        limit = MAX_MAP_SERVICES if mode == "map" else MAX_PRINT_SERVICES
        rows = list(query.services()[:limit])
        context["services"] = rows
        context["truncated"] = len(rows) >= limit
        count = len(rows)
        if mode == "map":
            places, unplaced = map_places(rows)
            context.update(
                map_places=places, unplaced=unplaced, markers=[p["marker"] for p in places], map=map_settings()
            )
    context["count"] = count
    context["suggestions"] = query.suggestions() if count == 0 and query.searched else []
    response = TemplateResponse(request, TEMPLATES[mode], context)
    if query.open:
        # "Open now / this week" depends on the clock: never from the shared page cache.
        patch_cache_control(response, no_cache=True, max_age=0)
    return response


def _names(items):
    return "; ".join(item.name for item in items)


def csv_view(request, index_page):
    """The filtered list as CSV (formula-safe cells; UTF-8 with BOM for spreadsheets)."""
    query = ServiceQuery(index_page, request.GET)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="services.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Name"),
            _("Provider"),
            _("Summary"),
            _("Places"),
            _("Whole municipalities"),
            _("Online"),
            _("By phone"),
            _("Opening hours"),
            _("Cost"),
            _("Languages served"),
            _("How to get in"),
            _("Phone"),
            _("E-mail"),
            _("Web address"),
            _("Last checked"),
            _("Address"),
        ]
    )
    for service in list(query.services()[:MAX_EXPORT_SERVICES]):
        hours = "; ".join(
            f"{row.get_weekday_display()} {row.opens:%H:%M}–{row.closes:%H:%M}" for row in service.opening_hours.all()
        )
        if service.by_appointment:
            hours = "; ".join(filter(None, [hours, _("By appointment")]))
        cost = service.get_cost_display() + (f" ({service.fee_text})" if service.fee_text else "")
        writer.writerow(
            [
                safe_cell(value)
                for value in (
                    service.title,
                    service.provider.name if service.provider else "",
                    service.summary,
                    _names(service.places.all()),
                    _names(service.municipalities.all()),
                    _("yes") if service.online else "",
                    _("yes") if service.by_phone else "",
                    hours,
                    cost,
                    _names(service.languages.all()),
                    _names(service.access_methods.all()),
                    service.contact_phone,
                    service.contact_email,
                    service.contact_url,
                    service.last_checked.isoformat() if service.last_checked else "",
                    service.get_full_url(request) or "",
                )
            ]
        )
    return response
