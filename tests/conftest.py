"""Shared fixtures: the site structure in fi/sv/en and vocabularies."""

import pytest
from django.core.management import call_command


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
    from home.demo import ensure_site_structure

    return ensure_site_structure()


@pytest.fixture
def library(site_structure):
    return site_structure["library"]


@pytest.fixture
def calendar(site_structure):
    return site_structure["events"]
