"""Where municipalities are and which municipality a postal code belongs to.

The data ships with the code (events/data/, sources and licences in its README): two
small CSV files read once per process. Distances are great-circle (haversine) distances
on a sphere of the Earth's mean radius: accurate to about 0.5 %, plenty for "near me".
"""

import csv
import math
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
KM_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_KM / 180


@lru_cache(maxsize=1)
def municipality_centres():
    """{municipality code: (latitude, longitude)} for all 308 municipalities."""
    with open(DATA / "municipality_centres.csv", newline="", encoding="utf-8") as handle:
        return {row["code"]: (float(row["latitude"]), float(row["longitude"])) for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def postal_codes():
    """{postal code: municipality code} (Posti's postal code file)."""
    with open(DATA / "postal_codes.csv", newline="", encoding="utf-8") as handle:
        return {row["postal_code"]: row["municipality_code"] for row in csv.DictReader(handle)}


def haversine_km(point_a, point_b):
    """Great-circle distance in kilometres between two (latitude, longitude) points."""
    lat1, lon1 = map(math.radians, point_a)
    lat2, lon2 = map(math.radians, point_b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(centre, km):
    """(min_lat, max_lat, min_lon, max_lon) that contains every point within ``km`` of ``centre``.

    A cheap SQL prefilter (two indexed ranges); the exact haversine test follows in Python.
    """
    lat, lon = centre
    dlat = km / KM_PER_DEGREE_LATITUDE
    # Longitude degrees shrink towards the pole; use the latitude nearest the pole in the box.
    polar = min(89.0, abs(lat) + dlat)
    dlon = km / (KM_PER_DEGREE_LATITUDE * math.cos(math.radians(polar)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def municipalities_within(centre, km):
    """{municipality code: distance} of the municipalities whose centre is within ``km``."""
    found = {}
    for code, point in municipality_centres().items():
        distance = haversine_km(centre, point)
        if distance <= km:
            found[code] = distance
    return found
