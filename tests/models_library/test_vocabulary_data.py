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
