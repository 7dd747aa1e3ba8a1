"""Demo places and events for citizens (issue 18): family centre open house, parents'
evenings (one in Swedish), a family evening held in North Sámi in Inari.

The events load through demo/events.py from demo/data/citizen_events.json; the places
carry no street addresses or coordinates (none are in the reference documents): maps and
"near me" use the municipality's centre. Idempotent, like the other demo parts.
"""

import json
from pathlib import Path

from events.models import EventPage, Place
from models_library.models import Municipality

from . import events as demo_events

DATA = Path(__file__).resolve().parent / "data" / "citizen_events.json"
PLACES = [
    # code, municipality, names fi / sv / en
    ("perhekeskus-kemijarvi", "320", "Kemijärven perhekeskus", "Familjecentret i Kemijärvi", "Kemijärvi family centre"),
    ("kommunhuset-sjundea", "755", "Siuntion kunnantalo", "Kommunhuset i Sjundeå", "Siuntio municipal hall"),
    ("kunnantalo-inari", "148", "Inarin kunnantalo", "Kommunhuset i Enare", "Inari municipal hall"),
]


def load(structure, stdout=None, path=DATA):
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=[p[1] for p in PLACES])}
    places = {}
    for code, municipality, name_fi, name_sv, name_en in PLACES:
        places[code], _created = Place.objects.update_or_create(
            code=code,
            defaults={
                "municipality": municipalities[municipality],
                "name_fi": name_fi,
                "name_sv": name_sv,
                "name_en": name_en,
            },
        )
    pages = demo_events.load(structure, stdout=stdout, path=path)
    wanted = {item["slug"]: item.get("place") for item in json.loads(Path(path).read_text(encoding="utf-8"))}
    for page in pages:
        place = places.get(wanted.get(page.slug) or "")
        # Every translation points at the same place (a synchronised field): publish each.
        for translation in EventPage.objects.filter(translation_key=page.translation_key):
            if place is not None and translation.place_id != place.pk:
                translation.place = place
                translation.save_revision().publish()
    if stdout:
        stdout.write(f"Places: {len(places)} demo places, {len(pages)} events for citizens.")
    return pages
