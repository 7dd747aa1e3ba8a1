"""The outside audit's scenarios, run against the production settings module.

``make test`` runs this folder in a second pytest process (``make test-audit``) with
``DJANGO_SETTINGS_MODULE=portal.settings.production``: DEBUG off, the real rate-limit rules,
Redis as the cache, WhiteNoise's manifest storage after a real ``collectstatic``. The main
run (test settings) does not collect this folder, and this run collects nothing else
(``tests/conftest.py``).

The database is the one pytest-django creates (SQLite or PostgreSQL by ``DATABASE_URL``),
filled once per worker through the production path: ``load_demo`` (no demo users there:
``CREATE_DEMO_USERS`` is off), the role set-up it runs, and one user per role added to the
groups that set-up made (``demo.editorial.ensure_demo_users``, the function ``load_demo``
itself uses in development).

Requests go through Django's test client as if behind the production proxy: the
``X-Forwarded-Proto: https`` header that ``SECURE_PROXY_SSL_HEADER`` trusts, and a client
address of its own per test so that rate limits counted in the shared Redis never leak
from one test into another.
"""

import itertools
import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from tests.security.demo import _restore

_addresses = itertools.count(1)

# Each xdist worker has a database of its own, so it needs cache keys of its own too: a page
# cached from one worker's database must never be served to another's (the generation
# counter of the page cache is per database). Set before anything touches the cache.
if os.environ.get("PYTEST_XDIST_WORKER"):
    settings.CACHES["default"]["KEY_PREFIX"] = (
        f"{settings.CACHES['default'].get('KEY_PREFIX', '')}-{os.environ['PYTEST_XDIST_WORKER']}"
    )


def pytest_collection_modifyitems(config, items):
    if settings.SETTINGS_MODULE != "portal.settings.production":  # pragma: no cover - guarded by tests/conftest.py
        raise pytest.UsageError("tests/audit runs only with portal.settings.production (make test-audit)")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite as production runs it: a file (WAL, busy timeout), not pytest-django's shared
    in-memory database, whose table locks fail at once instead of waiting. The fault
    scenarios (tests/audit/test_faults.py) lock it from a second connection and process."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("audit-db") / "audit.sqlite3")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Demo content, roles and one user per role, committed once per worker."""
    from demo.editorial import ensure_demo_organisations, ensure_demo_users
    from demo.site import ensure_site_structure

    devnull = open(os.devnull, "w")  # noqa: SIM115 - closed below
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=devnull)
        groups = ensure_demo_organisations(ensure_site_structure())
        ensure_demo_users(groups)
        from django.db import connection

        snapshot = connection.creation.serialize_db_to_string()
    devnull.close()
    _clear_cache()
    yield snapshot


def _clear_cache():
    # Only this run's keys (CACHE_KEY_PREFIX): other runs may share the Redis database.
    # Rate-limit counters stay: each worker clears when its own set-up ends, possibly while
    # another worker is in the middle of a limit test (tests count under addresses and
    # targets of their own, so no counter leaks between tests).
    if hasattr(cache, "iter_keys"):
        stale = [key for key in cache.iter_keys("*") if not key.startswith("ratelimit:")]
        if stale:
            cache.delete_many(stale)
    else:
        cache.clear()


@pytest.fixture
def restore_demo(request, django_db_setup, django_db_blocker):
    """For transactional tests: put the committed demo back exactly as it was afterwards.

    pytest-django flushes the database when a transactional test's ``_django_db_helper``
    is torn down, which is *after* this fixture's own teardown (autouse fixtures are set
    up first, torn down last): a restore here would be flushed away again. So this only
    marks the test, and ``pytest_runtest_teardown`` below restores once every fixture of
    the test has been torn down."""
    request.node.restore_demo_snapshot = (django_db_setup, django_db_blocker)
    yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    restore = getattr(item, "restore_demo_snapshot", None)
    if restore is not None and nextitem is not None:  # after the last test the database is gone
        snapshot, blocker = restore
        from django.db import connection

        with blocker.unblock():
            _restore(connection, snapshot)
    return result


@pytest.fixture
def client_address(worker_id):
    """An address of this test's own (rate limits count per address in the shared cache)."""
    worker = 0 if worker_id == "master" else int(worker_id.removeprefix("gw")) + 1
    n = next(_addresses)
    return f"10.{worker}.{n // 250}.{n % 250 + 1}"


@pytest.fixture
def client(client_address):
    """A visitor behind the production proxy (HTTPS terminated there)."""
    return Client(HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR=client_address)


@pytest.fixture
def users(db):
    from django.contrib.auth import get_user_model

    from demo.editorial import DEMO_USERS

    return {user.username: user for user in get_user_model().objects.filter(username__in=DEMO_USERS)}


@pytest.fixture
def login(client, users):
    """``login("kaantaja")``: the client logged in as that role's user, without a password form."""

    def _login(username):
        client.force_login(users[username], backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login
