"""Vocabularies the corpus links to: the shipped CSVs, or a small fallback when they are missing."""

from dataclasses import dataclass, field

from events.models import EventLanguage
from models_library.models import Funder, Municipality, Organisation, Region, TargetGroup, Theme
from models_library.vocabulary_data import load_vocabularies

# A small fallback vocabulary for when the shipped CSVs are not there (fresh checkout, tests).
FALLBACK_REGIONS = [
    ("lappi", "Lapin hyvinvointialue", "Välfärdsområdet i Lappland", "Wellbeing services county of Lapland"),
    (
        "pirkanmaa",
        "Pirkanmaan hyvinvointialue",
        "Välfärdsområdet i Birkaland",
        "Wellbeing services county of Pirkanmaa",
    ),
    (
        "pohjois-pohjanmaa",
        "Pohjois-Pohjanmaan hyvinvointialue",
        "Välfärdsområdet i Norra Österbotten",
        "Wellbeing services county of North Ostrobothnia",
    ),
    (
        "varsinais-suomi",
        "Varsinais-Suomen hyvinvointialue",
        "Välfärdsområdet i Egentliga Finland",
        "Wellbeing services county of Southwest Finland",
    ),
    (
        "pohjanmaa",
        "Pohjanmaan hyvinvointialue",
        "Österbottens välfärdsområde",
        "Wellbeing services county of Ostrobothnia",
    ),
    ("helsinki", "Helsingin kaupunki", "Helsingfors stad", "City of Helsinki"),
    (
        "keski-uusimaa",
        "Keski-Uudenmaan hyvinvointialue",
        "Välfärdsområdet i Mellersta Nyland",
        "Wellbeing services county of Central Uusimaa",
    ),
    ("kansallinen", "Valtakunnallinen", "Riksomfattande", "National"),
]
FALLBACK_MUNICIPALITIES = [
    ("rovaniemi", "Rovaniemi", "Rovaniemi", "lappi"),
    ("kemi", "Kemi", "Kemi", "lappi"),
    ("inari", "Inari", "Enare", "lappi"),
    ("tampere", "Tampere", "Tammerfors", "pirkanmaa"),
    ("nokia", "Nokia", "Nokia", "pirkanmaa"),
    ("oulu", "Oulu", "Uleåborg", "pohjois-pohjanmaa"),
    ("turku", "Turku", "Åbo", "varsinais-suomi"),
    ("vaasa", "Vaasa", "Vasa", "pohjanmaa"),
    ("helsinki-kunta", "Helsinki", "Helsingfors", "helsinki"),
    ("nurmijarvi", "Nurmijärvi", "Nurmijärvi", "keski-uusimaa"),
]
FALLBACK_SIMPLE = {
    TargetGroup: [
        ("lapset", "Lapset", "Barn", "Children"),
        ("nuoret", "Nuoret", "Unga", "Young people"),
        ("perheet", "Perheet", "Familjer", "Families"),
        ("ikaihmiset", "Ikäihmiset", "Äldre", "Older people"),
        ("tyoikaiset", "Työikäiset", "Personer i arbetsför ålder", "Working-age people"),
        ("maahan-muuttaneet", "Maahan muuttaneet", "Invandrare", "Immigrants"),
    ],
    Theme: [
        ("varhainen-tuki", "Varhainen tuki", "Tidigt stöd", "Early support"),
        ("mielenterveys", "Mielenterveys", "Psykisk hälsa", "Mental health"),
        ("palveluohjaus", "Palveluohjaus", "Servicehandledning", "Service guidance"),
        ("osallisuus", "Osallisuus", "Delaktighet", "Participation"),
        ("tyollisyys", "Työllisyys", "Sysselsättning", "Employment"),
        ("kotona-asuminen", "Kotona asuminen", "Boende hemma", "Living at home"),
    ],
    Funder: [
        (
            "stm",
            "Sosiaali- ja terveysministeriö (STM)",
            "Social- och hälsovårdsministeriet",
            "Ministry of Social Affairs and Health",
        ),
        ("stea", "STEA", "STEA", "STEA"),
        ("esr", "Euroopan sosiaalirahasto", "Europeiska socialfonden", "European Social Fund"),
        ("ei-rahoitusta", "Ei erillisrahoitusta", "Ingen separat finansiering", "No separate funding"),
    ],
}
FALLBACK_ORGANISATIONS = [
    ("lapin-hyvinvointialue", "Lapin hyvinvointialue", "county", "lappi"),
    ("pirkanmaan-hyvinvointialue", "Pirkanmaan hyvinvointialue", "county", "pirkanmaa"),
    ("lapin-amk", "Lapin ammattikorkeakoulu", "education", "lappi"),
    ("mll-oulu", "MLL Pohjois-Pohjanmaan piiri", "ngo", "pohjois-pohjanmaa"),
    ("turun-seurakuntayhtyma", "Turun ja Kaarinan seurakuntayhtymä", "parish", "varsinais-suomi"),
    ("thl", "Terveyden ja hyvinvoinnin laitos", "state", "kansallinen"),
    ("nurmijarven-kunta", "Nurmijärven kunta", "municipality", "keski-uusimaa"),
    ("vaasan-kaupunki", "Vaasan kaupunki", "municipality", "pohjanmaa"),
]


def ensure_vocabularies():
    """Load the shipped vocabularies; fill any that are empty from the small fallback."""
    load_vocabularies()
    if not Region.objects.exists():
        for i, (code, fi, sv, en) in enumerate(FALLBACK_REGIONS):
            kind = Region.Kind.NATIONAL if code == "kansallinen" else Region.Kind.COUNTY
            Region.objects.update_or_create(
                code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "kind": kind, "sort_order": i}
            )
    regions = {r.code: r for r in Region.objects.all()}
    if not Municipality.objects.exists():
        for code, fi, sv, region in FALLBACK_MUNICIPALITIES:
            Municipality.objects.update_or_create(
                code=code,
                defaults={
                    "name_fi": fi,
                    "name_sv": sv,
                    "name_en": fi,
                    "region": regions.get(region) or next(iter(regions.values())),
                },
            )
    for model, rows in FALLBACK_SIMPLE.items():
        if not model.objects.exists():
            for i, (code, fi, sv, en) in enumerate(rows):
                model.objects.update_or_create(
                    code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "sort_order": i}
                )
    if not Organisation.objects.exists():
        for code, fi, kind, region in FALLBACK_ORGANISATIONS:
            Organisation.objects.update_or_create(
                code=code,
                defaults={"name_fi": fi, "name_sv": fi, "name_en": fi, "kind": kind, "region": regions.get(region)},
            )


@dataclass
class Vocab:
    regions: list
    municipalities: list
    target_groups: list
    themes: list
    funders: list
    organisations: list
    municipality_region: dict = field(default_factory=dict)
    event_languages: dict = field(default_factory=dict)  # ISO 639 code -> pk

    @classmethod
    def load(cls):
        municipalities = list(Municipality.objects.all())
        return cls(
            regions=list(Region.objects.values_list("pk", flat=True)),
            municipalities=[m.pk for m in municipalities],
            target_groups=list(TargetGroup.objects.values_list("pk", flat=True)),
            themes=list(Theme.objects.values_list("pk", flat=True)),
            funders=list(Funder.objects.values_list("pk", flat=True)),
            organisations=list(Organisation.objects.order_by("pk")),
            municipality_region={m.pk: m.region_id for m in municipalities},
            event_languages=dict(EventLanguage.objects.values_list("code", "pk")),
        )
