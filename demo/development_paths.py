"""Demo development paths and one approved adoption report with an experience.

Every demo model gets a path: its stage dated from the reference document ("created"),
a version entry when the description was updated, milestones from the adoptions' years,
and for VARPU the milestones its description names (model written at the end of 2005,
staff surveys in late 2006 and with Stakes in spring 2008). The reported adoption is
fictional (a made-up organisation, a role mailbox on example.fi).

Idempotent: the demo models' paths are rebuilt on every run.
"""

import datetime
import json

from django.utils import timezone

from models_library.models import AdoptionReport, DevelopmentPathEntry, Municipality, PracticeModelPage

from .library import DATA

Entry = DevelopmentPathEntry
# Milestones and dates stated in the reference documents, per model slug.
DOCUMENTED = {
    "varpu": {
        "start": datetime.date(2005, 12, 1),
        "milestones": [
            (datetime.date(2006, 11, 1), Entry.Milestone.EVALUATION_DONE, "Henkilöstökysely mallin tunnettuudesta."),
            (datetime.date(2008, 4, 1), Entry.Milestone.EVALUATION_DONE, "Henkilöstökysely yhdessä Stakesin kanssa."),
        ],
    },
}
# When a document gives no date, the path starts at the portal's legacy import.
UNDATED_START = datetime.date(2020, 1, 1)

REPORT = {
    "model": "arjen-turvan-toimintamalli",
    "organisation_name": "Tunturikylän perhepalvelut (kuvitteellinen)",
    "municipality": "758",
    "status": "piloting",
    "start_year": 2024,
    "experience": (
        "Aloitimme kahdella koululla ja neuvolalla. Toimi: yhteinen huolen puheeksioton malli ja "
        "kuukausittainen verkostopalaveri. Ei toiminut: yhteystiedot vanhenivat nopeasti, joten "
        "nimesimme jokaiseen yksikköön vastuuhenkilön. Käyttöönotto vaati noin kaksi koulutuspäivää."
    ),
    "email": "perhepalvelut@example.fi",
}


def _path(page, item):
    documented = DOCUMENTED.get(item["slug"], {})
    created = documented.get("start") or (
        datetime.date.fromisoformat(item["created"]) if item.get("created") else UNDATED_START
    )
    rows = [Entry(page=page, kind=Entry.Kind.STAGE, date=created, stage=item["stage"])]
    if item.get("updated"):
        rows.append(
            Entry(
                page=page,
                kind=Entry.Kind.VERSION,
                date=datetime.date.fromisoformat(item["updated"]),
                note="Kuvausta täydennettiin ja päivitettiin.",
            )
        )
    years = sorted({a["year"] for a in item.get("adoptions", []) if a.get("year")})
    if years:
        rows.append(
            Entry(
                page=page,
                kind=Entry.Kind.MILESTONE,
                date=datetime.date(years[0], 1, 1),
                milestone=Entry.Milestone.PILOT_STARTED,
            )
        )
    for date, milestone, note in documented.get("milestones", []):
        rows.append(Entry(page=page, kind=Entry.Kind.MILESTONE, date=date, milestone=milestone, note=note))
    return rows


def load(structure, stdout=None):
    library = structure["library"]
    items = json.loads(DATA.read_text(encoding="utf-8")) if DATA.exists() else []
    pages = {
        page.slug: page
        for page in PracticeModelPage.objects.descendant_of(library).filter(
            locale_id=library.locale_id, slug__in=[item["slug"] for item in items]
        )
    }
    rows = []
    for item in items:
        page = pages.get(item["slug"])
        if page is None:
            continue
        DevelopmentPathEntry.objects.filter(page__translation_key=page.translation_key).delete()
        rows.extend(_path(page, item))
    DevelopmentPathEntry.objects.bulk_create(rows)

    page = pages.get(REPORT["model"])
    municipality = Municipality.objects.filter(code=REPORT["municipality"]).first()
    if page is not None and municipality is not None:
        fields = {k: v for k, v in REPORT.items() if k not in ("model", "municipality", "organisation_name")}
        now = timezone.now()
        AdoptionReport.objects.update_or_create(
            page=page,
            organisation_name=REPORT["organisation_name"],
            defaults={
                **fields,
                "municipality": municipality,
                "state": AdoptionReport.State.APPROVED,
                "confirmed_at": now,
                "moderated_at": now,
            },
        )
    if stdout:
        stdout.write(f"Development paths: {len(rows)} entries for {len(pages)} models; 1 approved adoption report.")
