"""Seed the languages events are held in, and give existing events their occurrence row."""

from django.conf import settings
from django.db import migrations

LANGUAGES = [
    # code, fi, sv, en
    ("fi", "suomi", "finska", "Finnish"),
    ("sv", "ruotsi", "svenska", "Swedish"),
    ("en", "englanti", "engelska", "English"),
    ("se", "pohjoissaame", "nordsamiska", "North Sámi"),
    ("smn", "inarinsaame", "enaresamiska", "Inari Sámi"),
    ("sms", "koltansaame", "skoltsamiska", "Skolt Sámi"),
    ("fse", "suomalainen viittomakieli", "finskt teckenspråk", "Finnish Sign Language"),
    ("fss", "suomenruotsalainen viittomakieli", "finlandssvenskt teckenspråk", "Finland-Swedish Sign Language"),
    ("ru", "venäjä", "ryska", "Russian"),
    ("et", "viro", "estniska", "Estonian"),
    ("ar", "arabia", "arabiska", "Arabic"),
    ("so", "somali", "somaliska", "Somali"),
    ("uk", "ukraina", "ukrainska", "Ukrainian"),
]


def seed_languages(apps, schema_editor):
    EventLanguage = apps.get_model("events", "EventLanguage")
    for order, (code, fi, sv, en) in enumerate(LANGUAGES):
        EventLanguage.objects.update_or_create(
            code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "sort_order": order}
        )


def occurrences_for_existing_events(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    EventOccurrence = apps.get_model("events", "EventOccurrence")
    domain = getattr(settings, "EVENTS_ICAL_UID_DOMAIN", "toimintamallit.fi")
    for event in EventPage.objects.filter(occurrences__isnull=True):
        stamp = event.start.strftime("%Y%m%dT%H%M%SZ")
        EventOccurrence.objects.create(
            event=event, start=event.start, end=event.end, original_start=event.start, status=event.status,
            uid=f"event-{event.translation_key}-{stamp}@{domain}",
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0003_calendar_occurrences_registration")]

    operations = [
        migrations.RunPython(seed_languages, migrations.RunPython.noop),
        migrations.RunPython(occurrences_for_existing_events, migrations.RunPython.noop),
    ]
