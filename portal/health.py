"""What ``/health/`` reports: each service the site uses, and whether the site can serve.

=============  ===========================================  =============================
``status``     meaning                                      HTTP status
=============  ===========================================  =============================
``ok``         everything answers                           200
``degraded``   serving; the cache or the search engine is   200 (keep the node: it serves
               down, or the database is read-only           pages; alert on it)
``error``      the database does not answer                 503 (take the node out)
=============  ===========================================  =============================

Services: ``database`` (``ok`` / ``read-only`` / ``unavailable``), ``cache`` and ``search``
(``ok`` / ``unavailable``; both go through their circuit breakers, so a hung service costs
the check one short timeout and then nothing), and ``search_queue``: index updates waiting
for the engine (``manage.py catch_up_search_index``).
"""

from django.core.cache import caches
from django.db import connection
from wagtail.search.backends import get_search_backend

from search.index_queue import pending_count


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
            if connection.vendor == "postgresql":
                # A standby, or default_transaction_read_only switched on for maintenance.
                cursor.execute("SHOW transaction_read_only")
                if cursor.fetchone()[0] == "on":
                    return "read-only"
    except Exception:  # noqa: BLE001 - any failure means the database cannot serve
        return "unavailable"
    return "ok"


def _available(service):
    check = getattr(service, "is_available", None)  # the Redis cache, the external search engines
    return check is None or check()


def cache_status():
    return "ok" if _available(caches["default"]) else "unavailable"


def search_status():
    # The database backend is the database: it has no separate state.
    return "ok" if _available(get_search_backend()) else "unavailable"


def report():
    """(JSON-able dict, HTTP status)."""
    database = database_status()
    if database == "unavailable":
        return {"status": "error", "database": database}, 503
    out = {
        "status": "ok",
        "database": database,
        "cache": cache_status(),
        "search": search_status(),
        "search_queue": pending_count(),
    }
    if any(out[name] != "ok" for name in ("database", "cache", "search")):
        out["status"] = "degraded"
    return out, 200
