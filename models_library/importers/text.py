"""Parse plain-text practice-model descriptions (pure Python, no database).

Two reference formats are understood:

* **current** (Innokylä-style pages): "Perustiedot" with label/value lines, the six
  "Toimintamallin kuvaus" sections (headings end in "**"), "Kehittämisen vaihe".
* **legacy** good-practice format: "Tarve & lähtökohta", "Kuvaus", "Organisointi",
  "Raportointi", "Arviointi & vaikutukset", "Haasteet", "Avainsana", "Toteuttajat",
  "Toimiala", "Yhteystiedot".

Nothing is dropped: text under a heading the parser does not map goes into an extra
section and is reported. Only scraping noise (icon lines "icon/… Created with Sketch.",
the site's "Tulosta | pdf" navigation) and personal phone numbers are left out, and
both are listed in the report.
"""

import datetime
import html
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import ImportFileError

MAX_BYTES = 1_000_000
SHORT_DESCRIPTION_MAX = 400

NOISE_PREFIX = re.compile(r"^\s*icon/[\w-]+\s+Created with Sketch\.\s*")
NAVIGATION_NOISE = re.compile(r"^\(Ei kieliversioita\)|Tulosta\s*\|\s*pdf\s*$", re.IGNORECASE)
PHONE = re.compile(r"^(puh|tel|p\.|gsm|mobile)\b.*\d|^\+?\d[\d\s-]{6,}$", re.IGNORECASE)
PHONE_LABEL = re.compile(r"^(puh|tel|p\.|gsm|mobile)\b[.:]?\s*", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# "etunimi.sukunimi@kunta.fi" tells the reader how addresses are formed; it is no address.
EMAIL_PATTERN = re.compile(r"^(etunimi|firstname|fornamn|förnamn)\.(sukunimi|lastname|efternamn)@", re.IGNORECASE)
DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
BULLET = re.compile(r"^[•·\-\*]\s+")
# A sentence that points the reader to an attached document. A text import carries no
# files, so such a document is never provided: the sentence would promise what the page
# does not have.
DOCUMENT_REFERENCE = re.compile(
    r"\b(liitteenä|liitteessä|liitteestä|oheisesta|oheisessa|bifogade?|attached)\b.*"
    r"\b(pdf|tiedosto\w*|dokument\w*|asiakirja\w*|fil\w*|document|file)\b",
    re.IGNORECASE,
)

STAGES = {
    "idea": "idea",
    "ideavaihe": "idea",
    "idea-vaihe": "idea",
    "kehitteillä": "in_development",
    "kehittämisvaiheessa": "in_development",
    "valmis": "ready",
    "vakiintunut": "established",
    "laajassa käytössä": "established",
}

# Labels of the current format's "Perustiedot" block: label -> key.
BASIC_LABELS = {
    "toimintamallin nimi": "title",
    "toimintamallin lyhyt kuvaus": "short_description",
    "toteutuspaikka": "implementation_site",
    "paikkakunta, maakunta tai hyvinvointialue": "places",
    "toimintamallin rahoittaja": "funders",
    "luotu": "created",
    "viimeksi muokattu": "updated",
    "kansikuva": "cover_image_alt",
    "kehittämisen vaihe": "stage",
    "avainsanat": "keywords",
}

# Section headings -> ("field", name) or ("extra", kind). Both formats.
SECTION_HEADINGS = {
    "ratkaisun perusidea": ("field", "basic_idea"),
    "toimintaympäristö": ("field", "operating_environment"),
    "kohderyhmä ja asiakasymmärrys": ("field", "target_group_insight"),
    "toimivuuden ja käyttöönoton ehdot": ("field", "adoption_conditions"),
    "arvioinnin tulokset tiivistettynä": ("field", "evaluation_summary"),
    "vinkit toimintamallin soveltajille": ("field", "tips_for_adopters"),
    # legacy
    "kuvaus": ("field", "basic_idea"),
    "arviointi": ("field", "evaluation_summary"),
    "tarve & lähtökohta": ("extra", "need"),
    "tarve ja lähtökohta": ("extra", "need"),
    "organisointi": ("extra", "organisation"),
    "raportointi": ("extra", "reporting"),
    "vaikutukset": ("extra", "impacts"),
    "haasteet": ("extra", "challenges"),
    "toteuttajat": ("extra", "implementers"),
    "toimiala": ("extra", "sector"),
    "avainsana": ("keywords", "keywords"),
    "avainsanat": ("keywords", "keywords"),
    "yhteystiedot": ("contacts", "contacts"),
}
# Headings that only group others (their own text, if any, is kept as an extra section).
GROUP_HEADINGS = {"perustiedot", "toimintamallin kuvaus", "arviointi & vaikutukset", "liitteet", "muualla verkossa"}


@dataclass
class ParsedModel:
    format: str
    title: str = ""
    short_description: str = ""
    implementation_site: str = ""
    keywords: str = ""
    cover_image_alt: str = ""
    stage: str = ""
    created: datetime.date | None = None
    updated: datetime.date | None = None
    sections: dict = field(default_factory=dict)  # description field -> HTML
    extra_sections: list = field(default_factory=list)  # {"kind", "heading", "body"}
    places: list = field(default_factory=list)  # names of regions/municipalities as written
    funders: list = field(default_factory=list)
    missing_documents: list = field(default_factory=list)  # sentences that refer to absent files
    labels: dict = field(default_factory=dict)  # "places"/"funders" -> the label as written
    contact_lines: list = field(default_factory=list)  # names of the person/role and organisation
    contact_emails: list = field(default_factory=list)  # imported as non-public
    contact_phones: list = field(default_factory=list)  # imported as non-public
    report: list = field(default_factory=list)  # messages for the editor
    source_paragraphs: list = field(default_factory=list)  # every content line, for checks


def decode(data: bytes, name="file", limit=MAX_BYTES) -> str:
    """Bytes -> text, refusing what is not a plain UTF-8 text description."""
    if not data or not data.strip():
        raise ImportFileError(_("%(name)s: the file is empty.") % {"name": name})
    if len(data) > limit:
        raise ImportFileError(
            _("%(name)s: the file is %(size)s bytes; the limit is %(limit)s.")
            % {"name": name, "size": len(data), "limit": limit}
        )
    if b"\x00" in data:
        raise ImportFileError(_("%(name)s: this is a binary file, not a plain-text description.") % {"name": name})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("%(name)s: the file is not UTF-8 text (byte %(byte)s); save it as UTF-8 and try again.")
            % {"name": name, "byte": exc.start}
        ) from None
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if control > 10:
        raise ImportFileError(
            _("%(name)s: the file contains control characters; it is not a plain-text description.") % {"name": name}
        )
    return text


def clean_line(line: str) -> str:
    line = line.replace("\u00a0", " ").replace("\u200b", "")
    line = NOISE_PREFIX.sub("", line)
    line = re.sub(r"\s*\*\*\s*$", "", line)  # "Toimintaympäristö **"
    line = re.sub(r"[ \t]+", " ", line)
    return line.strip()


def _key(line):
    return line.strip().rstrip(":").lower()


def parse_date(value):
    match = DATE.match(value.strip())
    if not match:
        return None
    day, month, year = (int(x) for x in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(?=\S)")
LETTERED = re.compile(r"^[a-zåäö]\)\s+(?=\S)")


def _esc(text):
    return html.escape(text, quote=False)


def paragraphs_to_html(lines):
    """Lines -> HTML paragraphs; bullet lines become a list, numbered lines ("1. …") an
    ordered list with their lettered sub-items ("a) …") as a list inside the item."""
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        if BULLET.match(line):
            items = []
            while i < len(lines) and BULLET.match(lines[i]):
                items.append(BULLET.sub("", lines[i]))
                i += 1
            out.append("<ul>" + "".join(f"<li>{_esc(item)}</li>" for item in items) + "</ul>")
            continue
        if NUMBERED.match(line):
            items = []  # (number, text, [sub-items])
            while i < len(lines) and (NUMBERED.match(lines[i]) or (items and LETTERED.match(lines[i]))):
                match = NUMBERED.match(lines[i])
                if match:
                    items.append((int(match.group(1)), lines[i], []))
                else:
                    items[-1][2].append(lines[i])
                i += 1
            # 1, 2, 3 … numbers itself; anything else ("2. … ja 3. …", then 4.) keeps its numbers.
            consecutive = [number for number, _text, _subs in items] == list(range(1, len(items) + 1))
            tag = "ol" if consecutive else "ul"
            parts = []
            for _number, text, subs in items:
                text = NUMBERED.sub("", text) if consecutive else text
                inner = "<ul>" + "".join(f"<li>{_esc(sub)}</li>" for sub in subs) + "</ul>" if subs else ""
                parts.append(f"<li>{_esc(text)}{inner}</li>")
            out.append(f"<{tag}>" + "".join(parts) + f"</{tag}>")
            continue
        out.append(f"<p>{_esc(line)}</p>")
        i += 1
    return "".join(out)


def detect_format(keys):
    if "perustiedot" in keys or "ratkaisun perusidea" in keys or "toimintamallin nimi" in keys:
        return "current"
    if "tarve & lähtökohta" in keys or ("kuvaus" in keys and ("organisointi" in keys or "haasteet" in keys)):
        return "legacy"
    return None


def parse_text(text: str, name="file") -> ParsedModel:
    raw_lines = text.splitlines()
    noise = [line.strip() for line in raw_lines if NOISE_PREFIX.match(line)]
    lines = []
    for raw in raw_lines:
        line = clean_line(raw)
        if NAVIGATION_NOISE.search(line):
            noise.append(line)
            continue
        lines.append(line)
    keys = {_key(line) for line in lines if line}
    fmt = detect_format(keys)
    if fmt is None:
        raise ImportFileError(
            _(
                "%(name)s: no known section headings found (e.g. 'Perustiedot', 'Ratkaisun perusidea', "
                "'Tarve & lähtökohta'); is this a practice-model description?"
            )
            % {"name": name}
        )
    model = ParsedModel(format=fmt)
    if noise:
        model.report.append(
            _("Ignored %(count)s scraping-noise line(s) (icons, page navigation).") % {"count": len(noise)}
        )

    # Split into blocks: (heading or None, [content lines]).
    blocks, current = [], (None, [])
    for line in lines:
        if not line:
            continue
        key = _key(line)
        if key in BASIC_LABELS or key in SECTION_HEADINGS or key in GROUP_HEADINGS:
            blocks.append(current)
            current = (line, [])
        else:
            current[1].append(line)
    blocks.append(current)

    lead = blocks[0][1]
    for heading, content in blocks[1:]:
        model.source_paragraphs.extend(content)
        _apply_block(model, heading, _without_document_promises(model, content))
    model.source_paragraphs = lead + model.source_paragraphs
    _apply_lead(model, lead)
    _finish(model)
    return model


def _without_document_promises(model, content):
    kept = []
    for line in content:
        if DOCUMENT_REFERENCE.search(line):
            model.missing_documents.append(line)
            model.report.append(
                _(
                    "Referenced but not provided: the text refers to a document that is not part of the import "
                    "(“%(line)s”). The sentence is left out so the page does not promise it; add the document "
                    "to the model's materials and put the sentence back."
                )
                % {"line": line}
            )
        else:
            kept.append(line)
    return kept


def _apply_block(model, heading, content):
    key = _key(heading)
    if key in BASIC_LABELS and not (key == "avainsanat" and model.format == "legacy"):
        target = BASIC_LABELS[key]
        value = " ".join(content).strip()
        if target in ("title", "short_description", "implementation_site", "cover_image_alt", "keywords"):
            if getattr(model, target) and value and getattr(model, target) != value:
                _extra(model, "other", heading, content, reason=_("repeated field"))
            else:
                setattr(model, target, value)
        elif target in ("places", "funders"):
            getattr(model, target).extend(v.strip() for v in re.split(r"[,;]\s*|\n", "\n".join(content)) if v.strip())
            # Mapped to vocabularies on import (store.py); only names no vocabulary knows are
            # kept as text, under the label written here (no duplicate "Perustiedot" block).
            model.labels[target] = heading
        elif target in ("created", "updated"):
            date = parse_date(value)
            if date is None:
                if value:
                    model.report.append(
                        _("Could not read the date '%(value)s' under '%(heading)s'; kept as text.")
                        % {"value": value, "heading": heading}
                    )
                    _extra(model, "other", heading, content, reason=None)
            else:
                setattr(model, target, date)
        elif target == "stage":
            stage = STAGES.get(value.lower())
            if stage:
                model.stage = stage
            elif value:
                model.report.append(_("Unknown development stage '%(value)s'; kept as text.") % {"value": value})
                _extra(model, "other", heading, content, reason=None)
        return
    if key in SECTION_HEADINGS:
        kind, target = SECTION_HEADINGS[key]
        if not content:
            return
        if kind == "field":
            previous = model.sections.get(target, "")
            model.sections[target] = previous + paragraphs_to_html(content)
        elif kind == "extra":
            _extra(model, target, heading, content, reason=None)
        elif kind == "keywords":
            value = " ".join(content).strip()
            # Scraped legacy pages glue a stray lowercase letter to the first keyword ("tVarhainen").
            if re.match(r"^[a-zåäö][A-ZÅÄÖ]", value):
                model.report.append(
                    _("Removed a stray letter '%(letter)s' before the first keyword.") % {"letter": value[0]}
                )
                value = value[1:]
            model.keywords = value
        elif kind == "contacts":
            # Phone numbers and e-mail addresses become the contact's non-public details:
            # the contact form reaches them, the page does not print them.
            kept = []
            for line in content:
                if PHONE.search(line):
                    model.contact_phones.append(PHONE_LABEL.sub("", line).strip())
                    model.report.append(_("A phone number in the contact details is kept non-public (not shown)."))
                    continue
                address = EMAIL.search(line)
                if address and EMAIL_PATTERN.match(address.group(0)):
                    model.report.append(
                        _("The contact e-mail '%(address)s' is a pattern, not an address: not mapped.")
                        % {"address": address.group(0)}
                    )
                elif address:
                    model.contact_emails.append(address.group(0))
                    model.report.append(_("An e-mail address in the contact details is kept non-public (not shown)."))
                    continue
                kept.append(line)
            model.contact_lines = kept
            if kept:
                _extra(model, "other", heading, kept, reason=None)
        return
    # Group headings: their own text (rare) is kept, never dropped.
    if content:
        _extra(model, "other", heading, content, reason=_("text under a group heading"))


def _extra(model, kind, heading, content, reason, group=None):
    """Keep ``content`` as an extra section; ``group`` collects label: value lines under one heading."""
    if group:
        body = paragraphs_to_html([f"{heading}: {' '.join(content)}"]) if content else ""
        for section in model.extra_sections:
            if section["heading"] == group:
                section["body"] += body
                return
        model.extra_sections.append({"kind": kind, "heading": group, "body": body})
        return
    model.extra_sections.append({"kind": kind, "heading": heading, "body": paragraphs_to_html(content)})
    if reason:
        model.report.append(
            _("Unmapped text under '%(heading)s' (%(reason)s) kept as an extra section.")
            % {"heading": heading, "reason": reason}
        )


def _apply_lead(model, lead):
    """Text before the first heading: the title (and the lead paragraph) of the page."""
    rest = list(lead)
    if not model.title and rest:
        model.title = rest.pop(0)
    elif rest and rest[0] == model.title:
        rest.pop(0)
    leftover = [line for line in rest if line not in (model.short_description, model.title)]
    if leftover and not model.short_description and len(" ".join(leftover)) <= SHORT_DESCRIPTION_MAX:
        model.short_description = " ".join(leftover)
        leftover = []
    if leftover:
        _extra(model, "other", "Johdanto", leftover, reason=_("text before the first heading"))


def _finish(model):
    if not model.title:
        raise ImportFileError(_("The description has no name (title)."))
    if len(model.title) > 255:
        raise ImportFileError(_("The name of the model is longer than 255 characters."))
    if not model.short_description:
        source = re.sub(r"<[^>]+>", " ", model.sections.get("basic_idea", "")).strip()
        source = html.unescape(re.sub(r"\s+", " ", source))
        if source:
            model.short_description = _shorten(source)
            model.report.append(_("No short description in the source: written from the start of the description."))
    elif len(model.short_description) > SHORT_DESCRIPTION_MAX:
        full = model.short_description
        model.short_description = _shorten(full)
        _extra(model, "other", "Toimintamallin lyhyt kuvaus", [full], reason=_("short description over 400 characters"))
    if model.sections.get("evaluation_summary"):
        # The scale's levels are defined by who evaluated and how (docs/library.md); free text
        # rarely says so plainly, and a wrong level misleads more than none.
        model.report.append(
            _(
                "Evaluation text found: the evidence level stays 'not evaluated yet' until an editor "
                "sets it from the evaluation reports (see the glossary)."
            )
        )
    if not model.stage:
        model.report.append(_("No development stage in the source; the draft says 'In development'."))
        model.stage = "in_development"
    if model.format == "legacy":
        model.report.append(
            _(
                "Legacy format: need, organisation, reporting, impacts, challenges, "
                "implementers and sector are kept as extra sections."
            )
        )


def _shorten(text):
    if len(text) <= SHORT_DESCRIPTION_MAX:
        return text
    cut = text[: SHORT_DESCRIPTION_MAX - 1]
    sentence_end = cut.rfind(". ")
    if sentence_end > 100:
        return cut[: sentence_end + 1]
    return cut.rsplit(" ", 1)[0] + "…"


def parse_bytes(data: bytes, name="file") -> ParsedModel:
    return parse_text(decode(data, name), name)
