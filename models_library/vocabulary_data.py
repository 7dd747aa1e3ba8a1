"""Load the shipped vocabularies (CSV files in data/vocabularies/) idempotently.

Rows are matched by their stable ``code``: names are updated, nothing is deleted, so
running the loader again after editors have added their own rows is safe.
"""

import csv
from pathlib import Path

from django.db import transaction

from core.vocabulary import NAME_LANGUAGES

from .models import Funder, Municipality, Organisation, Region, TargetGroup, Theme

DATA_DIR = Path(__file__).resolve().parent / "data" / "vocabularies"

# (model, file, extra columns → field handlers), in dependency order.
FILES = [
    (Region, "regions.csv"),
    (Municipality, "municipalities.csv"),
    (TargetGroup, "target_groups.csv"),
    (Theme, "themes.csv"),
    (Funder, "funders.csv"),
    (Organisation, "organisations.csv"),
]


def _names(row):
    return {f"name_{lang}": (row.get(f"name_{lang}") or "").strip() for lang in NAME_LANGUAGES}


def _read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_vocabularies(directory=DATA_DIR):
    """Create or update every vocabulary row; returns {model name: row count}."""
    directory = Path(directory)
    regions = {}
    municipalities = {}
    counts = {}
    for model, filename in FILES:
        path = directory / filename
        if not path.exists():
            counts[model.__name__] = 0
            continue
        rows = _read(path)
        for i, row in enumerate(rows):
            code = row["code"].strip()
            defaults = _names(row)
            defaults["sort_order"] = int(row.get("sort_order") or i)
            if model is Region:
                defaults["kind"] = row.get("kind") or Region.Kind.COUNTY
            elif model is Municipality:
                defaults["region"] = regions[row["region_code"].strip()]
            elif model is Organisation:
                defaults["kind"] = row.get("kind") or Organisation.Kind.OTHER
                defaults["region"] = regions.get((row.get("region_code") or "").strip())
                defaults["municipality"] = municipalities.get((row.get("municipality_code") or "").strip())
            obj, _created = model.objects.update_or_create(code=code, defaults=defaults)
            if model is Region:
                regions[code] = obj
            elif model is Municipality:
                municipalities[code] = obj
        counts[model.__name__] = len(rows)
        if model is Region:
            regions.update({r.code: r for r in Region.objects.all()})
        if model is Municipality:
            municipalities.update({m.code: m for m in Municipality.objects.all()})
    return counts
