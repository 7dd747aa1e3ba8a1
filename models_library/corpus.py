"""Synthetic national-scale corpus for benchmarks and query-budget tests.

``generate_corpus(models=N, events=M, seed=S)`` builds realistic practice-model and event
pages from the domain vocabulary and Finnish domain sentences (taken from the reference
documents), with vocabulary links, contacts, adoptions and related models, under
organisation sections, in fi and optionally sv/en.

Speed is the point (10 000 models + 5 000 events in minutes), so this bypasses the slow
per-page paths on purpose:

* tree paths are computed here with treebeard's own path helper and the ``wagtailcore_page``
  rows are written with ``bulk_create``; the page-type rows and many-to-many rows follow in
  bulk inserts. Nothing else in the project may do this: it skips ``full_clean`` and
  signals, so the generator sets every derived value itself (``url_path``, ``numchild``,
  adoption regions, event regions).
* translations are written directly as pages of the sv/en trees sharing the Finnish page's
  ``translation_key`` (what wagtail-localize would produce), not through wagtail-localize's
  translation objects: those are editorial state a benchmark does not need.
* no revisions are written: the pages are live rows without history; the first edit in the
  admin creates the first revision (Wagtail handles a page without revisions).
* the search index is built once at the end, in chunks, with the backend's bulk add.
"""

import datetime
import random
import time
import uuid
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends

from .models import (
    Adoption,
    DevelopmentStage,
    Funder,
    ModelContact,
    Municipality,
    Organisation,
    PracticeModelIndexPage,
    PracticeModelPage,
    Region,
    TargetGroup,
    Theme,
)

BATCH = 1000
SECTION_FIELDS = (
    "basic_idea", "operating_environment", "target_group_insight",
    "adoption_conditions", "evaluation_summary", "tips_for_adopters",
)

# Sentences of the domain, taken (lightly edited) from the reference documents in the seeds.
SENTENCES = {
    "fi": [
        "Toimintamallissa on keskeistä sujuva ja oikea-aikainen monitoimijainen yhdyspintatyöskentely nuorten syrjäytymisen ehkäisemiseksi.",
        "Malli tarjoaa käytännönläheisen prosessin ja työkaluja yhdyspintatyöskentelyyn.",
        "Periaatteina ovat avoin verkostoyhteistyö, eri toimijoiden osaamisen tunnistaminen ja resurssiviisas yhteistoiminta.",
        "Kokemustietoa sekä mallintamiseen liittyviä toiveita ja haasteita kerättiin haastatteluissa ja kuntatyöpajoissa.",
        "Kunnat ja muut verkostotoimijat ovat halukkaita soveltamaan ja ottamaan käyttöön uusia toimintamalleja.",
        "Perhekeskuksen toiminnan tarkoitus on yhteensovittaa eri toimijoiden työtä lasten ja perheiden tarpeiden ympärille.",
        "Yhteinen työ muodostuu perheiden tarpeen ympärille, ja mukaan kutsutaan tarvittavat toimijat.",
        "Työskentely on yhteistoiminnallista, dialogista sekä perhe-, arki- ja asiakaslähtöistä.",
        "Matalan kynnyksen palveluita ja tukea antavat hyvinvointialue, kunnat, järjestöt, seurakunnat ja oppilaitokset.",
        "Tavoitteena on ennaltaehkäisevän toiminnan vahvistaminen sekä varhaisen vaiheen ongelmien tunnistaminen.",
        "Toiminnan mahdollistavat toimivat matalan kynnyksen palvelut ja oikea-aikainen palveluohjaus.",
        "Ohjauskäytänteistä liikunta-, kulttuuri- ja järjestötoiminnan sekä sote-palveluiden kesken on sovittu paikallisesti.",
        "Hyvinvointialueella on velvollisuus yhteensovittaa palvelunsa kuntien ja muiden toimijoiden palveluiden kanssa.",
        "Yhteistyörakenteet tarvitaan keskinäiseen tiedonvaihtoon sekä toiminnan koordinaatioon ja kehittämiseen.",
        "Lapset, nuoret ja perheet ovat mukana arvioimassa ja kehittämässä toimintaa.",
        "Toimintamallia juurrutetaan osaksi arjen toimintaa kokeilemalla ja oppimalla.",
        "Arvioinnissa hyödynnettiin asiakaspalautetta, henkilöstön kyselyä ja rekisteritietoja.",
        "Ikäihmisten kotona asumista tuetaan kuntouttavalla työotteella ja omaishoitajien jaksamista vahvistamalla.",
        "Mielenterveys- ja päihdepalveluiden asiakkaat saavat tukea yhdestä paikasta ilman lähetettä.",
        "Koulujen oppilashuolto ja perhekeskus tekevät yhteistyötä lasten hyvinvoinnin tukemiseksi.",
        "Työllisyyspalvelut ja sosiaalityö suunnittelevat asiakkaan polun yhdessä asiakkaan kanssa.",
        "Järjestöjen vapaaehtoistoiminta täydentää hyvinvointialueen palveluita.",
        "Käyttöönotto edellyttää johdon sitoutumista, koulutusta ja yhteisesti sovittuja vastuita.",
        "Mallin levittäminen muille alueille onnistuu, kun paikalliset yhteistyörakenteet ovat olemassa.",
        "Asiakasymmärrystä kerättiin kehittäjäasiakkailta ja kokemusasiantuntijoilta.",
        "Vinkkinä käyttöönottajalle: aloita pienestä kokeilusta ja sovi seurannan mittarit etukäteen.",
        "Digitaaliset palvelut, kuten chat ja etävastaanotto, madaltavat avun hakemisen kynnystä.",
        "Maahan muuttaneiden perheiden kotoutumista tuetaan monikielisellä ohjauksella.",
        "Hyvinvointilähete ohjaa asiakkaan sote-palveluista kunnan ja järjestöjen hyvinvointia edistäviin palveluihin.",
        "Yhteisövaikuttavuuden malli kokoaa kunnan, järjestöt ja yritykset yhteisen tavoitteen taakse.",
    ],
    "sv": [
        "Modellen erbjuder en praktisk process och verktyg för samarbete mellan olika aktörer.",
        "Målet är att stärka det förebyggande arbetet och upptäcka problem i ett tidigt skede.",
        "Familjecentret samordnar arbetet kring barnens och familjernas behov.",
        "Välfärdsområdet, kommunerna, organisationerna och församlingarna erbjuder stöd med låg tröskel.",
        "Barn, unga och familjer deltar i utvärderingen och utvecklingen av verksamheten.",
        "Införandet förutsätter att ledningen förbinder sig, utbildning och gemensamt överenskomna ansvar.",
        "Erfarenheter samlades in genom intervjuer och verkstäder i kommunerna.",
        "Äldre personers boende hemma stöds med ett rehabiliterande arbetssätt.",
        "Tips för den som inför modellen: börja med ett litet försök och kom överens om mätarna i förväg.",
        "Organisationernas frivilligverksamhet kompletterar välfärdsområdets tjänster.",
    ],
    "en": [
        "The model offers a practical process and tools for work across organisational boundaries.",
        "The aim is to strengthen prevention and to recognise problems at an early stage.",
        "The family centre coordinates the work of different actors around the needs of children and families.",
        "Low-threshold support is offered by the wellbeing services county, municipalities, NGOs and parishes.",
        "Children, young people and families take part in evaluating and developing the service.",
        "Adoption requires commitment from management, training and jointly agreed responsibilities.",
        "Experience was gathered in interviews and municipal workshops.",
        "Older people are supported to live at home with a rehabilitative approach.",
        "Tip for adopters: start with a small pilot and agree on the indicators in advance.",
        "Volunteer work by NGOs complements the services of the wellbeing services county.",
    ],
}
TITLE_PARTS = {
    "fi": (
        ["Arjen turvan", "Varhaisen tuen", "Monialaisen palveluohjauksen", "Matalan kynnyksen",
         "Ilmiölähtöisen yhteiskehittämisen", "Perhekeskuksen", "Kotikuntoutuksen", "Hyvinvointilähetteen",
         "Nuorten työllisyyden", "Omaishoidon", "Ikäihmisten arjen", "Koulun hyvinvointityön",
         "Mielenterveyden", "Yhteisövaikuttavuuden", "Kotoutumisen"],
        ["toimintamalli", "malli", "palvelupolku", "työskentelytapa", "verkostomalli"],
    ),
    "sv": (
        ["Tidigt stöd", "Familjecentrets", "Servicehandledningens", "Hemrehabiliteringens",
         "Ungdomarnas sysselsättnings", "Närståendevårdens", "Välfärdsremissens"],
        ["verksamhetsmodell", "modell", "servicestig"],
    ),
    "en": (
        ["Early support", "Family centre", "Multi-agency service guidance", "Home rehabilitation",
         "Youth employment", "Informal care", "Wellbeing referral", "Community impact"],
        ["practice model", "model", "service path"],
    ),
}
EVENT_TITLES = {
    "fi": ["Työpaja", "Koulutus", "Webinaari", "Verkostotapaaminen", "Arviointitapaaminen", "Seminaari"],
    "sv": ["Verkstad", "Utbildning", "Webbinarium", "Nätverksträff", "Utvärderingsmöte", "Seminarium"],
    "en": ["Workshop", "Training", "Webinar", "Network meeting", "Evaluation meeting", "Seminar"],
}
KEYWORDS = ["varhainen tuki", "perhekeskus", "palveluohjaus", "yhdyspinta", "järjestöt", "osallisuus",
            "ikäihmiset", "mielenterveys", "työllisyys", "lapset ja nuoret", "kotoutuminen", "omaishoito"]

# A small fallback vocabulary for when the shipped CSVs are not there (fresh checkout, tests).
FALLBACK_REGIONS = [
    ("lappi", "Lapin hyvinvointialue", "Välfärdsområdet i Lappland", "Wellbeing services county of Lapland"),
    ("pirkanmaa", "Pirkanmaan hyvinvointialue", "Välfärdsområdet i Birkaland", "Wellbeing services county of Pirkanmaa"),
    ("pohjois-pohjanmaa", "Pohjois-Pohjanmaan hyvinvointialue", "Välfärdsområdet i Norra Österbotten", "Wellbeing services county of North Ostrobothnia"),
    ("varsinais-suomi", "Varsinais-Suomen hyvinvointialue", "Välfärdsområdet i Egentliga Finland", "Wellbeing services county of Southwest Finland"),
    ("pohjanmaa", "Pohjanmaan hyvinvointialue", "Österbottens välfärdsområde", "Wellbeing services county of Ostrobothnia"),
    ("helsinki", "Helsingin kaupunki", "Helsingfors stad", "City of Helsinki"),
    ("keski-uusimaa", "Keski-Uudenmaan hyvinvointialue", "Välfärdsområdet i Mellersta Nyland", "Wellbeing services county of Central Uusimaa"),
    ("kansallinen", "Valtakunnallinen", "Riksomfattande", "National"),
]
FALLBACK_MUNICIPALITIES = [
    ("rovaniemi", "Rovaniemi", "Rovaniemi", "lappi"), ("kemi", "Kemi", "Kemi", "lappi"),
    ("inari", "Inari", "Enare", "lappi"), ("tampere", "Tampere", "Tammerfors", "pirkanmaa"),
    ("nokia", "Nokia", "Nokia", "pirkanmaa"), ("oulu", "Oulu", "Uleåborg", "pohjois-pohjanmaa"),
    ("turku", "Turku", "Åbo", "varsinais-suomi"), ("vaasa", "Vaasa", "Vasa", "pohjanmaa"),
    ("helsinki-kunta", "Helsinki", "Helsingfors", "helsinki"), ("nurmijarvi", "Nurmijärvi", "Nurmijärvi", "keski-uusimaa"),
]
FALLBACK_SIMPLE = {
    TargetGroup: [("lapset", "Lapset", "Barn", "Children"), ("nuoret", "Nuoret", "Unga", "Young people"),
                  ("perheet", "Perheet", "Familjer", "Families"), ("ikaihmiset", "Ikäihmiset", "Äldre", "Older people"),
                  ("tyoikaiset", "Työikäiset", "Personer i arbetsför ålder", "Working-age people"),
                  ("maahan-muuttaneet", "Maahan muuttaneet", "Invandrare", "Immigrants")],
    Theme: [("varhainen-tuki", "Varhainen tuki", "Tidigt stöd", "Early support"),
            ("mielenterveys", "Mielenterveys", "Psykisk hälsa", "Mental health"),
            ("palveluohjaus", "Palveluohjaus", "Servicehandledning", "Service guidance"),
            ("osallisuus", "Osallisuus", "Delaktighet", "Participation"),
            ("tyollisyys", "Työllisyys", "Sysselsättning", "Employment"),
            ("kotona-asuminen", "Kotona asuminen", "Boende hemma", "Living at home")],
    Funder: [("stm", "Sosiaali- ja terveysministeriö (STM)", "Social- och hälsovårdsministeriet", "Ministry of Social Affairs and Health"),
             ("stea", "STEA", "STEA", "STEA"), ("esr", "Euroopan sosiaalirahasto", "Europeiska socialfonden", "European Social Fund"),
             ("ei-rahoitusta", "Ei erillisrahoitusta", "Ingen separat finansiering", "No separate funding")],
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
    from .vocabulary_data import load_vocabularies

    load_vocabularies()
    if not Region.objects.exists():
        for i, (code, fi, sv, en) in enumerate(FALLBACK_REGIONS):
            kind = Region.Kind.NATIONAL if code == "kansallinen" else Region.Kind.COUNTY
            Region.objects.update_or_create(code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en,
                                                                 "kind": kind, "sort_order": i})
    regions = {r.code: r for r in Region.objects.all()}
    if not Municipality.objects.exists():
        for code, fi, sv, region in FALLBACK_MUNICIPALITIES:
            Municipality.objects.update_or_create(
                code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": fi,
                                     "region": regions.get(region) or next(iter(regions.values()))})
    for model, rows in FALLBACK_SIMPLE.items():
        if not model.objects.exists():
            for i, (code, fi, sv, en) in enumerate(rows):
                model.objects.update_or_create(code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en,
                                                                    "sort_order": i})
    if not Organisation.objects.exists():
        for code, fi, kind, region in FALLBACK_ORGANISATIONS:
            Organisation.objects.update_or_create(code=code, defaults={"name_fi": fi, "name_sv": fi, "name_en": fi,
                                                                       "kind": kind, "region": regions.get(region)})


@dataclass
class Vocab:
    regions: list
    municipalities: list
    target_groups: list
    themes: list
    funders: list
    organisations: list
    municipality_region: dict = field(default_factory=dict)

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
        )


class Text:
    """Seeded sentence/paragraph maker for one language."""

    def __init__(self, rng, language):
        self.rng = rng
        self.language = language
        self.sentences = SENTENCES.get(language) or SENTENCES["en"]

    def paragraph(self, low=3, high=5):
        return " ".join(self.rng.choice(self.sentences) for _ in range(self.rng.randint(low, high)))

    def section(self):
        # 2–3 paragraphs of 3–5 sentences: ~80–200 words, like the reference documents.
        return "".join(f"<p>{self.paragraph()}</p>" for _ in range(self.rng.randint(2, 3)))

    def title(self):
        first, second = TITLE_PARTS.get(self.language) or TITLE_PARTS["en"]
        return f"{self.rng.choice(first)} {self.rng.choice(second)}"


def _last_child_step(parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path").values_list("path", flat=True).first()
    )
    return Page._str2int(last[-Page.steplen:]) if last else 0


def bulk_add_children(parent, model, rows):
    """Insert live pages of ``model`` below ``parent`` in bulk; returns their primary keys.

    ``rows`` are dicts with ``page`` (Page field values) and ``specific`` (the page type's
    own field values). Paths come from treebeard's helper, so the tree stays valid
    (``Page.find_problems()`` finds nothing).
    """
    if not rows:
        return []
    parent = Page.objects.get(pk=parent.pk)
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    step = _last_child_step(parent)
    depth = parent.depth + 1
    base_rows = []
    for i, row in enumerate(rows, start=1):
        values = row["page"]
        base_rows.append(Page(
            path=model._get_path(parent.path, depth, step + i),
            depth=depth,
            numchild=0,
            url_path=f"{parent.url_path}{values['slug']}/",
            draft_title=values["title"],
            live=True,
            has_unpublished_changes=False,
            first_published_at=values.get("first_published_at", now),
            last_published_at=values.get("last_published_at", now),
            latest_revision_created_at=None,
            content_type=content_type,
            locale_id=parent.locale_id,
            **{k: v for k, v in values.items() if k not in {"first_published_at", "last_published_at"}},
        ))
    Page.objects.bulk_create(base_rows, batch_size=BATCH)
    pks = [p.pk for p in base_rows]
    if any(pk is None for pk in pks):  # backends without RETURNING: read them back by path
        by_path = dict(Page.objects.filter(path__in=[p.path for p in base_rows]).values_list("path", "pk"))
        pks = [by_path[p.path] for p in base_rows]
    specific = [model(page_ptr_id=pk, **row["specific"]) for pk, row in zip(pks, rows)]
    fields = model._meta.local_concrete_fields
    model._base_manager.all()._batched_insert(specific, fields=fields, batch_size=BATCH)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(rows))
    return pks


def bulk_link(model, field_name, pairs):
    """Bulk-create many-to-many rows (page pk, target pk) of ``model.field_name``."""
    m2m = model._meta.get_field(field_name)
    through = m2m.remote_field.through
    source, target = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
    through.objects.bulk_create([through(**{source: a, target: b}) for a, b in pairs], batch_size=BATCH)


def _ensure_section(parent, organisation, translation_key=None):
    from editorial.models import OrganisationSectionPage

    slug = organisation.code[:50]
    section = OrganisationSectionPage.objects.child_of(parent).filter(slug=slug).first()
    if section is None:
        section = OrganisationSectionPage(
            title=organisation.localized_name(parent.locale.language_code), slug=slug,
            organisation=organisation, locale_id=parent.locale_id,
            translation_key=translation_key or uuid.uuid4(),
        )
        parent.add_child(instance=section)
        section.save_revision().publish()
    return section


class CorpusBuilder:
    def __init__(self, seed=1, languages=("fi", "sv", "en"), stdout=None):
        self.rng = random.Random(seed)
        self.languages = [code for code in languages if code]
        if "fi" not in self.languages:
            self.languages.insert(0, "fi")
        self.stdout = stdout
        self.timings = {}
        self.created = {"models": 0, "events": 0}
        self.numbers = {"models": 0, "events": 0}  # numbering continues across calls (unique slugs)
        self.model_pks, self.event_pks = {}, {}

    def log(self, message):
        if self.stdout:
            self.stdout.write(message)

    def _tick(self, name, started):
        self.timings[name] = round(time.monotonic() - started, 2)
        self.log(f"  {name}: {self.timings[name]} s")

    # -- structure ---------------------------------------------------------------------
    def prepare(self):
        from events.models import EventIndexPage
        from home.demo import ensure_site_structure

        started = time.monotonic()
        ensure_vocabularies()
        ensure_site_structure()
        self.vocab = Vocab.load()
        self.locales = {code: Locale.objects.get(language_code=code) for code in self.languages}
        fi = self.locales["fi"]
        self.library = {}
        self.calendar = {}
        fi_library = PracticeModelIndexPage.objects.get(locale=fi)
        fi_calendar = EventIndexPage.objects.get(locale=fi)
        for code, locale in self.locales.items():
            self.library[code] = fi_library.get_translation_or_none(locale) if code != "fi" else fi_library
            self.calendar[code] = fi_calendar.get_translation_or_none(locale) if code != "fi" else fi_calendar
        self.languages = [c for c in self.languages if self.library[c] is not None and self.calendar[c] is not None]
        self._tick("structure", started)

    def sections(self, index_by_language, count):
        """``count`` organisation sections per language below the given index pages."""
        out = {code: [] for code in self.languages}
        for organisation in self.vocab.organisations[:count]:
            fi_section = _ensure_section(index_by_language["fi"], organisation)
            out["fi"].append(fi_section)
            for code in self.languages[1:]:
                out[code].append(_ensure_section(index_by_language[code], organisation, fi_section.translation_key))
        return out

    # -- practice models -------------------------------------------------------------
    def models(self, count):
        started = time.monotonic()
        rng, vocab = self.rng, self.vocab
        section_count = min(len(vocab.organisations), max(1, count // 250))
        sections = self.sections(self.library, section_count) if count else {}
        stages = list(DevelopmentStage.values)
        # Plan every model once (language-independent values), then write one tree per language.
        plans = []
        today = datetime.date.today()
        first = self.numbers["models"] + 1
        self.numbers["models"] += count
        for n in range(first, first + count):
            home = rng.randrange(section_count + 1)  # the last "section" is the library itself
            municipalities = rng.sample(vocab.municipalities, k=min(len(vocab.municipalities), rng.randint(0, 3)))
            regions = {vocab.municipality_region[m] for m in municipalities} or {rng.choice(vocab.regions)}
            updated = today - datetime.timedelta(days=rng.randint(0, 5 * 365))
            plans.append({
                "n": n,
                "home": home,
                "key": uuid.uuid4(),
                "stage": rng.choices(stages, weights=[1, 4, 4, 2])[0],
                "updated": updated,
                "created": updated - datetime.timedelta(days=rng.randint(0, 3 * 365)),
                "regions": sorted(regions),
                "municipalities": municipalities,
                "themes": rng.sample(vocab.themes, k=min(len(vocab.themes), rng.randint(1, 3))),
                "target_groups": rng.sample(vocab.target_groups, k=min(len(vocab.target_groups), rng.randint(1, 3))),
                "funders": rng.sample(vocab.funders, k=min(len(vocab.funders), 1)),
                "organisations": rng.sample(vocab.organisations, k=min(len(vocab.organisations), rng.randint(1, 2))),
                "keywords": ", ".join(rng.sample(KEYWORDS, k=3)),
                "adoptions": rng.randint(0, 3),
            })
        for code in self.languages:
            text = Text(random.Random(f"{code}-models-{first}"), code)
            by_parent = {}
            for plan in plans:
                by_parent.setdefault(plan["home"], []).append(plan)
            pks_by_n = {}
            for home, group in by_parent.items():
                parent = sections[code][home] if home < section_count else self.library[code]
                rows = []
                for plan in group:
                    stem = text.title()
                    title = f"{stem} {plan['n']}"
                    rows.append({
                        "page": {"title": title, "slug": f"{slugify(stem)[:60]}-{plan['n']}",
                                 "translation_key": plan["key"]},
                        "specific": {
                            "short_description": text.paragraph(1, 2)[:400],
                            "implementation_site": plan["organisations"][0].localized_name(code),
                            "development_stage": plan["stage"],
                            "source_created": plan["created"],
                            "source_updated": plan["updated"],
                            "last_reviewed": plan["updated"],
                            "keywords": plan["keywords"],
                            **{name: text.section() for name in SECTION_FIELDS},
                        },
                    })
                for plan, pk in zip(group, bulk_add_children(parent, PracticeModelPage, rows)):
                    pks_by_n[plan["n"]] = pk
            self.model_pks.setdefault(code, {}).update(pks_by_n)
            self._link_models(plans, pks_by_n)
        self.created["models"] += count * len(self.languages)
        self._tick("models", started)

    def _link_models(self, plans, pks):
        rng, vocab = self.rng, self.vocab
        for field_name in ("regions", "municipalities", "themes", "target_groups", "funders"):
            bulk_link(PracticeModelPage, field_name, [(pks[p["n"]], v) for p in plans for v in p[field_name]])
        bulk_link(PracticeModelPage, "organisations",
                  [(pks[p["n"]], o.pk) for p in plans for o in p["organisations"]])
        numbers = list(pks)
        related = []
        for p in plans:
            if len(numbers) > 1 and p["n"] % 3 == 0:
                other = rng.choice(numbers)
                if other != p["n"]:
                    related.append((pks[p["n"]], pks[other]))
        bulk_link(PracticeModelPage, "related_models", related)
        contacts, adoptions = [], []
        for p in plans:
            page_id = pks[p["n"]]
            owner = p["organisations"][0]
            contacts.append(ModelContact(page_id=page_id, organisation=owner, role=ModelContact.Role.OWNER,
                                         email=f"kirjaamo@{owner.code[:40]}.example.fi", sort_order=0))
            for i in range(p["adoptions"]):
                municipality = rng.choice(vocab.municipalities) if vocab.municipalities else None
                adoptions.append(Adoption(
                    page_id=page_id, municipality_id=municipality,
                    region_id=vocab.municipality_region.get(municipality) or rng.choice(vocab.regions),
                    year=rng.randint(2015, 2025), status=rng.choice(Adoption.Status.values), sort_order=i,
                ))
        ModelContact.objects.bulk_create(contacts, batch_size=BATCH)
        Adoption.objects.bulk_create(adoptions, batch_size=BATCH)

    # -- events ------------------------------------------------------------------------------
    def events(self, count):
        from events.models import EventPage

        started = time.monotonic()
        rng, vocab = self.rng, self.vocab
        section_count = min(len(vocab.organisations), max(1, count // 250))
        sections = self.sections(self.calendar, section_count) if count else {}
        now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
        types = list(EventPage.EventType.values)
        plans = []
        first = self.numbers["events"] + 1
        self.numbers["events"] += count
        for n in range(first, first + count):
            all_day = rng.random() < 0.1
            start = now + datetime.timedelta(days=rng.randint(-180, 365))
            start = start.replace(hour=0 if all_day else rng.randint(8, 16))
            duration = datetime.timedelta(days=1) if all_day else datetime.timedelta(hours=rng.choice([1, 2, 3, 6]))
            municipality = rng.choice(vocab.municipalities) if vocab.municipalities else None
            plans.append({
                "n": n, "home": rng.randrange(section_count + 1), "key": uuid.uuid4(),
                "type": rng.choice(types), "start": start, "end": start + duration, "all_day": all_day,
                "status": rng.choices(EventPage.Status.values, weights=[20, 1, 1, 1])[0],
                "attendance": rng.choice(EventPage.Attendance.values),
                "municipality": municipality, "region": vocab.municipality_region.get(municipality),
                "organiser": rng.choice(vocab.organisations).pk,
                "target_groups": rng.sample(vocab.target_groups, k=min(len(vocab.target_groups), rng.randint(1, 2))),
                "recurring": rng.random() < 0.2,
            })
        optional = {f.name for f in EventPage._meta.get_fields()}
        for code in self.languages:
            text = Text(random.Random(f"{code}-events-{first}"), code)
            type_labels = dict(zip(types, EVENT_TITLES.get(code, EVENT_TITLES["en"])))
            by_parent = {}
            for plan in plans:
                by_parent.setdefault(plan["home"], []).append(plan)
            pks_by_n = {}
            for home, group in by_parent.items():
                parent = sections[code][home] if home < section_count else self.calendar[code]
                rows = []
                for plan in group:
                    stem = f"{type_labels[plan['type']]}: {text.title()}"
                    title = f"{stem} {plan['n']}"
                    specific = {
                        "summary": text.paragraph(1, 2)[:400],
                        "body": [{"type": "paragraph", "value": text.section(), "id": str(uuid.uuid4())}],
                        "event_type": plan["type"], "status": plan["status"], "start": plan["start"],
                        "end": plan["end"], "all_day": plan["all_day"], "attendance": plan["attendance"],
                        "venue_name": "" if plan["attendance"] == "online" else "Kulttuuritalo",
                        "municipality_id": plan["municipality"], "region_id": plan["region"],
                        "organiser_id": plan["organiser"],
                    }
                    # Recurrence flags appear with the events feature; set them when the model has them.
                    for name, value in (("is_recurring", plan["recurring"]), ("recurring", plan["recurring"])):
                        if name in optional:
                            specific[name] = value
                    rows.append({"page": {"title": title, "slug": f"{slugify(stem)[:60]}-{plan['n']}",
                                          "translation_key": plan["key"]}, "specific": specific})
                for plan, pk in zip(group, bulk_add_children(parent, EventPage, rows)):
                    pks_by_n[plan["n"]] = pk
            self.event_pks.setdefault(code, {}).update(pks_by_n)
            bulk_link(EventPage, "target_groups", [(pks_by_n[p["n"]], t) for p in plans for t in p["target_groups"]])
            models = list(self.model_pks.get(code, {}).values())
            if models:
                bulk_link(EventPage, "related_models",
                          [(pks_by_n[p["n"]], rng.choice(models)) for p in plans if p["n"] % 2 == 0])
        self.created["events"] += count * len(self.languages)
        self._tick("events", started)

    # -- search index --------------------------------------------------------------------------
    def index(self):
        """Add the pages created so far to every search backend, in chunks (no per-page signals)."""
        from events.models import EventPage

        started = time.monotonic()
        backends = list(get_search_backends(with_auto_update=False))
        with _fast_lemmas():
            for model, pks_by_code in ((PracticeModelPage, self.model_pks), (EventPage, self.event_pks)):
                pks = [pk for by_n in pks_by_code.values() for pk in by_n.values()]
                for i in range(0, len(pks), BATCH):
                    chunk = list(model.objects.filter(pk__in=pks[i:i + BATCH]).select_related("locale"))
                    for page in chunk:
                        _memoise_lemmas(page)
                    for backend in backends:
                        backend.add_bulk(model, chunk)
        self._tick("search index", started)


LEMMA_METHODS = ("search_lemma_title", "search_lemma_summary", "search_lemma_body")


def _memoise_lemmas(page):
    """Compute each lemmatised index field once per page.

    The database backend reads every search field several times while building one index
    row (measured: 3 calls each), and lemmatising is the expensive part of indexing.
    """
    for name in LEMMA_METHODS:
        method = getattr(page, name, None)
        if callable(method):
            value = method()
            setattr(page, name, lambda value=value: value)


class _fast_lemmas:
    """Memoise ``search.text.fold`` (a pure function) while the corpus is indexed."""

    def __enter__(self):
        from functools import lru_cache

        from search import text

        self.module, self.original = text, getattr(text, "fold", None)
        if self.original is not None:
            text.fold = lru_cache(maxsize=500_000)(self.original)
        return self

    def __exit__(self, *exc):
        if self.original is not None:
            self.module.fold = self.original


def _refresh_planner_statistics():
    """After a bulk load the planner's row estimates are those of an empty site until
    autovacuum gets round to it (measured: search chose a nested loop over 15 000 pages,
    460 ms instead of 9 ms). A real site grows slowly; a generated one must say so.

    On PostgreSQL also VACUUM, which sets the visibility map: without it the planner cannot
    use index-only scans and reads the whole 56 MB model table for every facet count
    (measured at 10 000 models: one facet count 41 ms before, 32 ms after). Runs only
    outside a transaction (VACUUM refuses one); inside, ANALYZE alone.
    """
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    elif connection.vendor in ("postgresql", "sqlite"):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def generate_corpus(models=100, events=50, seed=1, languages=("fi", "sv", "en"), index=True, stdout=None):
    """Build the corpus; returns {"created": {...}, "timings": {...}} (seconds per phase)."""
    builder = CorpusBuilder(seed=seed, languages=languages, stdout=stdout)
    started = time.monotonic()
    # The site structure is committed first: its on-commit hooks (wagtail-localize slug
    # changes -> automatic redirects for every descendant) must not see the bulk pages.
    builder.prepare()
    with transaction.atomic():
        builder.models(models)
        builder.events(events)
    if index:
        builder.index()
    _refresh_planner_statistics()
    builder.timings["total"] = round(time.monotonic() - started, 2)
    return {"created": builder.created, "timings": builder.timings, "languages": builder.languages}
