"""The shipped vocabularies load completely, idempotently, with names in every language."""

import pytest
from django.utils import translation

from models_library.models import Municipality, Organisation, Region, TargetGroup, Theme
from models_library.vocabulary_data import load_vocabularies

pytestmark = pytest.mark.django_db


def test_regions_and_municipalities_are_complete(vocabularies):
    assert Region.objects.filter(kind=Region.Kind.COUNTY).count() == 21
    assert set(Region.objects.exclude(kind=Region.Kind.COUNTY).values_list("code", flat=True)) == {
        "helsinki",
        "ahvenanmaa",
        "national",
    }
    assert Municipality.objects.count() >= 308
    assert Municipality.objects.get(code="543").name_fi == "Nurmijärvi"
    assert Municipality.objects.get(code="320").region.code == "lappi"
    assert Municipality.objects.filter(region__code="ahvenanmaa").count() == 16
    # Every county has municipalities; Helsinki is its own region.
    for region in Region.objects.filter(kind=Region.Kind.COUNTY):
        assert region.municipalities.exists(), region.code


def test_every_row_has_swedish_and_english_names(vocabularies):
    for model in (Region, Municipality, TargetGroup, Theme, Organisation):
        assert not model.objects.filter(name_sv="").exists(), model
        assert not model.objects.filter(name_en="").exists(), model


def test_names_follow_the_active_language(vocabularies):
    lapland = Region.objects.get(code="lappi")
    with translation.override("fi"):
        assert lapland.name == "Lapin hyvinvointialue"
    with translation.override("sv"):
        assert lapland.name == "Lapplands välfärdsområde"
    with translation.override("smn"):  # no Inari Sámi name: Finnish is shown
        assert lapland.name == "Lapin hyvinvointialue"


def test_reloading_is_idempotent_and_keeps_editor_rows(vocabularies):
    Theme.objects.create(code="editor-added", name_fi="Toimittajan teema")
    before = {m: m.objects.count() for m in (Region, Municipality, TargetGroup, Theme, Organisation)}
    load_vocabularies()
    after = {m: m.objects.count() for m in before}
    assert before == after
    assert Theme.objects.filter(code="editor-added").exists()


def test_a_changed_name_is_updated_and_searchable_and_an_unchanged_reload_is_a_few_reads(tmp_path, vocabularies):
    import csv

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.search.backends import get_search_backend

    from models_library.vocabulary_data import DATA_DIR

    for source in DATA_DIR.iterdir():
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    with open(tmp_path / "themes.csv", newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    code = rows[0]["code"]
    rows[0]["name_fi"] = "Uudelleennimetty teema"
    with open(tmp_path / "themes.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)

    load_vocabularies(tmp_path)
    assert Theme.objects.get(code=code).name_fi == "Uudelleennimetty teema"
    assert [t.code for t in get_search_backend().search("Uudelleennimetty", Theme)] == [code]

    with CaptureQueriesContext(connection) as queries:
        counts = load_vocabularies(tmp_path)
    assert counts["Municipality"] >= 308
    # Nothing changed: a read of each vocabulary (and regions/municipalities once more for
    # the references), no writes. Row by row this was thousands of queries.
    assert len(queries) <= 15, [q["sql"][:80] for q in queries]
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))]
    assert not writes
