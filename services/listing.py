"""The service listing: facets, "near me", "open now / this week", sorting and suggestions.

One query builds everything a view shows (the list, the map, the printable list and the
CSV export), so they always agree. The number of SQL queries is fixed whatever the number
of services: one for all facet counts, one per vocabulary for its labels, the count, the
rows and one prefetch per relation shown.

"Near me" reuses the calendar's parsing and geodata (events/nearby.py, events/geodata.py):
a bounding box in SQL, exact distances in Python for at most MAX_NEAR_ROWS rows.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.facets import FacetedQuery
from events import nearby
from events.geodata import bounding_box, haversine_km, municipalities_within, municipality_centres
from events.places import place_point
from models_library.models import Municipality

from . import schedule
from .facets import service_facets
from .models import ServicePage

MAX_NEAR_ROWS = 1000
NEIGHBOUR_KM = 150
PER_SUGGESTION = 3
OPEN_CHOICES = {"now": gettext_lazy("Open now"), "week": gettext_lazy("Open this week")}
FACET_NAMES = {facet.name for facet in service_facets()}
EXTRA_PARAMS = ("open", *nearby.NEAR_PARAMS)


def services_below(index_page):
    """Live, public services below ``index_page``, in its language."""
    return ServicePage.objects.live().public().descendant_of(index_page).filter(locale_id=index_page.locale_id)


def for_listing(queryset):
    """What cards, the map, the print view and the CSV read: a fixed number of queries."""
    return queryset.select_related("provider").prefetch_related(
        "places__municipality", "municipalities", "regions", "languages", "access_methods", "opening_hours"
    )


def near_q(near, prefix=""):
    """Q on services around ``near``: a place in the bounding box (or, without coordinates,
    in a municipality whose centre is in range), a whole municipality or region covering the
    area, and with ``near.include_online`` the services available online or by phone."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(near.centre, near.km)
    codes = sorted(municipalities_within(near.centre, near.km))
    at_place = Q(
        places__latitude__gte=min_lat,
        places__latitude__lte=max_lat,
        places__longitude__gte=min_lon,
        places__longitude__lte=max_lon,
    ) | Q(places__latitude__isnull=True, places__municipality__code__in=codes)
    covering = Q(municipalities__code__in=codes) | Q(regions__municipalities__code=near.municipality_code)
    ids = ServicePage.objects.filter(at_place | covering).values("pk")
    q = Q(pk__in=ids)
    if near.include_online:
        q |= Q(online=True) | Q(by_phone=True)
    return q


def distance_to(service, near, region_id=None):
    """Kilometres from ``near`` to the nearest place of ``service`` (0 when a whole region or
    municipality it covers contains the point); None for a service only online or by phone."""
    distances = []
    for place in service.places.all():
        point = place_point(place)
        if point:
            distances.append(near.distance_to(point))
    centres = municipality_centres()
    for municipality in service.municipalities.all():
        if municipality.code == near.municipality_code:
            distances.append(0.0)
        elif municipality.code in centres:
            distances.append(haversine_km(near.centre, centres[municipality.code]))
    if region_id is not None and any(region.pk == region_id for region in service.regions.all()):
        distances.append(0.0)
    return min(distances) if distances else None


def by_distance(services, near):
    """``services`` within ``near.km``, nearest first; online/phone-only ones last."""
    found = []
    region_id = Municipality.objects.filter(code=near.municipality_code).values_list("region_id", flat=True).first()
    for service in services:
        service.distance_km = distance_to(service, near, region_id)
        if service.distance_km is None or service.distance_km > near.km:
            if near.include_online and (service.online or service.by_phone):
                service.distance_km = None
                found.append(service)
            continue
        found.append(service)
    far = float("inf")
    found.sort(key=lambda s: (far if s.distance_km is None else round(s.distance_km), s.title, s.pk))
    return found


@dataclass
class Suggestion:
    kind: str
    sentence: str
    services: list = field(default_factory=list)


class ServiceQuery:
    """Everything a listing view needs, from the GET parameters."""

    def __init__(self, index_page, params, now=None):
        self.index_page = index_page
        self.params = params
        self.now = now or timezone.now()
        self.messages = []
        base = services_below(index_page)
        self.open = (params.get("open") or "").strip()[:10]
        if self.open == "now":
            base = base.filter(schedule.open_at_q(self.now))
        elif self.open == "week":
            base = base.filter(schedule.open_this_week_q(self.now))
        elif self.open:
            self.messages.append(_("“%(value)s” is not an opening-time filter; it was ignored.") % {"value": self.open})
            self.open = ""
        self.near, near_messages = nearby.parse_near(params)
        self.messages.extend(near_messages)
        if self.near is not None:
            base = base.filter(near_q(self.near))
        self.base = base
        self.faceted = FacetedQuery(base, service_facets(), params)
        self.messages.extend(self.faceted.messages)

    @property
    def searched(self):
        return self.faceted.active or bool(self.open) or self.near is not None

    def services(self, limit=MAX_NEAR_ROWS):
        """The filtered services in display order: nearest first near a place, else by name."""
        rows = for_listing(self.faceted.queryset().order_by("title", "pk"))
        if self.near is not None:
            return by_distance(list(rows[:limit]), self.near)
        return rows

    def filter_params(self):
        """Only the filter parameters (for links between the list, map, print and CSV)."""
        params = self.params.copy()
        for key in list(params.keys()):
            if key not in FACET_NAMES and key not in EXTRA_PARAMS:
                params.pop(key)
        return params

    def suggestions(self):
        """When nothing matches: the nearest services with the same facets, then services
        available online or by phone. Two queries at most, each bounded."""
        out = []
        centre_code, centre = None, None
        if self.near is not None:
            centre_code, centre = self.near.municipality_code, self.near.centre
        else:
            for code in self.faceted.selected.get("municipality") or []:
                if code in municipality_centres():
                    centre_code, centre = code, municipality_centres()[code]
                    break
        everywhere = services_below(self.index_page)
        if centre is not None:
            near = nearby.Near("", centre_code, "", centre, NEIGHBOUR_KM, include_online=False)
            selected = {k: v for k, v in self.faceted.selected.items() if k != "municipality"}
            query = FacetedQuery(everywhere.filter(near_q(near)), service_facets(), _Params(selected))
            rows = by_distance(list(for_listing(query.queryset().order_by("title", "pk"))[:MAX_NEAR_ROWS]), near)
            if rows:
                out.append(
                    Suggestion(
                        "nearest",
                        _("Services matching your other choices within %(km)s km, nearest first:")
                        % {"km": NEIGHBOUR_KM},
                        rows[:PER_SUGGESTION],
                    )
                )
        remote = list(
            for_listing(everywhere.filter(Q(online=True) | Q(by_phone=True)).order_by("title", "pk"))[:PER_SUGGESTION]
        )
        if remote:
            out.append(Suggestion("remote", _("Services you can use online or by phone, wherever you are:"), remote))
        return out


class _Params(dict):
    """A dict of lists that answers getlist() like a QueryDict."""

    def getlist(self, key):
        return list(self.get(key) or [])
