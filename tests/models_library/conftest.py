"""A lean site for the library tests: fi home + library, with sv/en copies.

The shared ``site_structure`` fixture loads every vocabulary CSV and translates six
sections through wagtail-localize (10+ s per test on a busy machine); the library tests
need only the home page and the library in each language, so ``library`` is overridden
here. Demo tests use ``site_structure`` explicitly.
"""

import pytest
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from models_library.models import PracticeModelIndexPage


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def lean_site(db):
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fi", "sv", "en")}
    root = Page.get_first_root_node()
    for stray in Page.objects.filter(depth=2):
        stray.delete()
    root.refresh_from_db()
    home = HomePage(title="Etusivu", slug="home", locale=locales["fi"])
    root.add_child(instance=home)
    _publish(home)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Testi")
    library = PracticeModelIndexPage(title="Toimintamallit", slug="toimintamallit", locale=locales["fi"])
    home.add_child(instance=library)
    _publish(library)
    for code in ("sv", "en"):
        _publish(home.copy_for_translation(locales[code]))
        translated = library.copy_for_translation(locales[code])
        translated.title = {"sv": "Verksamhetsmodeller", "en": "Practice models"}[code]
        _publish(translated)
    return {"home": home, "library": library, "locales": locales}


@pytest.fixture
def library(lean_site):
    return lean_site["library"]
