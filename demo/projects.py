"""Demo projects from the reference documents, linked both ways to their models, events
and news: the Lapland investment project plan ("Investointi 2") with its six models and the
East Lapland workshops, the VASA project, and LAPE Uusimaa with the ministry news item."""

import datetime
import json
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from core.localization import translate_page
from events.models import EventPage
from home.models import ArticlePage
from models_library.models import Funder, Organisation, PracticeModelPage, Region, Theme
from projects.models import ProjectIndexPage, ProjectPage

from .site import _ensure_child, _translate

DATA = Path(__file__).resolve().parent / "data" / "projects.json"

INDEX = {
    "fi": {"title": "Hankkeet", "intro": "<p>Hankkeet, joissa toimintamalleja on kehitetty ja otettu käyttöön.</p>"},
    "sv": {"title": "Projekt", "intro": "<p>Projekt där verksamhetsmodeller har utvecklats och tagits i bruk.</p>"},
    "en": {"title": "Projects", "intro": "<p>Projects in which practice models have been developed and adopted.</p>"},
}
TRANSLATED = ("title", "summary", "goals", "results")


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def ensure_index(structure):
    locales = {code: Locale.objects.get(language_code=code) for code in ("sv", "en")}
    index = _ensure_child(structure["home"], ProjectIndexPage, {**INDEX["fi"], "show_in_menus": True}, "hankkeet")
    _translate(index, INDEX, locales)
    return index


@transaction.atomic
def load(structure, stdout=None, path=DATA):
    path = Path(path)
    if not path.exists():
        return []
    index = ensure_index(structure)
    items = json.loads(path.read_text(encoding="utf-8"))
    fi = index.locale
    pages = []
    for item in items:
        text = item["translations"]["fi"]
        page = ProjectPage.objects.child_of(index).filter(slug=item["slug"]).first()
        creating = page is None
        if creating:
            page = ProjectPage(slug=item["slug"], locale=fi)
        for name in TRANSLATED:
            setattr(page, name, text[name])
        page.start_date, page.end_date = _date(item["start_date"]), _date(item["end_date"])
        page.budget = item.get("budget")
        page.lead_organisation = Organisation.objects.filter(code=item.get("lead_organisation") or "").first()
        page.links = [{"type": "link", "value": link} for link in item.get("links", [])]
        if creating:
            index.add_child(instance=page)
        page.funders = list(Funder.objects.filter(code__in=item["funders"]))
        page.partner_organisations = list(Organisation.objects.filter(code__in=item["partner_organisations"]))
        page.regions = list(Region.objects.filter(code__in=item["regions"]))
        page.themes = list(Theme.objects.filter(code__in=item["themes"]))
        page.practice_models = list(PracticeModelPage.objects.filter(locale=fi, slug__in=item["models"]))
        page.events = list(EventPage.objects.filter(locale=fi, slug__in=item["events"]))
        page.news = list(ArticlePage.objects.filter(locale=fi, slug__in=item["news"]))
        page.save_revision().publish()
        for code in ("sv", "en"):
            values = item["translations"].get(code)
            if values:
                translate_page(page, Locale.objects.get(language_code=code), {k: values[k] for k in TRANSLATED})
        pages.append(page)
    if stdout:
        stdout.write(f"Projects: {len(pages)} demo projects in fi, sv, en.")
    return pages
