"""Load the shipped vocabularies (CSV files in data/vocabularies/) idempotently.

Rows are matched by their stable ``code``: names are updated, nothing is deleted, so
running the loader again after editors have added their own rows is safe.
"""

import csv
from pathlib import Path

from django.db import models, transaction
from wagtail.search.backends import get_search_backends

from core.pagecache import bump_generation
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
    """Create or update every vocabulary row; returns {model name: row count}.

    Set-based: one read of a vocabulary's rows, one insert of the new ones, one update of
    the changed ones, and their search index entries in one bulk add. Row by row
    (``update_or_create`` and the search signal per row) it was ~7 000 queries for the
    ~550 shipped rows, run again by every deploy and by the test suite's fixture.
    """
    directory = Path(directory)
    regions = {}
    municipalities = {}
    counts = {}
    changed_any = False
    for model, filename in FILES:
        path = directory / filename
        if not path.exists():
            counts[model.__name__] = 0
            continue
        rows = _read(path)
        wanted = {}
        for i, row in enumerate(rows):
            values = _names(row)
            values["sort_order"] = int(row.get("sort_order") or i)
            if model is Region:
                values["kind"] = row.get("kind") or Region.Kind.COUNTY
            elif model is Municipality:
                values["region"] = regions[row["region_code"].strip()]
            elif model is Organisation:
                values["kind"] = row.get("kind") or Organisation.Kind.OTHER
                values["region"] = regions.get((row.get("region_code") or "").strip())
                values["municipality"] = municipalities.get((row.get("municipality_code") or "").strip())
            wanted[row["code"].strip()] = values
        touched = _upsert(model, wanted)
        changed_any = changed_any or bool(touched)
        counts[model.__name__] = len(rows)
        if model is Region:
            regions = {r.code: r for r in Region.objects.all()}
        if model is Municipality:
            municipalities = {m.code: m for m in Municipality.objects.all()}
    if changed_any:
        # What a row's post_save would have done: pages show vocabulary names.
        bump_generation()
    return counts


def _upsert(model, wanted):
    """Insert the codes ``model`` lacks, update the rows whose values differ; return those rows."""
    existing = {obj.code: obj for obj in model.objects.filter(code__in=list(wanted))}
    new, changed = [], []
    fields = sorted({name for values in wanted.values() for name in values})
    for code, values in wanted.items():
        obj = existing.get(code)
        if obj is None:
            new.append(model(code=code, **values))
        elif any(_value(obj, name) != _value_of(value) for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            changed.append(obj)
    if new:
        model.objects.bulk_create(new)
        if not all(obj.pk for obj in new):  # a database without RETURNING: read the keys back
            new = list(model.objects.filter(code__in=[obj.code for obj in new]))
    if changed:
        model.objects.bulk_update(changed, fields)
    touched = new + changed
    if touched:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, touched)
    return touched


def _value(obj, name):
    field = obj._meta.get_field(name)
    return getattr(obj, field.attname)


def _value_of(value):
    return value.pk if isinstance(value, models.Model) else value
