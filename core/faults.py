"""Clear answers when a service the site depends on fails for a while (docs/security.md, "Faults").

* ``ServiceUnavailable``: raised by a part of the site whose service is down (the search
  engine: ``search.backends.resilient.SearchUnavailable``).
* A database that refuses writes for a while: SQLite busy ("database is locked" after the
  5 s busy timeout), PostgreSQL read-only (SQLSTATE 25006, a standby or a maintenance
  switch), shutting down or refusing connections, lock timeouts, serialisation failures.
  The transaction that failed was rolled back, so nothing is half-saved.

``ServiceUnavailableMiddleware`` turns both into a 503 with ``Retry-After``, never cached:
JSON under ``/api/``, an admin page under ``/admin/``, the site's layout elsewhere, all
translated. Exceptions raised outside a view (a middleware saving the session, say) reach
``home.views.server_error``, which answers the same way. ``best_effort`` runs a write that a
read must not depend on (the search log) so that its failure is logged, not shown.
"""

import contextlib
import functools
import logging

from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

logger = logging.getLogger("core.faults")

# Seconds a client is asked to wait after a database write failed.
DATABASE_RETRY_AFTER = 30

# PostgreSQL conditions that pass: read-only transaction (standby, default_transaction_read_only),
# admin/crash shutdown, cannot connect now (starting up, shutting down), too many
# connections, lock not available (lock_timeout), serialisation failure, deadlock, and
# the connection exceptions (class 08).
TEMPORARY_SQLSTATES = {"25006", "57P01", "57P02", "57P03", "53300", "55P03", "40001", "40P01"}
TEMPORARY_SQLSTATE_CLASSES = {"08"}
# SQLite: another connection holds the write lock longer than the busy timeout.
SQLITE_BUSY_MESSAGES = ("database is locked", "database table is locked", "database is busy")


class ServiceUnavailable(Exception):
    """A service the request needs is down for a while; ``retry_after`` in seconds."""

    def __init__(self, message="", retry_after=30):
        super().__init__(message)
        self.retry_after = int(retry_after)


def sqlstate(exc):
    cause = exc.__cause__ or exc
    return getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)


def is_temporary_database_error(exc):
    """Is ``exc`` a database refusing work for a while (not a bug or bad data)?"""
    if not isinstance(exc, DatabaseError):
        return False
    state = sqlstate(exc)
    if state:
        return state in TEMPORARY_SQLSTATES or state[:2] in TEMPORARY_SQLSTATE_CLASSES
    message = str(exc).lower()
    return any(text in message for text in SQLITE_BUSY_MESSAGES)


# How long a best-effort write waits for SQLite's write lock (the default busy timeout is 5 s).
BEST_EFFORT_BUSY_TIMEOUT_MS = 200


@contextlib.contextmanager
def _short_sqlite_busy_timeout():
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA busy_timeout = {BEST_EFFORT_BUSY_TIMEOUT_MS}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {previous}")


def best_effort(function):
    """Run ``function`` in a savepoint; a database error is logged and swallowed (returns None).

    For writes a page does on the side, which must never turn a working read into an error
    (the search statistics written during a search, for instance). The savepoint keeps an
    enclosing transaction usable after the failure; on SQLite the write waits at most
    BEST_EFFORT_BUSY_TIMEOUT_MS for the lock, so a busy database does not slow the read."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            with _short_sqlite_busy_timeout(), transaction.atomic():
                return function(*args, **kwargs)
        except DatabaseError as exc:
            logger.warning("%s skipped: the database refused the write (%s).", function.__qualname__, exc)
            return None

    return wrapper


SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


def atomic_writes(view):
    """Run ``view`` in one transaction when the request may write (not GET/HEAD…).

    For the Wagtail admin, whose publish action saves the revision, then the page, then
    its log entries in separate statements: a database that starts refusing writes half-way
    (a lock taken by another process, a switch to read-only) would otherwise leave a saved
    revision without its publish. With the transaction, the editor's 503 "nothing was
    saved" is true. Reads stay outside transactions (on SQLite a transaction takes the
    write lock)."""
    atomic_view = transaction.atomic(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            return view(request, *args, **kwargs)
        return atomic_view(request, *args, **kwargs)

    return wrapper


def _is_api(request):
    return request.path_info.startswith("/api/")


def _is_admin(request):
    return request.path_info.startswith(("/admin/", "/django-admin/"))


def _message(exc):
    if isinstance(exc, ServiceUnavailable) and str(exc):
        return str(exc)
    return _("The service cannot save changes right now. Nothing was saved. Please try again in a moment.")


def _render(request, template, context, status):
    """The page in its normal layout; a plain one if the layout itself cannot be built
    (its navigation reads the database, which may be the service that failed)."""
    try:
        return HttpResponse(render_to_string(template, context, request=request), status=status)
    except Exception:  # noqa: BLE001 - any failure here: fall back to the page without layout
        logger.exception("Could not render %s; sending the plain page.", template)
        return HttpResponse(render_to_string("503_plain.html", context), status=status)


def service_unavailable_response(request, exc):
    """The 503 answer for ``exc`` (a ServiceUnavailable or a temporary database error)."""
    retry_after = exc.retry_after if isinstance(exc, ServiceUnavailable) else DATABASE_RETRY_AFTER
    message = _message(exc)
    context = {"message": message, "retry_after": retry_after}
    if _is_api(request):
        response = JsonResponse({"message": message, "retry_after": retry_after}, status=503)
    elif _is_admin(request):
        user = getattr(request, "user", None)
        context["base_template"] = (
            "wagtailadmin/base.html" if user is not None and user.is_authenticated else "wagtailadmin/admin_base.html"
        )
        response = _render(request, "portal/admin_service_unavailable.html", context, 503)
    else:
        response = _render(request, "503.html", context, 503)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


def handles(exc):
    return isinstance(exc, ServiceUnavailable) or is_temporary_database_error(exc)


class ServiceUnavailableMiddleware:
    """503 + Retry-After for a service that is down for a while, instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if not handles(exc):
            return None
        if isinstance(exc, DatabaseError):
            logger.warning("Database refused the request %s %s: %s", request.method, request.path, exc)
        return service_unavailable_response(request, exc)
