"""The calendar's map view and the date, "near me" and suggestion parts of its list views."""

from django.template.response import TemplateResponse
from wagtail.models import Locale

from models_library.models import Municipality

from . import dates, nearby
from .calendar import CalendarQuery
from .places import MAX_MAP_OCCURRENCES, map_places, map_settings
from .suggestions import suggestions


def _url(index_page, request, name, params=None):
    url = index_page.get_url(request) + index_page.reverse_subpage(name)
    query = params.urlencode() if params is not None else ""
    return f"{url}?{query}" if query else url


def _without(params, names):
    params = params.copy()
    for name in names:
        params.pop(name, None)
    return params


def calendar_context(request, index_page, query, context):
    """Date range form with presets, "near me" form, map link and, when empty, suggestions."""
    params = query.filter_params()
    undated = _without(params, dates.DATE_PARAMS)
    presets = []
    for code, label in dates.PRESETS.items():
        preset_params = undated.copy()
        preset_params["when"] = code
        presets.append(
            {
                "label": label,
                "url": _url(index_page, request, "upcoming", preset_params),
                "current": query.dates.preset == code,
            }
        )
    if query.mode == "month":
        empty = not context.get("month_has_events")
    else:
        page_obj = context.get("page_obj")
        empty = page_obj is not None and page_obj.paginator.count == 0
    searched = query.faceted.active or query.dates.active or query.near is not None or query.mode == "month"
    return {
        "date_range": query.dates,
        "date_presets": presets,
        "date_keep": _without(params, (*dates.DATE_PARAMS, "month")),
        "near": query.near,
        "near_value": (request.GET.get("near") or "")[: nearby.MAX_NEAR_LENGTH],
        "near_km": query.near.km if query.near else nearby.DEFAULT_KM,
        "near_online": query.near.include_online if query.near else False,
        "near_keep": _without(params, (*nearby.NEAR_PARAMS, "month")),
        "all_municipalities": Municipality.objects.order_by("name_fi").only("code", "name_fi", "name_sv", "name_en"),
        "map_url": _url(index_page, request, "map", params),
        "upcoming_base_url": _url(index_page, request, "upcoming"),
        "suggestions": suggestions(query) if empty and searched else [],
    }


def calendar_map_view(request, index_page):
    """The filtered upcoming events on a map, with the same list of places beside it."""
    locale = Locale.get_active()
    query = CalendarQuery(index_page, locale, "upcoming", request.GET)
    rows = list(query.occurrences()[:MAX_MAP_OCCURRENCES])
    if query.near is not None:
        rows = nearby.by_distance(rows, query.near)
    places, unplaced = map_places(rows)
    markers = [place.marker(index) for index, place in enumerate(places, 1)]
    params = query.filter_params()
    context = index_page.get_context(request)
    context.update(
        {
            "mode": "map",
            "notices": query.messages,
            "facets": query.faceted.facet_results(),
            "active_filters": query.faceted.active_filters(),
            "filters_active": query.faceted.active,
            "keep": {},
            "clear_url": _url(index_page, request, "map"),
            "upcoming_url": _url(index_page, request, "upcoming", params),
            "month_url": _url(index_page, request, "month", params),
            "past_url": _url(index_page, request, "past", params),
            "map_url": _url(index_page, request, "map", params),
            "map_places": places,
            "unplaced": unplaced,
            "markers": markers,
            "map": map_settings(),
            "truncated": len(rows) >= MAX_MAP_OCCURRENCES,
        }
    )
    context.update(calendar_context(request, index_page, query, {"page_obj": None}))
    if not rows and "suggestions" in context and not context["suggestions"]:
        context["suggestions"] = suggestions(query)
    return TemplateResponse(request, "events/event_map.html", context)
