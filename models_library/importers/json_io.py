"""Lossless JSON export and import of practice models (drafts included, with status).

Each model carries its published content and, when it has unpublished changes, the
latest draft as well; pages are identified across systems by ``translation_key`` +
``locale``, vocabularies by their codes, linked pages by translation key.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.dateparse import parse_date
from wagtail.models import Locale, Page

from core.ordering import in_order

from ..models import (
    EvidenceLevel,
    Municipality,
    Organisation,
    PracticeModelIndexPage,
    PracticeModelPage,
    Region,
)
from ..models.pages import Adoption, ModelContact
from ..sections import DESCRIPTION_FIELDS
from . import ImportFileError
from .text import decode

FORMAT = "practice-models"
VERSION = 1
TEXT_FIELDS = [
    "title",
    "seo_title",
    "search_description",
    "short_description",
    "implementation_site",
    "keywords",
    "cover_image_alt",
    "development_stage",
    "funding_used",
] + list(DESCRIPTION_FIELDS)
DATE_FIELDS = ["source_created", "source_updated", "last_reviewed"]
STREAM_FIELDS = ["extra_sections", "attachments", "evaluations", "resources", "adoption_steps", "materials"]
# Copied as they are; an export without them (older files) leaves the model's defaults.
PLAIN_FIELDS = {
    "evidence_level": EvidenceLevel.NOT_EVALUATED,
    "no_extra_cost": False,
    "one_off_cost_min": None,
    "one_off_cost_max": None,
    "yearly_cost_min": None,
    "yearly_cost_max": None,
}


def _codes(manager):
    return sorted(row.code for row in manager.all())


def content_of(page, private_contacts=False):
    """The editable content of one version of a page, as plain JSON values."""
    data = {name: getattr(page, name) for name in TEXT_FIELDS}
    data.update({name: getattr(page, name).isoformat() if getattr(page, name) else None for name in DATE_FIELDS})
    data.update({name: getattr(page, name).get_prep_value() for name in STREAM_FIELDS})
    for name in STREAM_FIELDS:
        for block in data[name]:
            block.pop("id", None)
    data.update({name: getattr(page, name) for name in PLAIN_FIELDS})
    data.update({name: _codes(getattr(page, name)) for name in PracticeModelPage.vocabulary_links()})
    data["cover_image"] = page.cover_image_id
    data["parent_model"] = str(page.parent_model.translation_key) if page.parent_model_id else None
    data["related_models"] = sorted(str(p.translation_key) for p in page.related_models.all())
    data["contacts"] = [
        {
            "organisation": c.organisation.code,
            "name": c.name,
            "role": c.role,
            "url": c.url,
            # Files get passed around: by default a non-public e-mail or phone never leaves the
            # portal, and "withheld" tells an import into this portal to keep the value it
            # already has. ``private_contacts`` (an operator moving content to another portal)
            # carries them, so the round trip loses nothing.
            "email": c.email if private_contacts else c.public_email,
            "email_public": c.email_public,
            "email_withheld": bool(c.email and not c.email_public and not private_contacts),
            "phone": c.phone if private_contacts else c.public_phone,
            "phone_public": c.phone_public,
            "phone_withheld": bool(c.phone and not c.phone_public and not private_contacts),
        }
        for c in page.contacts.all()
    ]
    data["adoptions"] = [
        {
            "organisation": a.organisation.code if a.organisation_id else None,
            "municipality": a.municipality.code if a.municipality_id else None,
            "region": a.region.code if a.region_id else None,
            "year": a.year,
            "status": a.status,
        }
        for a in page.adoptions.all()
    ]
    return data


def export_models(private_contacts=False):
    out = []
    for page in PracticeModelPage.objects.order_by("locale__language_code", "slug", "pk").select_related("locale"):
        parent = page.get_parent()
        record = {
            "translation_key": str(page.translation_key),
            "locale": page.locale.language_code,
            "slug": page.slug,
            "parent": {"translation_key": str(parent.translation_key), "slug": parent.slug},
            # "draft" (never or no longer published), "live", or "live_with_draft"
            # (published, with unpublished changes kept under "draft").
            "status": "draft" if not page.live else ("live_with_draft" if page.has_unpublished_changes else "live"),
            "content": content_of(page, private_contacts),
            "draft": None,
        }
        if page.has_unpublished_changes and page.live:
            record["draft"] = content_of(page.get_latest_revision_as_object(), private_contacts)
        elif not page.live:
            latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
            record["content"] = content_of(latest, private_contacts)
        out.append(record)
    return {"format": FORMAT, "version": VERSION, "models": out}


def dumps(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2, sort_keys=True)


def validate(data, name="file"):
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("models"), list):
        raise ImportFileError(f'{name}: not a practice-model export (expected "format": "{FORMAT}").')
    if data.get("version") != VERSION:
        raise ImportFileError(f"{name}: export version {data.get('version')!r} is not supported.")
    for i, record in enumerate(data["models"]):
        if record.get("status") not in ("draft", "live", "live_with_draft"):
            raise ImportFileError(f"{name}: model #{i + 1} has an unknown status {record.get('status')!r}.")
        for key in ("translation_key", "locale", "slug", "parent", "status", "content"):
            if key not in record:
                raise ImportFileError(f"{name}: model #{i + 1} has no '{key}'.")
        for field, model in PracticeModelPage.vocabulary_links().items():
            for version in (record["content"], record.get("draft") or {}):
                codes = version.get(field, [])
                known = set(model.objects.filter(code__in=codes).values_list("code", flat=True))
                if set(codes) - known:
                    raise ImportFileError(
                        f"{name}: model '{record['slug']}' uses unknown {field} codes: "
                        f"{', '.join(sorted(set(codes) - known))}."
                    )
    return data


def _contact_key(organisation_code, name, role):
    return (organisation_code, (name or "").strip().lower(), role)


def _contact(data, existing):
    """A ModelContact from its JSON; a withheld e-mail/phone keeps what this portal has."""
    key = _contact_key(data["organisation"], data.get("name"), data["role"])
    kept = existing.get(key)
    email = data.get("email") or ""
    phone = data.get("phone") or ""
    if data.get("email_withheld") and not email and kept:
        email = kept.email
    if data.get("phone_withheld") and not phone and kept:
        phone = kept.phone
    return ModelContact(
        organisation=Organisation.objects.get(code=data["organisation"]),
        name=data.get("name") or "",
        role=data["role"],
        url=data.get("url") or "",
        email=email,
        # Files from before the flag existed: their e-mails were shown on the page.
        email_public=bool(data.get("email_public", bool(email))),
        phone=phone,
        phone_public=bool(data.get("phone_public", False)),
    )


def _apply(page, content):
    existing = (
        {_contact_key(c.organisation.code, c.name, c.role): c for c in page.contacts.select_related("organisation")}
        if page.pk
        else {}
    )
    for name in TEXT_FIELDS:
        setattr(page, name, content.get(name) or "")
    for name in DATE_FIELDS:
        setattr(page, name, parse_date(content[name]) if content.get(name) else None)
    for name in STREAM_FIELDS:
        setattr(page, name, content.get(name) or [])
    for name, default in PLAIN_FIELDS.items():
        setattr(page, name, content.get(name, default))
    page.cover_image_id = content.get("cover_image")
    for name, model in PracticeModelPage.vocabulary_links().items():
        getattr(page, name).set(list(model.objects.filter(code__in=content.get(name, []))))
    page.contacts = in_order(_contact(c, existing) for c in content.get("contacts", []))

    def vocab(model, code):
        return model.objects.get(code=code) if code else None

    page.adoptions = in_order(
        Adoption(
            organisation=vocab(Organisation, a.get("organisation")),
            municipality=vocab(Municipality, a.get("municipality")),
            region=vocab(Region, a.get("region")),
            year=a.get("year"),
            status=a.get("status", "in_use"),
        )
        for a in content.get("adoptions", [])
    )


def _links(page, content, locale):
    by_key = PracticeModelPage.objects.filter(locale=locale)
    page.parent_model = (
        by_key.filter(translation_key=content["parent_model"]).first() if content.get("parent_model") else None
    )
    page.related_models.set(list(by_key.filter(translation_key__in=content.get("related_models", []))))


def _parent_for(record, locale):
    parent = Page.objects.filter(translation_key=record["parent"]["translation_key"], locale=locale).first()
    if parent is None:
        parent = PracticeModelIndexPage.objects.filter(locale=locale).first()
    if parent is None:
        raise ImportFileError(f"There is no practice-model library in '{locale.language_code}' to import into.")
    return parent


@transaction.atomic
def import_models(data, name="file"):
    """Create or update every model of an export; returns (created, updated) counts."""
    validate(data, name)
    created = updated = 0
    pages = []
    for record in data["models"]:
        locale = Locale.objects.filter(language_code=record["locale"]).first()
        if locale is None:
            raise ImportFileError(f"{name}: unknown language '{record['locale']}'.")
        page = PracticeModelPage.objects.filter(translation_key=record["translation_key"], locale=locale).first()
        if page is None:
            page = PracticeModelPage(
                translation_key=record["translation_key"], locale=locale, slug=record["slug"], live=False
            )
            _apply(page, record["content"])
            _parent_for(record, locale).add_child(instance=page)
            created += 1
        else:
            page.slug = record["slug"]
            _apply(page, record["content"])
            updated += 1
        pages.append((page, record, locale))
    # Links second: every linked page now exists.
    for page, record, locale in pages:
        _links(page, record["content"], locale)
        revision = page.save_revision()
        if record["status"] in ("live", "live_with_draft"):
            revision.publish()
        elif page.live:
            page.unpublish()
        if record.get("draft"):
            page = PracticeModelPage.objects.get(pk=page.pk)
            _apply(page, record["draft"])
            _links(page, record["draft"], locale)
            page.save_revision()
    return created, updated


def load_file(data: bytes, name="file"):
    try:
        return json.loads(decode(data, name))
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"{name}: not valid JSON ({exc.msg} at line {exc.lineno}).") from None
