"""The development path: stage changes and version notes recorded on publish, milestones,
backfill from revisions, review notice, API; and the model page's query count does not
grow with adoptions and path entries."""

import datetime
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from models_library.development_path import review_overdue
from models_library.models import Adoption, AdoptionReport, DevelopmentPathEntry, PracticeModelPage
from tests.factories import MunicipalityFactory, PracticeModelPageFactory, RegionFactory

pytestmark = pytest.mark.django_db


def publish(page):
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    return page


def entries(page):
    return list(
        DevelopmentPathEntry.objects.filter(page__translation_key=page.translation_key).values_list(
            "kind", "stage", "note"
        )
    )


def test_stage_changes_and_version_notes_recorded_on_publish(library):
    page = PracticeModelPageFactory(parent=library, development_stage="in_development")
    publish(page)  # nothing new: same stage, no note
    assert entries(page) == [("stage", "in_development", "")]
    page.development_stage = "ready"
    page.version_note = "Arviointi valmistui, malli vakiintui."
    publish(page)
    assert entries(page) == [
        ("stage", "in_development", ""),
        ("stage", "ready", ""),
        ("version", "", "Arviointi valmistui, malli vakiintui."),
    ]
    # The note is emptied for the next version, in the page and in the latest revision.
    assert page.version_note == ""
    assert page.get_latest_revision_as_object().version_note == ""
    publish(page.get_latest_revision_as_object())
    assert len(entries(page)) == 3


def test_translation_publish_does_not_repeat_the_stage(library, lean_site):
    page = PracticeModelPageFactory(parent=library, development_stage="ready")
    translated = page.copy_for_translation(lean_site["locales"]["sv"])
    publish(translated)
    assert entries(page) == [("stage", "ready", "")]


def test_backfill_from_revisions(library):
    page = publish(PracticeModelPageFactory(parent=library, development_stage="idea"))
    page.development_stage = "ready"
    page.save_revision()
    page.development_stage = "established"
    page.save_revision().publish()
    DevelopmentPathEntry.objects.all().delete()  # content from before this feature
    call_command("build_development_path", stdout=StringIO())
    assert [stage for _kind, stage, _note in entries(page)] == ["idea", "ready", "established"]
    call_command("build_development_path", stdout=StringIO())  # idempotent
    assert len(entries(page)) == 3


def test_page_shows_path_dates_and_review_notice(client, library):
    page = PracticeModelPageFactory(
        parent=library,
        development_stage="ready",
        source_created=datetime.date(2006, 3, 1),
        last_reviewed=datetime.date(2008, 5, 2),
    )
    DevelopmentPathEntry.objects.create(
        page=page,
        kind="milestone",
        milestone="evaluation_done",
        date=datetime.date(2008, 1, 15),
        note="THL:n arviointi.",
    )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    path = soup.select_one(".model-development-path")
    text = path.get_text()
    assert "01.03.2006" in text and "02.05.2008" in text
    assert path.select_one(".notice--stale")
    assert [li.select_one("time")["datetime"] for li in path.select(".timeline__entry")][0] == "2008-01-15"
    assert "THL:n arviointi." in text

    PracticeModelPage.objects.filter(pk=page.pk).update(last_reviewed=datetime.date.today())
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert not soup.select_one(".model-development-path .notice--stale")
    assert "–" not in soup.select_one(".model-development-path dl").get_text()


def test_dates_always_visible_when_missing(client, library):
    page = PracticeModelPageFactory(parent=library, source_created=None, last_reviewed=None)
    facts = BeautifulSoup(client.get(page.url).content, "html.parser").select_one(".model-development-path dl")
    assert len(facts.select("dt")) == 2 and len(facts.select("dd")) == 2
    assert not facts.select("time")  # "not known" / "not reviewed yet" instead of a date


def test_review_overdue():
    page = PracticeModelPage(last_reviewed=datetime.date(2020, 1, 1))
    assert review_overdue(page, today=datetime.date(2022, 1, 2))
    assert not review_overdue(page, today=datetime.date(2021, 12, 31))


def test_api_development_path(client, library):
    page = publish(PracticeModelPageFactory(parent=library, development_stage="ready"))
    DevelopmentPathEntry.objects.create(
        page=page, kind="milestone", milestone="pilot_started", date=datetime.date(2024, 2, 1)
    )
    DevelopmentPathEntry.objects.filter(kind="stage").update(date=datetime.date(2025, 1, 1))
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert [(e["kind"], e["stage"], e["milestone"]) for e in data["development_path"]] == [
        ("milestone", None, "pilot_started"),
        ("stage", "ready", None),
    ]


def _grow(page, count):
    region = RegionFactory(code=f"r{count}")
    municipality = MunicipalityFactory(code=f"m{count}", region=region)
    Adoption.objects.bulk_create([Adoption(page=page, region=region, year=2020, sort_order=i) for i in range(count)])
    AdoptionReport.objects.bulk_create(
        [
            AdoptionReport(
                page=page,
                organisation_name=f"Organisaatio {i}",
                municipality=municipality,
                region=region,
                experience="Kokemus.",
                state="approved",
            )
            for i in range(count)
        ]
    )
    DevelopmentPathEntry.objects.bulk_create(
        [
            DevelopmentPathEntry(page=page, kind="milestone", milestone="other", date=datetime.date(2020, 1, 1))
            for _ in range(count)
        ]
    )


def _count(client, url, path):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
    return len(queries), response.content.decode().count(path)


@pytest.mark.parametrize("url_kind", ["page", "api"])
def test_query_count_constant_with_0_and_200_adoptions_and_entries(client, library, url_kind):
    empty = PracticeModelPageFactory(parent=library, slug="tyhja")
    full = PracticeModelPageFactory(parent=library, slug="taysi")
    _grow(full, 200)
    marker = "Organisaatio 199"
    urls = {"page": (empty.url, full.url), "api": (f"/api/v2/pages/{empty.pk}/", f"/api/v2/pages/{full.pk}/")}[url_kind]
    small, shown_small = _count(client, urls[0], marker)
    large, shown_large = _count(client, urls[1], marker)
    assert shown_small == 0 and shown_large >= 1  # the 200 really are shown
    assert small == large, (small, large)
