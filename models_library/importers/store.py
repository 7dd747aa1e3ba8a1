"""Turn parsed text descriptions into DRAFT practice-model pages (never published)."""

import re
from html import escape

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from ..models import Funder, Municipality, Organisation, PracticeModelIndexPage, PracticeModelPage, Region
from ..models.pages import ModelContact


def _norm(value):
    return re.sub(r"\s+", " ", value or "").strip().lower()


def match_vocabulary(model, name):
    """The vocabulary row a free-text name refers to, or None.

    Exact name in any language, the code, an abbreviation in parentheses ("… (STM)"),
    or a county written short ("Pirkanmaa" for "Pirkanmaan hyvinvointialue").
    """
    wanted = _norm(name)
    if not wanted:
        return None
    rows = list(model.objects.all())
    for row in rows:
        if wanted in {_norm(row.name_fi), _norm(row.name_sv), _norm(row.name_en), _norm(row.code)}:
            return row
    abbreviation = re.search(r"\(([^)]+)\)\s*$", name or "")
    if abbreviation:
        code = abbreviation.group(1).strip().lower()
        for row in rows:
            if row.code == code:
                return row
    if len(wanted) >= 5:
        starts = [row for row in rows if _norm(row.name_fi).startswith(wanted)]
        if len(starts) == 1:
            return starts[0]
    return None


def resolve(parsed):
    """Vocabulary rows for the parsed names; unknown names are reported and kept as text
    (``parsed.unmapped``: label -> names)."""
    regions, municipalities, funders, organisations = [], [], [], []
    parsed.unmapped = {}
    for name in parsed.places:
        region = match_vocabulary(Region, name)
        municipality = None if region else match_vocabulary(Municipality, name)
        if region:
            regions.append(region)
        elif municipality:
            municipalities.append(municipality)
        else:
            parsed.report.append(
                _("No region or municipality called '%(name)s'; kept in the text only.") % {"name": name}
            )
            parsed.unmapped.setdefault(parsed.labels.get("places", "Paikkakunta"), []).append(name)
    for name in parsed.funders:
        funder = match_vocabulary(Funder, name)
        if funder:
            funders.append(funder)
        else:
            parsed.report.append(_("No funder called '%(name)s'; kept in the text only.") % {"name": name})
            parsed.unmapped.setdefault(parsed.labels.get("funders", "Rahoittaja"), []).append(name)
    for line in parsed.contact_lines:
        organisation = match_vocabulary(Organisation, line)
        if organisation:
            organisations.append(organisation)
    if (parsed.contact_lines or parsed.contact_emails or parsed.contact_phones) and not organisations:
        parsed.report.append(
            _(
                "Could not map the contact details: none of the lines names a known organisation "
                "(%(lines)s); add the contact in the editor."
            )
            % {"lines": "; ".join(parsed.contact_lines) or _("no name given")}
        )
    return {"regions": regions, "municipalities": municipalities, "funders": funders}, organisations


def default_parent():
    locale = Locale.get_default()
    parent = PracticeModelIndexPage.objects.filter(locale=locale).first()
    if parent is None:
        raise LookupError("There is no practice-model library in the default language to import into.")
    return parent


def unique_slug(parent, title):
    base = slugify(title)[:70] or "toimintamalli"
    slug, n = base, 2
    while (
        PracticeModelPage.objects.filter(locale_id=parent.locale_id, slug=slug).exists()
        or parent.get_children().filter(slug=slug).exists()
    ):
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_draft(parsed, parent=None, user=None):
    """A draft PracticeModelPage from a ParsedModel; returns the page (not published).

    With ``user`` (the admin import) the page is created as Wagtail's create view does: the
    user owns it, its first revision is theirs and the creation is in the page history.
    """
    parent = parent or default_parent()
    links, contact_organisations = resolve(parsed)
    page = PracticeModelPage(
        owner=user,
        title=parsed.title,
        slug=unique_slug(parent, parsed.title),
        locale_id=parent.locale_id,
        short_description=parsed.short_description,
        implementation_site=parsed.implementation_site[:255],
        keywords=parsed.keywords[:500],
        cover_image_alt=parsed.cover_image_alt[:255],
        development_stage=parsed.stage,
        source_created=parsed.created,
        source_updated=parsed.updated,
        live=False,
        extra_sections=[{"type": "section", "value": section} for section in parsed.extra_sections],
        **parsed.sections,
    )
    if parsed.unmapped:
        body = "".join(
            f"<p>{escape(label)}: {escape(', '.join(names))}</p>" for label, names in parsed.unmapped.items()
        )
        page.extra_sections.append(("section", {"kind": "other", "heading": "Perustiedot", "body": body}))
    if len(parsed.keywords) > 500:
        page.keywords = parsed.keywords[:500].rsplit(",", 1)[0]
        page.extra_sections.append(
            ("section", {"kind": "other", "heading": "Avainsanat", "body": f"<p>{parsed.keywords}</p>"})
        )
    for name, rows in links.items():
        getattr(page, name).set(rows)  # committed with the page by add_child
    parent.add_child(instance=page)
    for organisation in contact_organisations:
        # The person or role named next to the organisation; e-mail and phone stay non-public.
        names = [line for line in parsed.contact_lines if match_vocabulary(Organisation, line) is None]
        ModelContact.objects.create(
            page=page,
            organisation=organisation,
            role=ModelContact.Role.CONTACT,
            name=(names[0] if names else "")[:255],
            email=parsed.contact_emails[0] if parsed.contact_emails else "",
            phone=(parsed.contact_phones[0] if parsed.contact_phones else "")[:40],
        )
    # A draft revision the editor opens in the admin (logged as "created" for the admin import).
    page.save_revision(user=user, log_action=user is not None, clean=False)
    return page
