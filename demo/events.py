"""Demo events from demo/data/events.json, with dates relative to today.

Idempotent: events are found by slug below the calendar and updated; their dates move
with the current day, so the demo always has upcoming items. Swedish and English are
real wagtail-localize translations (core.localization.translate_page).
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from core.localization import translate_page
from events import recurrence
from events.models import EventLanguage, EventPage
from events.recurrence import local_zone
from models_library.models import Municipality, Organisation, PracticeModelPage, Region, TargetGroup

from . import event_registration

DATA = Path(__file__).resolve().parent / "data" / "events.json"
TRANSLATED_FIELDS = ("title", "summary", "body", "venue_name", "street_address", "accessibility_info")


def _at(today, offset_days, clock, end_of_day=False):
    day = today + datetime.timedelta(days=int(offset_days or 0))
    if clock:
        hour, minute = (int(part) for part in clock.split(":")[:2])
        value = datetime.time(hour, minute)
    else:
        value = datetime.time(23, 59) if end_of_day else datetime.time(0, 0)
    return datetime.datetime.combine(day, value, tzinfo=local_zone())


def _body(html):
    return [{"type": "paragraph", "value": html}] if html else []


def _values(item, language):
    text = item["translations"][language]
    values = {name: text.get(name, "") for name in TRANSLATED_FIELDS}
    values["body"] = _body(values["body"])
    return values


def _apply(page, item, today, lookups, messages):
    values = _values(item, "fi")
    for name, value in values.items():
        setattr(page, name, value)
    page.event_type = item.get("kind") or EventPage.EventType.WORKSHOP
    page.status = item.get("status") or EventPage.Status.SCHEDULED
    page.attendance = item.get("attendance") or EventPage.Attendance.IN_PERSON
    page.all_day = bool(item.get("all_day"))
    page.start = _at(today, item.get("start_offset_days"), item.get("start_time"))
    page.end = _at(
        today, item.get("end_offset_days", item.get("start_offset_days")), item.get("end_time"), end_of_day=True
    )
    if page.end < page.start:
        page.end = page.start
    rule = item.get("recurrence") or {}
    page.recurrence_frequency = (rule.get("freq") or "").upper() if rule else ""
    page.recurrence_interval = rule.get("interval") or 1
    page.recurrence_count = rule.get("count")
    page.recurrence_until = None
    page.recurrence_exdates = ""
    wanted = [today + datetime.timedelta(days=int(offset)) for offset in rule.get("exdates_offset_days") or []]
    if wanted:
        # Month lengths vary: an offset means "the date of the series nearest to it".
        dates = [value.date() for value in recurrence.occurrence_times_without_exceptions(page)]
        page.recurrence_exdates = "\n".join(
            sorted({min(dates, key=lambda d, w=w: abs((d - w).days)).isoformat() for w in wanted})
        )
    page.municipality = lookups["municipality"].get(item.get("municipality"))
    page.region = lookups["region"].get(item.get("region")) or (page.municipality.region if page.municipality else None)
    page.organiser = lookups["organisation"].get(item.get("organiser"))
    for key, lookup in (("municipality", "municipality"), ("region", "region"), ("organiser", "organisation")):
        if item.get(key) and item[key] not in lookups[lookup]:
            messages.append(f"{item['slug']}: unknown {key} “{item[key]}” left empty")
    page.price = Decimal(str(item["price"])) if item.get("price") else None
    registration = item.get("registration") or {}
    page.registration_enabled = bool(registration.get("enabled"))
    page.registration_capacity = registration.get("capacity")
    deadline = registration.get("deadline_offset_days")
    page.registration_deadline = _at(today, deadline, "23:59") if deadline is not None else None
    if page.is_online and not page.join_url:
        page.join_url = "https://meet.example.fi/" + item["slug"]
    event_registration.apply(page)


def _set_relations(page, item):
    page.target_groups.set(TargetGroup.objects.filter(code__in=item.get("target_groups") or []))
    page.event_languages.set(EventLanguage.objects.filter(code__in=item.get("event_languages") or []))
    page.related_models.set(
        PracticeModelPage.objects.filter(slug__in=item.get("related_models") or [], locale=page.locale)
    )


@transaction.atomic
def load(structure, stdout=None, path=DATA, today=None):
    """Create or update the demo events below the calendar; returns the Finnish pages."""
    path = Path(path)
    if not path.exists():
        if stdout:
            stdout.write(f"Events demo: {path} not found, skipped.")
        return []
    items = json.loads(path.read_text(encoding="utf-8"))
    today = today or timezone.localdate()
    calendar = structure["events"]
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("sv", "en")}
    lookups = {
        "municipality": {m.code: m for m in Municipality.objects.select_related("region")},
        "region": {r.code: r for r in Region.objects.all()},
        "organisation": {o.code: o for o in Organisation.objects.all()},
    }
    messages, pages = [], []
    for item in items:
        page = EventPage.objects.child_of(calendar).filter(slug=item["slug"]).first()
        creating = page is None
        if creating:
            page = EventPage(slug=item["slug"], locale=calendar.locale)
        _apply(page, item, today, lookups, messages)
        if creating:
            calendar.add_child(instance=page)
        _set_relations(page, item)
        page.save_revision().publish()
        page.refresh_from_db()
        for code, locale in locales.items():
            if code in item["translations"]:
                report = translate_page(page, locale, _values(item, code))
                if report.missing:
                    messages.append(f"{item['slug']} ({code}): untranslated {', '.join(report.missing[:3])}")
        pages.append(page)
    if stdout:
        stdout.write(f"Events: {len(pages)} demo events in fi, sv, en.")
        for message in messages:
            stdout.write(f"  {message}")
    return pages
