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
    """Each worker's test database starts with the vocabularies and the site structure.

    Built once and committed: every test runs in a transaction rolled back to this state,
    so the ``vocabularies`` and ``site_structure`` fixtures only read it (building the site
    per test cost ~2 s of every test, most of the suite's time). A transactional test
    flushes the tables; ``pytest_runtest_teardown`` below builds the baseline again after it.
    """
    with django_db_blocker.unblock():
        # Build the message catalogues once (the suite checks translated output).
        call_command("compile_catalogues", verbosity=0)
        _build_baseline()


def _build_baseline():
    from demo.site import ensure_site_structure, existing_site_structure
    from models_library.vocabulary_data import load_vocabularies

    _ensure_root()
    load_vocabularies()
    return existing_site_structure() or ensure_site_structure()


def _ensure_root():
    from wagtail.models import Locale, Page

    # A transactional test (transaction=True) flushes the tables afterwards, Wagtail's root
    # page included (it comes from a migration); put it back as the migration made it.
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(title="Root", slug="root", locale=Locale.objects.get_or_create(language_code="fi")[0])
        )


def _flushes_the_database(item):
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    return bool(transactional) or bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # After every fixture of the test is torn down: pytest-django flushes a transactional
    # test's database in its own teardown, which runs after any fixture of ours.
    result = yield
    if nextitem is not None and _flushes_the_database(item) and "tests/audit" not in str(item.path):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _build_baseline()
    return result


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The baseline pages keep their ids from test to test: nothing cached by one test
    (page cache generation, memo, chrome, rate limits) may answer the next."""
    from django.core.cache import caches

    if settings.SETTINGS_MODULE == "portal.settings.production":
        return  # tests/audit: Redis shared by the workers, cleared per test by its own fixture
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo as ``manage.py load_demo`` makes it, committed for the module (see
    tests/security/demo.py: loaded once per worker, the database restored afterwards)."""
    from tests.security.demo import committed_demo

    with committed_demo(django_db_blocker) as site:
        yield site


@pytest.fixture
def vocabularies(db):
    from models_library.vocabulary_data import load_vocabularies

    return load_vocabularies()  # the baseline has them: a few reads, unless a test changed the files


@pytest.fixture
def site_structure(db, vocabularies):
    """Home, library, calendar, news and standard pages in fi, sv and en."""
    from demo.site import existing_site_structure

    return existing_site_structure() or _build_baseline()


@pytest.fixture
def library(site_structure):
    return site_structure["library"]


@pytest.fixture
def calendar(site_structure):
    return site_structure["events"]
