"""The demo loader with a small fixture of its own (the real file is written elsewhere)."""

import datetime
import io
import json

import pytest
from django.utils import timezone
from wagtail.models import Locale

from demo import events as demo
from events.models import EventPage
from tests.factories import MunicipalityFactory, OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def item(slug, **overrides):
    data = {
        "slug": slug,
        "kind": "training",
        "start_offset_days": 5,
        "start_time": "09:00",
        "end_offset_days": 5,
        "end_time": "12:00",
        "all_day": False,
        "recurrence": None,
        "status": "scheduled",
        "attendance": "in_person",
        "municipality": "320",
        "region": "lappi",
        "organiser": "lapin-hyvinvointialue",
        "target_groups": [],
        "event_languages": ["fi", "fse"],
        "related_models": ["ei-ole"],
        "registration": {"enabled": True, "capacity": 25, "deadline_offset_days": 3},
        "price": None,
        "translations": {
            lang: {
                "title": f"{slug} {lang}",
                "summary": f"Tiivistelmä {lang}.",
                "body": f"<p>Kuvaus {lang}.</p>",
                "venue_name": f"Paikka {lang}",
                "street_address": "Katu 1",
                "accessibility_info": f"Esteetön {lang}.",
            }
            for lang in ("fi", "sv", "en")
        },
    }
    data.update(overrides)
    return data


def test_demo_loader_is_idempotent_and_relative_to_today(tmp_path, site_structure, client):
    region = RegionFactory(code="lappi")
    MunicipalityFactory(code="320", name_fi="Kemijärvi", region=region)
    OrganisationFactory(code="lapin-hyvinvointialue")
    path = tmp_path / "events.json"
    path.write_text(
        json.dumps(
            [
                item("koulutus"),
                item(
                    "verkosto",
                    attendance="online",
                    municipality=None,
                    registration=None,
                    recurrence={"freq": "MONTHLY", "interval": 1, "count": 6, "exdates_offset_days": [64]},
                    start_offset_days=5,
                ),
                item("peruttu", status="cancelled", attendance="online", municipality=None),
            ]
        ),
        encoding="utf-8",
    )
    out = io.StringIO()
    today = datetime.date(2026, 1, 10)
    demo.load(site_structure, stdout=out, path=path, today=today)
    demo.load(site_structure, stdout=out, path=path, today=today)  # idempotent
    fi = Locale.objects.get(language_code="fi")
    assert EventPage.objects.filter(locale=fi).count() == 3
    assert EventPage.objects.count() == 9  # fi + sv + en
    training = EventPage.objects.get(locale=fi, slug="koulutus")
    assert timezone.localtime(training.start).strftime("%Y-%m-%d %H:%M") == "2026-01-15 09:00"
    assert training.registration_capacity == 25 and training.municipality.code == "320"
    assert sorted(training.event_language_codes) == ["fi", "fse"]
    series = EventPage.objects.get(locale=fi, slug="verkosto")
    # Monthly from 15 Jan, six times, 15 March (offset 64) excluded → five dates.
    assert series.occurrences.count() == 5
    sv = training.get_translation(Locale.objects.get(language_code="sv"))
    assert sv.title == "koulutus sv" and sv.live and sv.venue_name == "Paikka sv"
    assert "ei-ole" not in out.getvalue() or "Events:" in out.getvalue()
    assert EventPage.objects.get(locale=fi, slug="peruttu").status == "cancelled"


def test_missing_file_is_reported(tmp_path, site_structure):
    out = io.StringIO()
    assert demo.load(site_structure, stdout=out, path=tmp_path / "none.json") == []
    assert "not found" in out.getvalue()
