"""The corpus builder: site structure, practice models, events with their occurrences and
registrations, the search index. What goes through the app's normal code and what is
written in bulk is explained in ``bench/corpus/__init__.py``."""

import datetime
import io
import random
import time
import uuid

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale
from wagtail.search.backends import get_search_backends

from core.pagecache import bump_generation
from demo.site import ensure_site_structure
from events import registrations as registration_service
from events.models import EventIndexPage, EventPage, Registration
from models_library.models import (
    Adoption,
    DevelopmentStage,
    ModelContact,
    PracticeModelIndexPage,
    PracticeModelPage,
)
from models_library.sections import DESCRIPTION_FIELDS

from . import schedule
from .text import EVENT_TITLES, FIRST_NAMES, KEYWORDS, LAST_NAMES, NEEDS, Text
from .tree import BATCH, bulk_add_children, bulk_link, ensure_section
from .vocabularies import Vocab, ensure_vocabularies

VENUES = ["Kulttuuritalo", "Kaupungintalo", "Perhekeskus", "Kirjasto, monitoimitila", "Sote-keskus, auditorio"]
STREETS = ["Kauppakatu", "Koulukatu", "Rantatie", "Asemakatu", "Keskuskatu"]
ACCESSIBILITY = [
    "Esteetön sisäänkäynti ja hissi. Induktiosilmukka salissa.",
    "Tila on esteetön. Lähin esteetön pysäköintipaikka on pääovella.",
    "Toiseen kerrokseen pääsee hissillä. Esteetön wc.",
]


class CorpusBuilder:
    """Builds the corpus step by step (``prepare``, ``models``, ``events``, ``index``).

    The steps can be repeated to grow the same corpus (numbering continues, slugs stay
    unique): the query-budget tests measure the same pages at two sizes that way.
    """

    def __init__(self, seed=1, languages=("fi", "sv", "en"), stdout=None, now=None):
        self.rng = random.Random(seed)
        self.languages = [code for code in languages if code]
        if "fi" not in self.languages:
            self.languages.insert(0, "fi")
        self.stdout = stdout
        self.now = now or timezone.now()
        self.timings = {}
        self.created = {"models": 0, "events": 0, "occurrences": 0, "registrations": 0}
        self.numbers = {"models": 0, "events": 0}  # numbering continues across calls (unique slugs)
        self.model_pks, self.event_pks = {}, {}
        self.shapes = {}  # shape name -> count of Finnish events, for the summary

    def log(self, message):
        if self.stdout:
            self.stdout.write(message)

    def _tick(self, name, started):
        self.timings[name] = round(self.timings.get(name, 0) + time.monotonic() - started, 2)
        self.log(f"  {name}: {self.timings[name]} s")

    # -- structure ---------------------------------------------------------------------
    def prepare(self):
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
            fi_section = ensure_section(index_by_language["fi"], organisation)
            out["fi"].append(fi_section)
            for code in self.languages[1:]:
                out[code].append(ensure_section(index_by_language[code], organisation, fi_section.translation_key))
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
            plans.append(
                {
                    "n": n,
                    "home": home,
                    "key": uuid.uuid4(),
                    "stage": rng.choices(stages, weights=[1, 4, 4, 2])[0],
                    "updated": updated,
                    "created": updated - datetime.timedelta(days=rng.randint(0, 3 * 365)),
                    "regions": sorted(regions),
                    "municipalities": municipalities,
                    "themes": rng.sample(vocab.themes, k=min(len(vocab.themes), rng.randint(1, 3))),
                    "target_groups": rng.sample(
                        vocab.target_groups, k=min(len(vocab.target_groups), rng.randint(1, 3))
                    ),
                    "funders": rng.sample(vocab.funders, k=min(len(vocab.funders), 1)),
                    "organisations": rng.sample(
                        vocab.organisations, k=min(len(vocab.organisations), rng.randint(1, 2))
                    ),
                    "keywords": ", ".join(rng.sample(KEYWORDS, k=3)),
                    # Every third model names another one of this batch as related.
                    "related": rng.randrange(first, first + count) if n % 3 == 0 and count > 1 else None,
                    "adoptions": [self._plan_adoption() for _ in range(rng.randint(0, 3))],
                }
            )
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
                    rows.append(
                        {
                            "page": {
                                "title": title,
                                "slug": f"{slugify(stem)[:60]}-{plan['n']}",
                                "translation_key": plan["key"],
                            },
                            "specific": {
                                "short_description": text.paragraph(1, 2)[:400],
                                "implementation_site": plan["organisations"][0].localized_name(code),
                                "development_stage": plan["stage"],
                                "source_created": plan["created"],
                                "source_updated": plan["updated"],
                                "last_reviewed": plan["updated"],
                                "keywords": plan["keywords"],
                                **{name: text.section() for name in DESCRIPTION_FIELDS},
                            },
                        }
                    )
                for plan, pk in zip(group, bulk_add_children(parent, PracticeModelPage, rows)):
                    pks_by_n[plan["n"]] = pk
            self.model_pks.setdefault(code, {}).update(pks_by_n)
            self._link_models(plans, pks_by_n)
        self.created["models"] += count * len(self.languages)
        self._tick("models", started)

    def _plan_adoption(self):
        rng, vocab = self.rng, self.vocab
        municipality = rng.choice(vocab.municipalities) if vocab.municipalities else None
        return {
            "municipality_id": municipality,
            # Adoption.save fills the region from the municipality.
            "region_id": vocab.municipality_region.get(municipality) or rng.choice(vocab.regions),
            "year": rng.randint(2015, 2025),
            "status": rng.choice(Adoption.Status.values),
        }

    def _link_models(self, plans, pks):
        """One language's links, contacts and adoptions: the same in every translation."""
        for field_name in ("regions", "municipalities", "themes", "target_groups", "funders"):
            bulk_link(PracticeModelPage, field_name, [(pks[p["n"]], v) for p in plans for v in p[field_name]])
        bulk_link(PracticeModelPage, "organisations", [(pks[p["n"]], o.pk) for p in plans for o in p["organisations"]])
        bulk_link(
            PracticeModelPage,
            "related_models",
            [(pks[p["n"]], pks[p["related"]]) for p in plans if p["related"] not in (None, p["n"])],
        )
        contacts, adoptions = [], []
        for p in plans:
            page_id = pks[p["n"]]
            owner = p["organisations"][0]
            contacts.append(
                ModelContact(
                    page_id=page_id,
                    organisation=owner,
                    role=ModelContact.Role.OWNER,
                    email=f"kirjaamo@{owner.code[:40]}.example.fi",
                    sort_order=0,
                )
            )
            adoptions.extend(
                Adoption(page_id=page_id, sort_order=i, **values) for i, values in enumerate(p["adoptions"])
            )
        ModelContact.objects.bulk_create(contacts, batch_size=BATCH)
        Adoption.objects.bulk_create(adoptions, batch_size=BATCH)

    # -- events ------------------------------------------------------------------------------
    def events(self, count):
        """``count`` events per language, then their occurrences and registrations."""
        started = time.monotonic()
        section_count = min(len(self.vocab.organisations), max(1, count // 250))
        sections = self.sections(self.calendar, section_count) if count else {}
        plans = self._plan_events(count, section_count)
        new_pks = []
        for code in self.languages:
            pks_by_n = self._write_events(code, plans, sections, section_count)
            self.event_pks.setdefault(code, {}).update(pks_by_n)
            new_pks.extend(pks_by_n.values())
        self.created["events"] += count * len(self.languages)
        self._tick("events", started)

        started = time.monotonic()
        self.created["occurrences"] += self._sync_occurrences(new_pks)
        self._tick("occurrences", started)

        started = time.monotonic()
        self.created["registrations"] += self._register(plans)
        self._tick("registrations", started)

    def _plan_events(self, count, section_count):
        """Language-independent values of each new event (the same in every translation)."""
        rng, vocab = self.rng, self.vocab
        today = timezone.localdate(self.now)
        first = self.numbers["events"] + 1
        self.numbers["events"] += count
        model_numbers = sorted(self.model_pks.get("fi", {}))
        plans = []
        for n in range(first, first + count):
            shape, when = schedule.plan_time(rng, today)
            details = schedule.plan_details(rng, vocab)
            registration, people = schedule.plan_registration(rng, when, details, self.now)
            if not registration["registration_enabled"] and details.get("join_url_visibility"):
                # A link "for registered participants only" needs registration on the site
                # (EventPage.clean): without it the organiser shows the link to everyone.
                details["join_url_visibility"] = EventPage.JoinLinkVisibility.PUBLIC
            self.shapes[shape] = self.shapes.get(shape, 0) + 1
            plans.append(
                {
                    "n": n,
                    "first": first,
                    "home": rng.randrange(section_count + 1),
                    "key": uuid.uuid4(),
                    "when": when,
                    "details": details,
                    "registration": registration,
                    "people": people.people,
                    # Published some weeks before the first date (or now, for a short notice).
                    "published": min(self.now, when["start"] - datetime.timedelta(days=rng.randint(14, 90))),
                    "venue": rng.choice(VENUES),
                    "street": f"{rng.choice(STREETS)} {rng.randint(1, 40)}",
                    "accessibility": rng.choice(ACCESSIBILITY),
                    "target_groups": rng.sample(
                        vocab.target_groups, k=min(len(vocab.target_groups), rng.randint(1, 2))
                    ),
                    # Half of the events are about a practice model (the same one in every language).
                    "related": rng.choice(model_numbers) if model_numbers and rng.random() < 0.5 else None,
                }
            )
        return plans

    def _write_events(self, code, plans, sections, section_count):
        """One language's event pages (bulk rows) and their links; returns {n: pk}."""
        if not plans:
            return {}
        text = Text(random.Random(f"{code}-events-{plans[0]['first']}"), code)
        type_labels = dict(zip(EventPage.EventType.values, EVENT_TITLES.get(code, EVENT_TITLES["en"])))
        by_parent = {}
        for plan in plans:
            by_parent.setdefault(plan["home"], []).append(plan)
        pks_by_n = {}
        for home, group in by_parent.items():
            parent = sections[code][home] if home < section_count else self.calendar[code]
            rows = []
            for plan in group:
                details = {name: value for name, value in plan["details"].items() if name != "event_languages"}
                stem = f"{type_labels[details['event_type']]}: {text.title()}"
                in_person = details["attendance"] != EventPage.Attendance.ONLINE
                specific = {
                    "summary": text.paragraph(1, 2)[:400],
                    "body": [{"type": "paragraph", "value": text.section(), "id": str(uuid.uuid4())}],
                    **plan["when"],
                    **details,
                    **plan["registration"],
                    "venue_name": plan["venue"] if in_person else "",
                    "street_address": plan["street"] if in_person else "",
                    "accessibility_info": plan["accessibility"] if in_person else "",
                }
                rows.append(
                    {
                        "page": {
                            "title": f"{stem} {plan['n']}",
                            "slug": f"{slugify(stem)[:60]}-{plan['n']}",
                            "translation_key": plan["key"],
                            "first_published_at": plan["published"],
                            "last_published_at": plan["published"],
                        },
                        "specific": specific,
                    }
                )
            for plan, pk in zip(group, bulk_add_children(parent, EventPage, rows)):
                pks_by_n[plan["n"]] = pk
        bulk_link(EventPage, "target_groups", [(pks_by_n[p["n"]], t) for p in plans for t in p["target_groups"]])
        bulk_link(
            EventPage,
            "event_languages",
            [(pks_by_n[p["n"]], language) for p in plans for language in p["details"]["event_languages"]],
        )
        models = self.model_pks.get(code, {})
        bulk_link(
            EventPage,
            "related_models",
            [(pks_by_n[p["n"]], models[p["related"]]) for p in plans if p["related"] in models],
        )
        return pks_by_n

    def _sync_occurrences(self, pks):
        """Occurrence rows through the app's own code, as ``EventPage.save`` makes them."""
        created = 0
        for i in range(0, len(pks), BATCH):
            for page in EventPage.objects.filter(pk__in=pks[i : i + BATCH]).order_by("pk"):
                created += page.regenerate_occurrences()[0]
        return created

    def _register(self, plans):
        """Registrations and cancellations through the registration service, in time order.

        Places, the waiting list, promotion on cancellation and the encryption of the
        needs are therefore the service's. Registrations go to the Finnish page, the
        translation the service keeps them on. At the end the personal data of events
        long over is erased by ``purge_registrations``, as the daily cron does.
        """
        before = Registration.objects.count()
        pks = self.event_pks["fi"]
        pages = EventPage.objects.in_bulk([pks[plan["n"]] for plan in plans if plan["people"]])
        organisations = [o.name_fi for o in self.vocab.organisations] or [""]
        for plan in plans:
            if not plan["people"]:
                continue
            event = pages[pks[plan["n"]]]
            timeline = []
            for i, (registered, cancelled) in enumerate(plan["people"]):
                timeline.append((registered, 0, i))
                if cancelled:
                    timeline.append((cancelled, 1, i))
            tokens = {}
            dates = list(event.occurrences.order_by("start", "pk")) if event.is_recurring else []
            for moment, action, i in sorted(timeline):
                if action == 1:
                    if i in tokens:
                        registration_service.cancel(tokens[i], now=moment)
                    continue
                person = self._participant(plan["n"], i, organisations)
                if event.is_recurring:
                    # A series takes registrations per date: people choose one still ahead.
                    ahead = [o for o in dates if o.start > moment and not o.is_cancelled]
                    if not ahead:
                        continue
                    person["occurrence"] = registration_service.occurrence_key(self.rng.choice(ahead[:3]))
                try:
                    outcome = registration_service.register(
                        event,
                        person,
                        language=self.rng.choice(["fi"] * 8 + ["sv", "en"]),
                        now=moment,
                    )
                except registration_service.RegistrationClosed:
                    continue  # full without a waiting list: the visitor is told so
                tokens[i] = outcome.token
        call_command("purge_registrations", stdout=io.StringIO())  # the summary says it
        return Registration.objects.count() - before

    def _participant(self, n, i, organisations):
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        return {
            "name": f"{first} {last}",
            "email": f"{slugify(first)}.{slugify(last)}.{n}.{i}@example.fi",
            "organisation": rng.choice(organisations),
            "needs": rng.choice(NEEDS) if rng.random() < 0.2 else "",
        }

    # -- search index --------------------------------------------------------------------------
    def index(self):
        """Add the pages created so far to every search backend, as ``update_index`` does.

        Each chunk of the model's own indexed queryset (``get_indexed_objects()``, what
        ``update_index`` reads) goes to the backend's bulk add (what ``update_index`` calls
        per chunk), so every index row is the one production builds from the page's
        lemmatised fields (``core/indexing.py``; tests/bench/test_corpus.py compares the
        rows with ``update_index``'s). The queryset also reads the pages' locale and
        vocabulary names once per chunk: read per page, they were ~7 queries a page and
        made indexing three times slower on PostgreSQL.
        """
        started = time.monotonic()
        backends = list(get_search_backends(with_auto_update=False))
        for model, pks_by_code in ((PracticeModelPage, self.model_pks), (EventPage, self.event_pks)):
            pks = sorted(pk for by_n in pks_by_code.values() for pk in by_n.values())
            vocabularies = [name for name in model.search_vocabulary_fields if hasattr(model, name)]
            queryset = (
                model.get_indexed_objects().select_related("locale").prefetch_related(*vocabularies).order_by("pk")
            )
            for i in range(0, len(pks), BATCH):
                chunk = list(queryset.filter(pk__in=pks[i : i + BATCH]))
                for backend in backends:
                    backend.add_bulk(model, chunk)
        self._tick("search index", started)
        # The pages are live now: a new publish generation, as publishing them one by one
        # would have started (cached pages, feeds and facet memo entries of before go).
        bump_generation()


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
    """Build the corpus; returns {"created": {...}, "shapes": {...}, "timings": {...}, "languages": [...]}."""
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
    return {
        "created": builder.created,
        "shapes": builder.shapes,
        "timings": builder.timings,
        "languages": builder.languages,
    }
