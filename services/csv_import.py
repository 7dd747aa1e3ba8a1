"""CSV import of the service lists municipalities and NGO centres already keep.

Two steps, nothing published: the file is read and a **preview with a mapping report** is
shown (which columns were recognised, which were not, and each row's problems); confirming
creates **draft** service pages for the rows without problems, for editors to complete and
publish through the normal workflow. Rows whose name already exists in the tray are skipped.

Columns are recognised by header in Finnish, Swedish or English (``HEADERS``); cells with
several values (municipalities, languages) are separated by ``;`` or ``,``.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events.models import EventLanguage
from models_library.models import Municipality, Organisation

from .models import Cost, ServicePage

MAX_BYTES = 500_000
MAX_ROWS = 500

# field -> header names (case-insensitive) that mean it
HEADERS = {
    "title": ("nimi", "palvelu", "namn", "tjänst", "name", "service"),
    "provider": ("järjestäjä", "tuottaja", "anordnare", "provider", "organisation", "organisaatio"),
    "summary": ("kuvaus", "tiivistelmä", "beskrivning", "description", "summary"),
    "municipalities": ("kunta", "kunnat", "kommun", "kommuner", "municipality", "municipalities"),
    "languages": ("kieli", "kielet", "språk", "language", "languages"),
    "phone": ("puhelin", "telefon", "phone"),
    "email": ("sähköposti", "e-post", "email", "e-mail"),
    "url": ("verkkosivu", "verkko-osoite", "webbadress", "web", "url", "website"),
    "cost": ("hinta", "maksu", "kostnad", "avgift", "cost", "fee"),
}
FREE_WORDS = {"", "maksuton", "ilmainen", "0", "0 €", "avgiftsfri", "gratis", "free", "free of charge"}


@dataclass
class Row:
    number: int
    values: dict
    problems: list = field(default_factory=list)
    municipalities: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    provider: object = None
    duplicate: bool = False

    @property
    def ok(self):
        return not self.problems and not self.duplicate


@dataclass
class Preview:
    columns: dict = field(default_factory=dict)  # header -> field
    unknown_columns: list = field(default_factory=list)
    missing_columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def importable(self):
        return [row for row in self.rows if row.ok]


def _split(value):
    return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]


def _lookup(model, names, fields):
    """{casefolded code or name: row} for the given values, in one query."""
    if not names:
        return {}
    q = Q(code__in=names)
    for name in fields:
        q |= Q(**{f"{name}__in": names})
    out = {}
    for row in model.objects.filter(q):
        for key in [row.code, *(getattr(row, name) for name in fields)]:
            if key:
                out[key.casefold()] = row
    return out


def decode(raw):
    if len(raw) > MAX_BYTES:
        return None, _("The file is too large (at most %(kb)d kB).") % {"kb": MAX_BYTES // 1000}
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding), None
        except UnicodeDecodeError:
            continue
    return None, _("The file could not be read as text.")


def preview(text, index):
    """Parse ``text`` (CSV) into a Preview for the tray ``index`` (a fixed number of queries)."""
    result = Preview()
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        result.errors.append(_("The file is empty."))
        return result
    names = {alias: name for name, aliases in HEADERS.items() for alias in aliases}
    positions = {}
    for position, raw in enumerate(header):
        key = raw.strip().casefold()
        if key in names and names[key] not in positions:
            positions[names[key]] = position
            result.columns[raw.strip()] = names[key]
        elif raw.strip():
            result.unknown_columns.append(raw.strip())
    if "title" not in positions:
        result.errors.append(_("No column for the name of the service (e.g. “nimi” or “name”)."))
        return result
    result.missing_columns = [name for name in HEADERS if name not in positions]
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            result.errors.append(_("Only the first %(count)d rows were read.") % {"count": MAX_ROWS})
            break
        values = {name: (cells[p].strip() if p < len(cells) else "") for name, p in positions.items()}
        rows.append(Row(number=number, values=values))
    municipality_names = sorted({v for row in rows for v in _split(row.values.get("municipalities", ""))})
    language_names = sorted({v for row in rows for v in _split(row.values.get("languages", ""))})
    provider_names = sorted({row.values.get("provider", "") for row in rows} - {""})
    municipalities = _lookup(Municipality, municipality_names, ("name_fi", "name_sv", "name_en", "name_se"))
    languages = _lookup(EventLanguage, language_names, ("name_fi", "name_sv", "name_en"))
    providers = _lookup(Organisation, provider_names, ("name_fi", "name_sv", "name_en"))
    existing = {title.casefold() for title in ServicePage.objects.child_of(index).values_list("title", flat=True)}
    seen = set()
    for row in rows:
        title = row.values["title"]
        if not title:
            row.problems.append(_("The name is empty."))
        elif title.casefold() in existing or title.casefold() in seen:
            row.duplicate = True
        seen.add(title.casefold())
        for value in _split(row.values.get("municipalities", "")):
            found = municipalities.get(value.casefold())
            if found is None:
                row.problems.append(_("Unknown municipality “%(value)s”.") % {"value": value})
            else:
                row.municipalities.append(found)
        for value in _split(row.values.get("languages", "")):
            found = languages.get(value.casefold())
            if found is None:
                row.problems.append(_("Unknown language “%(value)s”.") % {"value": value})
            else:
                row.languages.append(found)
        if row.values.get("provider"):
            row.provider = providers.get(row.values["provider"].casefold())
    result.rows = rows
    return result


def create_drafts(result, index):
    """Draft service pages for the importable rows. Returns the pages (none is published)."""
    pages = []
    used = set(ServicePage.objects.child_of(index).values_list("slug", flat=True))
    for row in result.importable:
        base = slugify(row.values["title"])[:60] or "palvelu"
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        values = row.values
        cost = values.get("cost", "")
        page = ServicePage(
            title=values["title"][:255],
            slug=slug,
            locale_id=index.locale_id,
            summary=values.get("summary", "")[:400],
            offer=f"<p>{escape(values.get('summary', ''))}</p>" if values.get("summary") else "",
            provider=row.provider,
            contact_phone=values.get("phone", "")[:40],
            contact_email=values.get("email", "")[:254] if "@" in values.get("email", "") else "",
            contact_url=values.get("url", "")[:500]
            if values.get("url", "").startswith(("http://", "https://"))
            else "",
            cost=Cost.FREE if cost.casefold() in FREE_WORDS else Cost.FEE,
            fee_text="" if cost.casefold() in FREE_WORDS else cost[:255],
            live=False,
        )
        index.add_child(instance=page)
        page.municipalities.set(row.municipalities)
        page.languages.set(row.languages)
        page.save()  # parental many-to-many relations are written on save
        page.save_revision()
        pages.append(page)
    return pages
