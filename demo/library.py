"""Demo practice models from demo/data/models.json (built from the reference documents).

Idempotent: pages are found by slug below the Finnish library and updated, never
duplicated. Finnish pages sit in the owner organisation's section (created when
missing); Swedish and English versions are wagtail-localize translations made with
``core.localization.translate_page``. A few models are highlighted on the home page.
"""

import datetime
import json
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from core.localization import translate_page
from core.ordering import in_order
from demo import contacts
from editorial.services import ensure_organisation_section
from home.models import HighlightedModel
from models_library.models import (
    Adoption,
    Municipality,
    Organisation,
    PracticeModelPage,
    Region,
)
from models_library.sections import DESCRIPTION_FIELDS

DATA = Path(__file__).resolve().parent / "data" / "models.json"
TRANSLATION_LANGUAGES = ("sv", "en")
HIGHLIGHTED = 3
TRANSLATED_FIELDS = (
    "title",
    "short_description",
    "implementation_site",
    "keywords",
    *DESCRIPTION_FIELDS,
    "cover_image_alt",
)


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _by_code(model, codes, missing):
    rows = list(model.objects.filter(code__in=codes))
    missing.extend(sorted(set(codes) - {row.code for row in rows}))
    return rows


def _stream(sections):
    return [
        {"type": "section", "value": {"kind": s["kind"], "heading": s["heading"], "body": s["body"]}} for s in sections
    ]


def _fill(page, item, fi, missing):
    for name in TRANSLATED_FIELDS:
        setattr(page, name, fi.get(name) or "")
    page.development_stage = item["stage"]
    page.source_created = _date(item.get("created"))
    page.source_updated = _date(item.get("updated"))
    page.extra_sections = _stream(fi.get("extra_sections", []))
    for name, model in PracticeModelPage.vocabulary_links().items():
        getattr(page, name).set(_by_code(model, item.get(name, []), missing))
    organisations = {o.code: o for o in Organisation.objects.all()}
    municipalities = {m.code: m for m in Municipality.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    page.adoptions = in_order(
        Adoption(
            organisation=organisations.get(a.get("organisation") or ""),
            municipality=municipalities.get(a.get("municipality") or ""),
            region=regions.get(a.get("region") or ""),
            year=a.get("year"),
            status=a.get("status", "in_use"),
        )
        for a in item.get("adoptions", [])
        if organisations.get(a.get("organisation") or "")
        or municipalities.get(a.get("municipality") or "")
        or regions.get(a.get("region") or "")
    )
    page.contacts = in_order(contacts.contacts_for(item, organisations))  # demo/contacts.py: role mailboxes only


@transaction.atomic
def load(structure, stdout=None, data_file=DATA):
    data_file = Path(data_file)
    if not data_file.exists():
        if stdout:
            stdout.write(f"No demo models ({data_file} is missing).")
        return []
    items = json.loads(data_file.read_text(encoding="utf-8"))
    library = structure["library"]
    missing = []
    pages = {}
    for item in items:
        fi = item["translations"]["fi"]
        owner = Organisation.objects.filter(code=item.get("owner_organisation") or "").first()
        parent = ensure_organisation_section(owner, structure)["library"] if owner else library
        page = (
            PracticeModelPage.objects.descendant_of(library)
            .filter(slug=item["slug"], locale_id=library.locale_id)
            .first()
        )
        if page is None:
            page = PracticeModelPage(slug=item["slug"], locale=library.locale)
            _fill(page, item, fi, missing)
            parent.add_child(instance=page)
        else:
            _fill(page, item, fi, missing)
            if page.get_parent().pk != parent.pk:
                page.move(parent, pos="last-child")
                page.refresh_from_db()
                _fill(page, item, fi, missing)
        pages[item["slug"]] = page
    # Links once every page exists.
    for item in items:
        page = pages[item["slug"]]
        page.parent_model = pages.get(item.get("parent") or "")
        page.related_models.set([pages[slug] for slug in item.get("related", []) if slug in pages])
        page.save_revision().publish()
    for item in items:
        page = PracticeModelPage.objects.get(pk=pages[item["slug"]].pk)
        for code in TRANSLATION_LANGUAGES:
            values = item["translations"].get(code)
            if not values:
                continue
            translated = {name: values.get(name) or "" for name in TRANSLATED_FIELDS if values.get(name)}
            if values.get("extra_sections"):
                translated["extra_sections"] = _stream(values["extra_sections"])
            translate_page(page, Locale.objects.get(language_code=code), translated)
    _highlight(structure.get("home"), [pages[item["slug"]] for item in items][:HIGHLIGHTED])
    if stdout:
        stdout.write(f"Practice models: {len(items)} in fi, sv, en.")
        if missing:
            stdout.write("Unknown vocabulary codes in the demo data (skipped): " + ", ".join(sorted(set(missing))))
    return list(pages.values())


def _highlight(home, pages):
    if home is None:
        return
    # The home page lists highlights by translation key in its own language; each language
    # version holds its own rows (they are not synchronised until the next translation sync).
    for version in home.specific.get_translations(inclusive=True).specific():
        if version.highlighted_models.exists():
            continue
        version.highlighted_models = [
            HighlightedModel(model_page=page.get_translation_or_none(version.locale) or page, sort_order=i)
            for i, page in enumerate(pages)
        ]
        version.save_revision().publish()
