"""The audit's fault scenarios on the production settings: a dependency fails, the site serves.

Each fault is made real, not mocked: the production cache entry pointed at a port where
nothing listens or at a server that never answers; the production OpenSearch entry pointed
at a dead port; SQLite locked by a second connection holding ``BEGIN EXCLUSIVE`` (the
audit's SQLite database is a file, tests/audit/conftest.py); PostgreSQL switched to
read-only for the session (the real SQLSTATE 25006); a process killed with SIGKILL in the
middle of a registration. docs/security.md ("Faults") lists them with these tests.
"""

import datetime
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, PageLogEntry
from wagtail.signals import page_published

from core import breaker
from core.ratelimit import configured_rate
from events.models import EventIndexPage, EventPage, Registration
from models_library.models import PracticeModelIndexPage, PracticeModelPage
from portal.settings.base import redis_cache, search_engine_backend
from search.models import PendingIndexUpdate, SearchQueryLog
from tests.editorial.forms import practice_model_form
from tests.factories import publish_event
from tests.fault_servers import SilentServer, dead_url

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
sqlite_only = pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite's busy lock (DATABASE_URL selects PostgreSQL)")
postgresql_only = pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL's read-only mode (set DATABASE_URL)")


@pytest.fixture(autouse=True)
def _close_breakers():
    yield
    breaker.reset_all()


def _fi(text):
    with translation.override("fi"):
        return translation.gettext(text)


def _live(model, language="fi"):
    return model.objects.live().public().filter(locale__language_code=language).order_by("path").first()


def _open_event(title="Vikasietoisuuden työpaja"):
    """An event open for registration, published through the normal save path."""
    calendar = _live(EventIndexPage)
    start = (timezone.now() + datetime.timedelta(days=30)).replace(microsecond=0)
    return publish_event(
        calendar,
        title=title,
        start=start,
        end=start + datetime.timedelta(hours=3),
        locale=Locale.objects.get(language_code="fi"),
        slug=f"vika-{time.monotonic_ns()}",
        registration_enabled=True,
        registration_capacity=20,
    )


def _registration(n):
    return {
        "name": f"Osallistuja {n}",
        "email": f"vika{n}@example.fi",
        "organisation": "Kunta",
        "needs": "Gluteeniton",
        "consent": "on",
    }


def _dynamic_urls():
    model = _live(PracticeModelPage)
    event = EventPage.objects.live().public().filter(locale__language_code="fi").first()
    with translation.override("fi"):
        suggest = reverse("search_suggest")
    return [
        "/fi/",
        "/sv/",
        "/en/",
        _live(PracticeModelIndexPage).url,
        model.url,
        _live(EventIndexPage).url,
        event.url,
        "/fi/haku/?q=lapsi",
        f"{suggest}?q=la",
        "/api/v2/pages/",
        "/api/v2/pages/?search=lapsi",
        "/sitemap.xml",
        "/admin/login/",
    ]


# -- cache -------------------------------------------------------------------------------
@pytest.fixture
def cache_down(settings):
    """The production cache entry, at a port where nothing listens."""
    settings.CACHES = {"default": redis_cache(dead_url(), settings.CACHES["default"]["KEY_PREFIX"])}


def test_cache_down_every_dynamic_url_still_answers(client, cache_down, caplog):
    caplog.set_level(logging.WARNING, logger="core.faults")
    for url in _dynamic_urls() * 2:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response
    health = client.get("/health/")
    assert health.status_code == 200
    assert health.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
        "search": "ok",
        "search_queue": 0,
    }
    outages = [r for r in caplog.records if r.name == "core.faults" and r.levelno >= logging.ERROR]
    assert len(outages) == 1  # logged once for the outage, not once per request


def test_cache_down_login_registration_and_editing_work(client, cache_down):
    event = _open_event()
    response = client.post(event.url, _registration(1))
    assert response.status_code == 302
    assert Registration.objects.filter(event=event, email="vika1@example.fi").exists()
    assert len(mail.outbox) == 1

    response = client.post("/admin/login/", {"username": "admin", "password": "admin-demo"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    page = _live(PracticeModelPage)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", practice_model_form(page, title="Tallennettu välimuistin ollessa alhaalla")
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision().content["title"] == "Tallennettu välimuistin ollessa alhaalla"


def test_cache_down_the_registration_limit_still_fires(client, cache_down):
    """While Redis is out each worker counts alone (docs/security.md): still a limit, not none."""
    event = _open_event("Rajoitettu työpaja")
    limit = configured_rate("registration").count
    statuses = [client.post(event.url, _registration(100 + n)).status_code for n in range(limit + 1)]
    assert statuses == [302] * limit + [429]
    assert Registration.objects.filter(event=event).count() == limit


def test_hung_cache_costs_one_short_timeout_per_pause(client, settings):
    silent = SilentServer()
    try:
        settings.CACHES = {"default": redis_cache(silent.url("redis"), settings.CACHES["default"]["KEY_PREFIX"])}
        durations = []
        for _ in range(10):
            started = time.monotonic()
            assert client.get("/fi/").status_code == 200
            durations.append(time.monotonic() - started)
        socket_timeout = settings.CACHES["default"]["OPTIONS"]["SOCKET_TIMEOUT"]
        assert durations[0] < 2 * socket_timeout + 1.5
        assert max(durations[1:]) < socket_timeout + 0.5  # the breaker: no more waiting
    finally:
        silent.close()


# -- search engine ---------------------------------------------------------------------
@pytest.fixture
def search_down(settings):
    """The production entry for SEARCH_BACKEND=opensearch, at a port where nothing listens."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": search_engine_backend("opensearch", dead_url("http"), "audit_")}


def test_search_down_site_api_and_admin_say_so(client, search_down, login):
    response = client.get("/fi/haku/", {"q": "lapsi"})
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == _fi("Search is temporarily unavailable")
    assert soup.find("footer")  # the normal layout
    api = client.get("/api/v2/pages/", {"search": "lapsi"})
    assert api.status_code == 503 and api.json()["message"]
    for url in (_live(PracticeModelIndexPage).url, _live(EventIndexPage).url, "/api/v2/pages/"):
        assert client.get(url).status_code == 200, url  # the library and the calendar unaffected
    admin = login("moderaattori").get("/admin/pages/search/", {"q": "lapsi"})
    assert admin.status_code == 503 and int(admin["Retry-After"]) > 0
    health = client.get("/health/").json()
    assert health["status"] == "degraded" and health["search"] == "unavailable"


def test_search_hanging_holds_a_worker_one_short_timeout(client, settings):
    silent = SilentServer()
    try:
        settings.WAGTAILSEARCH_BACKENDS = {"default": search_engine_backend("opensearch", silent.url(), "audit_")}
        timeout = settings.WAGTAILSEARCH_BACKENDS["default"]["TIMEOUT"]
        durations = []
        for _ in range(5):
            started = time.monotonic()
            assert client.get("/fi/haku/", {"q": "lapsi"}).status_code == 503
            durations.append(time.monotonic() - started)
        assert durations[0] < timeout + 2 < 18  # the audit measured ~18 s per search
        assert max(durations[1:]) < 1
    finally:
        silent.close()


def test_search_down_page_saves_are_queued_for_the_index(login, search_down):
    page = _live(PracticeModelPage)
    response = login("admin").post(
        f"/admin/pages/{page.pk}/edit/",
        practice_model_form(page, title="Julkaistu haun ollessa alhaalla", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Julkaistu haun ollessa alhaalla"
    assert PendingIndexUpdate.objects.filter(model="wagtailcore.page", object_id=str(page.pk)).exists()


# -- database: SQLite busy, PostgreSQL read-only, a killed process ------------------------
def _try_again_page(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert _fi("The service cannot save changes right now. Nothing was saved. Please try again in a moment.") in text


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_sqlite_busy_writes_get_503_reads_keep_working(client, restore_demo, login, client_address):
    visitor = Client(HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR=client_address)
    event = _open_event()
    page = _live(PracticeModelPage)
    revisions = page.revisions.count()
    searches = SearchQueryLog.objects.count()
    editor = login("admin")  # signing in writes the session: before the lock
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process writing for longer than the busy timeout
    try:
        started = time.monotonic()
        _try_again_page(visitor.post(event.url, _registration(2)))
        assert time.monotonic() - started < 10
        _try_again_page(editor.post(f"/admin/pages/{page.pk}/edit/", practice_model_form(page, title="Lukittu")))
        started = time.monotonic()
        for url in ("/fi/", page.url, "/fi/haku/?q=lapsi", "/api/v2/pages/"):
            assert visitor.get(url).status_code == 200, url  # reads do not wait for the lock
        assert time.monotonic() - started < 5
    finally:
        other.execute("ROLLBACK")
        other.close()
    # Nothing half-saved, and the same submissions go through once the lock is gone.
    assert not Registration.objects.filter(email="vika2@example.fi").exists()
    assert page.revisions.count() == revisions
    assert SearchQueryLog.objects.count() == searches  # the search log write was skipped, not queued
    assert not mail.outbox
    assert visitor.post(event.url, _registration(2)).status_code == 302
    assert Registration.objects.filter(email="vika2@example.fi").count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_postgresql_read_only_reads_work_writes_get_503(client, restore_demo, login, client_address):
    visitor = Client(HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR=client_address)
    event = _open_event()
    page = _live(PracticeModelPage)
    revisions = page.revisions.count()
    editor = login("admin")
    with connection.cursor() as cursor:
        # As a hot standby or a maintenance switch refuses writes: SQLSTATE 25006.
        cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    try:
        for url in (
            "/fi/",
            page.url,
            event.url,
            "/fi/haku/?q=lapsi",
            "/api/v2/pages/?search=lapsi",
            "/admin/login/",
            "/admin/pages/",
        ):
            response = (editor if url.startswith("/admin/pages") else visitor).get(url)
            assert response.status_code == 200, url
        _try_again_page(visitor.post(event.url, _registration(3)))
        login_response = Client(HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR=client_address).post(
            "/admin/login/", {"username": "admin", "password": "admin-demo"}
        )
        assert login_response.status_code == 503 and int(login_response["Retry-After"]) > 0
        _try_again_page(editor.post(f"/admin/pages/{page.pk}/edit/", practice_model_form(page, title="Vain luku")))
        health = visitor.get("/health/")
        assert health.status_code == 200
        assert health.json()["status"] == "degraded" and health.json()["database"] == "read-only"
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")
    assert not Registration.objects.filter(email="vika3@example.fi").exists()
    assert page.revisions.count() == revisions
    assert visitor.post(event.url, _registration(3)).status_code == 302


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_lock_taken_half_way_through_a_publish_leaves_nothing_half_saved(restore_demo, login):
    """Wagtail's publish writes the page, then sends ``page_published``, then writes its log
    entries, each in its own statement. Another process that grabs the write lock in between
    must not leave a published page that the editor was told was not saved."""
    page = _live(PracticeModelPage)
    editor = login("admin")
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, timeout=0)
    attempts = []

    def another_writer(sender, instance, **kwargs):
        try:
            other.execute("BEGIN EXCLUSIVE")
            attempts.append("lock taken")
        except sqlite3.OperationalError:  # the publish's own transaction holds it
            attempts.append("lock refused")

    page_published.connect(another_writer, weak=False, dispatch_uid="faults-another-writer")
    try:
        response = editor.post(
            f"/admin/pages/{page.pk}/edit/",
            practice_model_form(page, title="Puoliksi tallennettu?", **{"action-publish": "1"}),
        )
    finally:
        page_published.disconnect(dispatch_uid="faults-another-writer")
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    assert attempts  # the other writer did try, half-way through
    page.refresh_from_db()
    if response.status_code == 503:  # refused: then nothing at all
        assert page.title != "Puoliksi tallennettu?"
        assert page.get_latest_revision().content["title"] != "Puoliksi tallennettu?"
    else:  # saved: then all of it, its audit log entry included
        assert response.status_code == 302
        assert page.title == "Puoliksi tallennettu?" and page.live_revision_id == page.latest_revision_id
        assert PageLogEntry.objects.filter(
            page=page, action="wagtail.publish", revision_id=page.live_revision_id
        ).exists()


KILLED_MID_REGISTRATION = """
import sys, time
import django
django.setup()
from events import registrations
from events.models import EventPage, Registration

save = Registration.save

def save_then_hang(self, *args, **kwargs):
    save(self, *args, **kwargs)
    print("saved", flush=True)  # the row is written, the transaction not committed
    time.sleep(120)

Registration.save = save_then_hang
event = EventPage.objects.get(pk=int(sys.argv[1]))
registrations.register(event, {"name": "Kesken", "email": "kesken@example.fi", "organisation": "",
                               "needs": "Pähkinäallergia"})
"""


def _database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgresql://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_process_killed_mid_registration_leaves_nothing_half_saved(client, restore_demo):
    """A worker killed (gunicorn's timeout, OOM, a deploy) between writing a registration and
    committing it: the database rolls the registration back and stays usable at once."""
    event = _open_event()
    env = {**os.environ, "DATABASE_URL": _database_url()}
    worker = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_REGISTRATION, str(event.pk)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        cwd=settings.BASE_DIR,
    )
    try:
        assert worker.stdout.readline().strip() == "saved"
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.kill()
        worker.wait(timeout=30)
    assert not Registration.objects.filter(email="kesken@example.fi").exists()
    started = time.monotonic()
    assert client.post(event.url, _registration(4)).status_code == 302
    assert time.monotonic() - started < 5  # no lock left behind
    assert Registration.objects.filter(event=event).count() == 1
