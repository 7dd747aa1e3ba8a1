"""iCalendar, RSS/Atom, JSON-LD, API and the event page as a visitor sees them."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Locale

from events.models import EventLanguage
from tests.factories import MunicipalityFactory, OrganisationFactory, RegionFactory, local, publish_event

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")


def unfold(text):
    """RFC 5545 3.1: a CRLF followed by one space or tab continues the line."""
    assert "\r\n" in text
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")


def properties(lines, name, component="VEVENT"):
    """Values of ``name`` inside ``component`` blocks."""
    out, inside = [], False
    for line in lines:
        if line == f"BEGIN:{component}":
            inside = True
        elif line == f"END:{component}":
            inside = False
        elif inside and line.split(":", 1)[0].split(";", 1)[0] == name:
            out.append(line)
    return out


@pytest.fixture
def series(calendar):
    region = RegionFactory(code="lappi")
    return publish_event(
        calendar,
        title="Verkostotapaaminen",
        slug="verkosto",
        start=local(2026, 3, 4, 13),
        end=local(2026, 3, 4, 15),
        recurrence_frequency="WEEKLY",
        recurrence_count=6,
        recurrence_exdates="2026-03-18",
        municipality=MunicipalityFactory(code="320", name_fi="Kemijärvi", region=region),
        venue_name="Kaupungintalo",
        street_address="Vapaudenkatu 8",
        organiser=OrganisationFactory(code="lapin-hyvinvointialue", name_fi="Lapin hyvinvointialue"),
    )


def test_event_ics_is_rfc5545_with_rrule_exdate_and_timezone(client, series):
    response = client.get(f"/events/{series.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and "END:VCALENDAR" in lines
    assert properties(lines, "VERSION", "VCALENDAR") == ["VERSION:2.0"] and properties(lines, "PRODID", "VCALENDAR")
    # VTIMEZONE with the Helsinki rules (standard and daylight time).
    assert "BEGIN:VTIMEZONE" in lines and "TZID:Europe/Helsinki" in lines
    assert "BEGIN:STANDARD" in lines and "BEGIN:DAYLIGHT" in lines
    assert len([line for line in lines if line == "BEGIN:VEVENT"]) == 1
    (uid,) = properties(lines, "UID")
    assert uid == f"UID:event-{series.translation_key}@toimintamallit.fi"
    assert re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", properties(lines, "DTSTAMP")[0])
    assert properties(lines, "DTSTART") == ["DTSTART;TZID=Europe/Helsinki:20260304T130000"]
    assert properties(lines, "DTEND") == ["DTEND;TZID=Europe/Helsinki:20260304T150000"]
    assert properties(lines, "SEQUENCE") == ["SEQUENCE:0"]
    assert properties(lines, "STATUS") == ["STATUS:CONFIRMED"]
    (rrule_line,) = properties(lines, "RRULE")
    (exdate_line,) = properties(lines, "EXDATE")
    assert "UNTIL" not in rrule_line.split("COUNT")[0]  # nothing outside the rule
    # Second, independent reading: dateutil expands the emitted rule itself.
    rule = rrulestr("\n".join([properties(lines, "DTSTART")[0], rrule_line, exdate_line]), forceset=True)
    dates = [value.astimezone(HELSINKI).strftime("%Y-%m-%d %H:%M") for value in rule]
    assert dates == ["2026-03-04 13:00", "2026-03-11 13:00", "2026-03-25 13:00", "2026-04-01 13:00", "2026-04-08 13:00"]
    # Same dates as the occurrence rows the calendar shows.
    assert [o.start.astimezone(HELSINKI).strftime("%Y-%m-%d %H:%M") for o in series.occurrences.all()] == dates
    # And the icalendar library reads it back.
    parsed = Calendar.from_ical(response.content)
    event = parsed.events[0]
    assert str(event["LOCATION"]).startswith("Kaupungintalo")


def test_cancelled_event_stays_in_feed_with_status_and_sequence(client, calendar, series):
    series.status = "cancelled"
    series.save_revision().publish()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timezone, "now", lambda: datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
        response = client.get(f"/events/calendar/{calendar.pk}.ics")
    lines = unfold(response.content.decode())
    assert properties(lines, "STATUS") == ["STATUS:CANCELLED"]
    assert properties(lines, "SEQUENCE") == ["SEQUENCE:1"]
    assert properties(lines, "UID")[0].endswith(f"event-{series.translation_key}@toimintamallit.fi")


def test_all_day_event_uses_dates(client, calendar):
    event = publish_event(
        calendar, title="Koko päivä", all_day=True, start=local(2026, 5, 12, 0), end=local(2026, 5, 13, 23, 59)
    )
    lines = unfold(client.get(f"/events/{event.pk}.ics").content.decode())
    assert properties(lines, "DTSTART") == ["DTSTART;VALUE=DATE:20260512"]
    assert properties(lines, "DTEND") == ["DTEND;VALUE=DATE:20260514"]  # exclusive end
    html = client.get(event.get_url()).content.decode()
    assert "12.5.2026" in html and "13.5.2026" in html and "00:00" not in html.split("<main")[1]


def test_filtered_feed_uses_the_same_filters(client, calendar, series):
    other = publish_event(
        calendar, title="Webinaari", attendance="online", start=local(2026, 3, 5, 9), end=local(2026, 3, 5, 10)
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timezone, "now", lambda: datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
        only_online = client.get(f"/events/calendar/{calendar.pk}.ics", {"attendance": "online"}).content.decode()
        everything = client.get(f"/events/calendar/{calendar.pk}.ics").content.decode()
    assert "Webinaari" in only_online and "Verkostotapaaminen" not in only_online
    assert "Webinaari" in everything and "Verkostotapaaminen" in everything
    assert f"event-{other.translation_key}@" in everything


def test_dst_rendering_on_event_page(client, calendar):
    # 29 March 2026: clocks go from 03:00 to 04:00. 07:30 UTC is 10:30 summer time.
    after = publish_event(
        calendar,
        title="Kesäaika",
        start=datetime.datetime(2026, 3, 29, 7, 30, tzinfo=datetime.UTC),
        end=datetime.datetime(2026, 3, 29, 9, 0, tzinfo=datetime.UTC),
    )
    before = publish_event(
        calendar,
        title="Talviaika",
        start=datetime.datetime(2026, 3, 28, 7, 30, tzinfo=datetime.UTC),
        end=datetime.datetime(2026, 3, 28, 9, 0, tzinfo=datetime.UTC),
    )
    html_after = client.get(after.get_url()).content.decode()
    html_before = client.get(before.get_url()).content.decode()
    assert "29.3.2026 10:30" in html_after and "12:00" in html_after
    assert 'datetime="2026-03-29T10:30:00+03:00"' in html_after
    assert "28.3.2026 09:30" in html_before and 'datetime="2026-03-28T09:30:00+02:00"' in html_before


def test_event_page_json_ld_status_and_venue(client, series):
    series.event_languages.set([EventLanguage.objects.get(code="fse")])
    series.status = "postponed"
    series.accessibility_info = "Esteetön sisäänkäynti pihan puolelta."
    series.save_revision().publish()
    response = client.get(series.get_url())
    html = response.content.decode()
    assert "Postponed" in html or "Siirretty" in html
    assert "Esteetön sisäänkäynti" in html
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Event" and data["@context"] == "https://schema.org"
    for key in (
        "name",
        "startDate",
        "endDate",
        "eventStatus",
        "eventAttendanceMode",
        "location",
        "organizer",
        "offers",
        "inLanguage",
    ):
        assert key in data, key
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place" and data["location"]["address"]["addressLocality"] == "Kemijärvi"
    assert data["inLanguage"] == ["fse"] and data["offers"]["price"] == "0"
    assert data["startDate"].endswith("+02:00") or data["startDate"].endswith("+03:00")
    # No inline executable script, and the JSON cannot break out of its element.
    assert "<script>" not in html


def test_json_ld_escapes_markup(client, calendar):
    event = publish_event(calendar, title="</script><script>alert(1)</script>", attendance="online")
    html = client.get(event.get_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    data = json.loads(block)
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["name"] == "</script><script>alert(1)</script>"


def test_rss_and_atom_list_upcoming(client, calendar):
    soon = timezone.now() + datetime.timedelta(days=5)
    publish_event(calendar, title="Tuleva koulutus", start=soon, end=soon + datetime.timedelta(hours=2))
    publish_event(
        calendar,
        title="Mennyt koulutus",
        start=soon - datetime.timedelta(days=30),
        end=soon - datetime.timedelta(days=30, hours=-2),
    )
    rss = client.get(calendar.get_url() + "rss/")
    assert rss.status_code == 200 and "<rss" in rss.content.decode()
    assert "Tuleva koulutus" in rss.content.decode() and "Mennyt koulutus" not in rss.content.decode()
    atom = client.get(calendar.get_url() + "atom/").content.decode()
    assert "http://www.w3.org/2005/Atom" in atom and "Tuleva koulutus" in atom


def test_api_lists_published_events_without_participant_data(client, calendar, series):
    series.join_url = "https://meet.example.fi/secret"
    series.registration_enabled = True
    series.save_revision().publish()
    draft = publish_event(calendar, title="Julkaisematon")
    draft.unpublish()
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "events.EventPage",
            "fields": "start,end,status,recurrence_rule,public_join_url,municipality_code,occurrence_list",
        },
    )
    assert response.status_code == 200
    items = response.json()["items"]
    titles = [item["title"] for item in items]
    assert "Verkostotapaaminen" in titles and "Julkaisematon" not in titles
    item = next(i for i in items if i["title"] == "Verkostotapaaminen")
    assert item["recurrence_rule"] == "FREQ=WEEKLY;COUNT=6"
    assert item["public_join_url"] == "" and item["municipality_code"] == "320"
    assert len(item["occurrence_list"]) == 5
    detail = client.get(f"/api/v2/pages/{series.pk}/").content.decode()
    assert "meet.example.fi/secret" not in detail and "registrations" not in detail


def test_translated_event_shares_uid(client, calendar, series):
    from core.localization import translate_page

    sv = Locale.objects.get(language_code="sv")
    report = translate_page(
        series, sv, {"title": "Nätverksmöte", "summary": "Sammanfattning.", "venue_name": "Stadshuset"}
    )
    sv_page = report.page
    lines = unfold(client.get(f"/events/{sv_page.pk}.ics").content.decode())
    assert properties(lines, "UID") == [f"UID:event-{series.translation_key}@toimintamallit.fi"]
    assert properties(lines, "SUMMARY") == ["SUMMARY:Nätverksmöte"]
    assert sv_page.occurrences.count() == 5


def test_model_page_tag_lists_upcoming_events_of_the_model(rf, calendar, library):
    from django.template import Context, Template

    from tests.factories import PracticeModelPageFactory

    model = PracticeModelPageFactory(parent=library)
    soon = timezone.now() + datetime.timedelta(days=3)
    publish_event(
        calendar,
        title="Mallin työpaja",
        start=soon,
        end=soon + datetime.timedelta(hours=1),
        m2m={"related_models": [model]},
    )
    publish_event(calendar, title="Muu työpaja", start=soon, end=soon + datetime.timedelta(hours=1))
    html = Template("{% load event_tags %}{% upcoming_events_for model %}").render(
        Context({"model": model, "request": rf.get("/")})
    )
    assert "Mallin työpaja" in html and "Muu työpaja" not in html
