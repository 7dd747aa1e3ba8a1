"""CSV export of a filtered listing, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) would be
run as a formula by Excel or LibreOffice (CSV injection, OWASP): such cells get a leading
apostrophe, which spreadsheets show as text.
"""

import csv

from django.utils.translation import gettext as _

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _names(items):
    return "; ".join(item.name for item in items)


def euro_range(low, high):
    """Plain numbers for spreadsheets: "5000–12000", "5000" or empty when not reported."""
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        return str(high if high is not None else low)
    return f"{low}–{high}"


def evaluations_text(page):
    return "; ".join(
        ", ".join(str(x) for x in (block.value["title"], block.value.get("evaluator"), block.value.get("year")) if x)
        for block in page.evaluations
    )


def resources_text(page):
    parts = []
    for block in page.resources:
        value = block.value
        if block.block_type == "staff":
            parts.append(": ".join(x for x in (value["role"], value.get("time")) if x))
        elif block.block_type == "training":
            days = _("%(days)s days") % {"days": f"{value['days']:g}"} if value.get("days") is not None else ""
            parts.append(", ".join(x for x in (value["topic"], days, value.get("given_by")) if x))
        else:
            parts.append(value["text"])
    return "; ".join(parts)


def header():
    return [
        _("Name"),
        _("Address"),
        _("Short description"),
        _("Development stage"),
        _("Implementation site"),
        _("Regions"),
        _("Municipalities"),
        _("Funders"),
        _("Target groups"),
        _("Themes"),
        _("Implementing organisations"),
        _("Adopted in"),
        _("Keywords"),
        _("Created"),
        _("Last updated"),
        # Added after the original columns, so spreadsheets built on the old order still work.
        _("Evidence level"),
        _("Evaluation reports"),
        _("Resources needed"),
        _("Cost band"),
        _("One-off costs, € (min–max)"),
        _("Yearly costs, € (min–max)"),
        _("Funding used"),
    ]


def row(page, request=None):
    adoptions = "; ".join(
        " / ".join(str(x) for x in (a.organisation or a.municipality or a.region, a.year) if x)
        for a in page.adoptions.all()
    )
    return [
        page.title,
        page.get_full_url(request) or "",
        page.short_description,
        page.get_development_stage_display(),
        page.implementation_site,
        _names(page.regions.all()),
        _names(page.municipalities.all()),
        _names(page.funders.all()),
        _names(page.target_groups.all()),
        _names(page.themes.all()),
        _names(page.organisations.all()),
        adoptions,
        page.keywords,
        page.source_created.strftime("%d.%m.%Y") if page.source_created else "",
        page.source_updated.strftime("%d.%m.%Y") if page.source_updated else "",
        page.get_evidence_level_display(),
        evaluations_text(page),
        resources_text(page),
        page.get_cost_band_display(),
        euro_range(page.one_off_cost_min, page.one_off_cost_max),
        euro_range(page.yearly_cost_min, page.yearly_cost_max),
        page.funding_used,
    ]


def write_csv(stream, pages, request=None):
    # UTF-8 byte order mark: Excel otherwise reads "ä" as two characters.
    stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow([safe_cell(v) for v in header()])
    for page in pages:
        writer.writerow([safe_cell(v) for v in row(page, request)])
