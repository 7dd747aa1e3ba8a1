"""Demo site structure: locales, home pages and section pages in fi, sv and en.

Idempotent: pages are found by their place in the tree and updated, never duplicated.
Finnish pages are the sources; Swedish and English are wagtail-localize translations.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from core.localization import translate_page
from core.site_url import configure_site
from events.models import EventIndexPage
from home.models import ArticleIndexPage, HomePage, PortalSettings, StandardPage
from models_library.models import PracticeModelIndexPage

DATA = Path(__file__).resolve().parent / "data" / "site.json"
TRANSLATION_LANGUAGES = ("sv", "en")


def ensure_locales():
    locales = {}
    for code, _name in settings.LANGUAGES:
        locales[code], _ = Locale.objects.get_or_create(language_code=code)
    return locales


def _apply(page, values):
    for key, value in values.items():
        setattr(page, key, value)


def _publish(page):
    page.save_revision().publish()


def _ensure_child(parent, model, values, slug):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, locale=parent.locale)
        _apply(page, values)
        parent.add_child(instance=page)
    else:
        _apply(page, values)
    _publish(page)
    return page


SECTIONS = (
    ("library", PracticeModelIndexPage),
    ("events", EventIndexPage),
    ("news", ArticleIndexPage),
    ("about", StandardPage),
    ("accessibility", StandardPage),
    ("privacy", StandardPage),
)


def existing_site_structure():
    """The pages ``ensure_site_structure`` returns, read without changing anything, or None
    when any of them (or one of its translations) is missing. Two queries."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    home = HomePage.objects.filter(depth=2, locale__language_code="fi").first()
    if home is None:
        return None
    slugs = {data[key]["fi"]["slug"]: (key, model) for key, model in SECTIONS}
    pages = {"home": home}
    for page in Page.objects.child_of(home).filter(slug__in=slugs).specific():
        key, model = slugs[page.slug]
        if isinstance(page, model):
            pages[key] = page
    languages = 1 + len(TRANSLATION_LANGUAGES)
    keys = [page.translation_key for page in pages.values()]
    versions = Page.objects.filter(translation_key__in=keys).count()
    if len(pages) != 1 + len(SECTIONS) or versions != len(keys) * languages:
        return None
    return pages


def _translate(page, data, locales):
    for code in TRANSLATION_LANGUAGES:
        translate_page(page, locales[code], data[code])


@transaction.atomic
def ensure_site_structure(stdout=None):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    locales = ensure_locales()
    root = Page.get_first_root_node()
    fi = locales["fi"]

    home = HomePage.objects.filter(depth=2, locale=fi).first()
    if home is None:
        # Wagtail's install creates a placeholder "Welcome" page (slug "home"); replace it.
        for stray in Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore"):
            stray.delete()
        home = HomePage(slug="home", locale=fi, **data["home"]["fi"])
        root.add_child(instance=home)
    else:
        _apply(home, data["home"]["fi"])
    _publish(home)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=data["home"]["fi"]["title"]
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    configure_site(site)  # hostname and port from SITE_URL: absolute links point to the real site
    _translate(home, data["home"], locales)
    sections = {}
    for key, model in SECTIONS:
        values = dict(data[key]["fi"])
        slug = values.pop("slug")
        values["show_in_menus"] = key in {"library", "events", "news", "about"}
        page = _ensure_child(home, model, values, slug)
        _translate(page, data[key], locales)
        sections[key] = page

    portal_settings = PortalSettings.for_site(site)
    portal_settings.accessibility_statement = sections["accessibility"]
    portal_settings.privacy_notice = sections["privacy"]
    portal_settings.contact_email = portal_settings.contact_email or "toimintamallit@example.fi"
    portal_settings.accessibility_feedback_email = (
        portal_settings.accessibility_feedback_email or "saavutettavuus@example.fi"
    )
    portal_settings.save()
    if stdout:
        stdout.write(f"Site structure ready: {len(sections)} sections in fi, sv, en.")
    return {"home": home, **sections}
