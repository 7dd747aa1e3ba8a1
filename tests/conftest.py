"""Shared fixtures: the site structure in fi/sv/en and vocabularies."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

AUDIT_DIR = Path(__file__).parent / "audit"


def pytest_ignore_collect(collection_path, config):
    """tests/audit runs alone, on the production settings (``make test-audit``); the rest never does."""
    production = settings.SETTINGS_MODULE == "portal.settings.production"
    if collection_path == AUDIT_DIR or AUDIT_DIR in collection_path.parents:
        return None if production else True
    if production and collection_path.is_file():
        return True
    return None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Build the message catalogues once (the suite checks translated output).
    with django_db_blocker.unblock():
        call_command("compile_catalogues", verbosity=0)


@pytest.fixture
def vocabularies(db):
    from models_library.vocabulary_data import load_vocabularies

    return load_vocabularies()


@pytest.fixture
def site_structure(db, vocabularies):
    """Home, library, calendar, news and standard pages in fi, sv and en."""
    from wagtail.models import Locale, Page

    from demo.site import ensure_site_structure

    # A transactional test (transaction=True) flushes the tables afterwards, Wagtail's root
    # page included (it comes from a migration); put it back as the migration made it.
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(title="Root", slug="root", locale=Locale.objects.get_or_create(language_code="fi")[0])
        )
    return ensure_site_structure()


@pytest.fixture
def library(site_structure):
    return site_structure["library"]


@pytest.fixture
def calendar(site_structure):
    return site_structure["events"]
