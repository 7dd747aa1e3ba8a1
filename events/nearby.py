""" "Near me": events within a distance of a municipality or a postal code.

``near`` is a postal code (five digits), a municipality code (three digits) or a
municipality's name in any language; ``km`` the radius (default 50). The SQL part is a
bounding box on the place's coordinates (or, for places and events without coordinates,
the list of municipalities whose centre is in range), so the query count and cost stay
constant; exact haversine distances are computed for the rows found.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from models_library.models import Municipality

from .geodata import bounding_box, haversine_km, municipalities_within, municipality_centres, postal_codes
from .places import event_point

DEFAULT_KM = 50
MAX_KM = 1200  # from Hanko to Utsjoki and some
MAX_NEAR_LENGTH = 60
# Rows sorted by distance in Python at most (a bounding box of 1 200 km holds all Finland).
MAX_NEAR_OCCURRENCES = 1000
NEAR_PARAMS = ("near", "km", "online")


@dataclass
class Near:
    query: str  # what the visitor typed, normalised
    municipality_code: str
    label: str  # "00100 (Helsinki)" or "Kemijärvi"
    centre: tuple
    km: int
    include_online: bool

    def distance_to(self, point):
        return haversine_km(self.centre, point[:2])


def _municipality_for(value):
    """Municipality code for a postal code, a municipality code or a name (any language)."""
    if value.isdigit() and len(value) == 5:
        return postal_codes().get(value)
    if value.isdigit() and len(value) <= 3:
        code = value.zfill(3)
        return code if code in municipality_centres() else None
    folded = value.casefold()
    for municipality in Municipality.objects.filter(
        Q(name_fi__iexact=value) | Q(name_sv__iexact=value) | Q(name_en__iexact=value) | Q(name_se__iexact=value)
    ).only("code", "name_fi", "name_sv", "name_en", "name_se")[:1]:
        if folded in {
            (n or "").casefold()
            for n in (municipality.name_fi, municipality.name_sv, municipality.name_en, municipality.name_se)
        }:
            return municipality.code
    return None


def parse_near(params):
    """(Near or None, messages). Bad values give a message, never an error page."""
    raw = (params.get("near") or "").strip()[:MAX_NEAR_LENGTH]
    if not raw:
        return None, []
    messages = []
    km = DEFAULT_KM
    raw_km = (params.get("km") or "").strip()[:10]
    if raw_km:
        try:
            km = int(float(raw_km.replace(",", ".")))
        except (ValueError, OverflowError):  # "abc", "1e309"
            km = None
        if km is None or not 1 <= km <= MAX_KM:
            messages.append(
                _(
                    "“%(value)s” is not a distance we can use (a whole number of kilometres from 1 to %(max)s). "
                    "Showing %(default)s km instead."
                )
                % {"value": raw_km, "max": MAX_KM, "default": DEFAULT_KM}
            )
            km = DEFAULT_KM
    code = _municipality_for(raw)
    if code is None or code not in municipality_centres():
        messages.append(
            _(
                "We do not know the place “%(value)s”. Give a postal code (e.g. 98100), a municipality "
                "code (e.g. 320) or a municipality's name. Showing events everywhere."
            )
            % {"value": raw}
        )
        return None, messages
    municipality = Municipality.objects.filter(code=code).first()
    name = municipality.name if municipality else code
    label = f"{raw} ({name})" if raw.isdigit() and len(raw) == 5 else name
    near = Near(
        query=raw,
        municipality_code=code,
        label=label,
        centre=municipality_centres()[code],
        km=km,
        include_online=params.get("online") in ("1", "on", "true"),
    )
    return near, messages


def within_q(near, prefix=""):
    """Q on events (``prefix`` = path to the event) for the bounding box around ``near``."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(near.centre, near.km)
    codes = sorted(municipalities_within(near.centre, near.km))
    exact = Q(
        **{
            f"{prefix}place__latitude__gte": min_lat,
            f"{prefix}place__latitude__lte": max_lat,
            f"{prefix}place__longitude__gte": min_lon,
            f"{prefix}place__longitude__lte": max_lon,
        }
    )
    # No coordinates of their own: the municipality's centre stands for the place.
    by_municipality = Q(**{f"{prefix}place__latitude__isnull": True, f"{prefix}municipality__code__in": codes})
    located = Q(**{f"{prefix}attendance__in": ("in_person", "hybrid")}) & ~Q(**{f"{prefix}status": "moved_online"})
    q = located & (exact | by_municipality)
    if near.include_online:
        q |= Q(**{f"{prefix}attendance__in": ("online", "hybrid")}) | Q(**{f"{prefix}status": "moved_online"})
    return q


def filter_events(events, near):
    return events.filter(within_q(near))


def by_distance(occurrences, near):
    """The occurrences within ``near.km``, nearest first (then by date); online ones last.

    Each occurrence gets ``distance_km`` (None for an online event).
    """
    found = []
    for occurrence in occurrences:
        point = event_point(occurrence.event)
        if point is None:
            occurrence.distance_km = None
            if near.include_online:
                found.append(occurrence)
            continue
        occurrence.distance_km = near.distance_to(point)
        if occurrence.distance_km <= near.km:
            found.append(occurrence)
        elif near.include_online and occurrence.event.is_online:
            occurrence.distance_km = None
            found.append(occurrence)
    far = float("inf")
    found.sort(key=lambda o: (far if o.distance_km is None else round(o.distance_km), o.start, o.pk))
    return found
