"""A search engine outage costs the search, not the site, and loses no index update.

Searching: every call to the engine is bounded by ``TIMEOUT`` (``SEARCH_TIMEOUT``) with no
client retries (settings), and guarded by a circuit breaker (``core/breaker.py``,
``RETRY_SECONDS`` = ``SEARCH_RETRY_SECONDS``): when the engine refuses, fails or times out,
the search raises ``SearchUnavailable`` (a ``core.faults.ServiceUnavailable``), and for
the next few seconds every search raises it at once, without waiting for another timeout.
The site search shows its "temporarily unavailable" page, the API and the admin get
their 503 from ``core.faults.ServiceUnavailableMiddleware``.

Indexing: Wagtail catches indexing errors of external engines and only logs them, so an
update made while the engine is down was lost. Here a failed (or, while the breaker is
open, skipped) ``add`` or ``delete`` records the object in the durable queue
(``search.models.PendingIndexUpdate``, written in the same transaction as the change)
and the ``catch_up_search_index`` command brings the index up to date when the engine is
back. Bulk indexing (``update_index``) is left as it is: a rebuild should fail loudly.
"""

import logging

from django.utils.translation import gettext as _

from core.breaker import breaker_for
from core.faults import ServiceUnavailable

from ..models import PendingIndexUpdate

logger = logging.getLogger("core.faults")

# HTTP statuses of an engine that is there but cannot serve now.
UNAVAILABLE_STATUSES = {429, 502, 503, 504}


class SearchUnavailable(ServiceUnavailable):
    """The search engine cannot answer now; ``retry_after`` seconds is when to try again."""

    def __init__(self, retry_after):
        super().__init__(_("Search is temporarily unavailable. Please try again in a moment."), retry_after)


def is_unavailable_error(exc):
    """An engine that is down, unreachable, too slow or overloaded (not a bad query).

    By name and status, so that it works for the opensearch-py and elasticsearch clients
    alike: their connection errors (refused, reset, timed out, TLS) are ``ConnectionError``
    / ``ConnectionTimeout``, and HTTP errors carry the status."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    if names & {"ConnectionError", "ConnectionTimeout", "SSLError"}:
        return True
    status = getattr(exc, "status_code", None)
    if status is None:
        status = getattr(getattr(exc, "meta", None), "status", None)
    if status == "N/A":  # opensearch-py: no HTTP answer at all
        return True
    return isinstance(status, int) and (status >= 500 or status in UNAVAILABLE_STATUSES)


class ResilientSearchBackendMixin:
    """Circuit breaker around searches, durable queue for failed index updates."""

    def __init__(self, params):
        params = dict(params)
        retry_seconds = float(params.pop("RETRY_SECONDS", 10))
        urls = params.get("URLS") or params.get("HOSTS") or []
        super().__init__(params)
        self.breaker = breaker_for(f"Search engine {', '.join(map(str, urls))}", retry_seconds)

    # -- searching -------------------------------------------------------------------
    def call_engine(self, function, *args, **kwargs):
        """``function(*args, **kwargs)`` if the breaker allows; SearchUnavailable otherwise
        or when the engine fails. Other errors (a bad query) pass unchanged."""
        if not self.breaker.allow():
            raise SearchUnavailable(self.breaker.retry_seconds)
        try:
            result = function(*args, **kwargs)
        except Exception as exc:
            if not is_unavailable_error(exc):
                raise
            self.breaker.failure(exc)
            raise SearchUnavailable(self.breaker.retry_seconds) from exc
        self.breaker.success()
        return result

    def is_available(self):
        """For the health check: does the engine answer now (at once False while the breaker is open)?"""
        try:
            self.call_engine(self.es.info)
        except SearchUnavailable:
            return False
        return True

    # -- indexing --------------------------------------------------------------------
    def add(self, obj):
        self._index_or_queue(super().add, obj)

    def delete(self, obj):
        self._index_or_queue(super().delete, obj)

    def _index_or_queue(self, operation, obj):
        try:
            self.call_engine(operation, obj)
        except SearchUnavailable:
            PendingIndexUpdate.objects.enqueue(obj)
        except Exception:
            # Not an outage (a mapping error, say): Wagtail would log it and move on. Log
            # it, and keep the update so that the catch-up retries it (and reports it).
            logger.exception("Indexing %r failed; queued for catch_up_search_index.", obj)
            PendingIndexUpdate.objects.enqueue(obj)

    def add_now(self, obj):
        """Index ``obj`` or raise (SearchUnavailable while the engine is down): the catch-up."""
        self.call_engine(super().add, obj)

    def delete_now(self, obj):
        self.call_engine(super().delete, obj)


class ResilientResultsMixin:
    """Search results whose engine calls go through the backend's breaker."""

    def _do_search(self):
        # The stock method is a generator that talks to the engine while it is consumed
        # (scrolling); consume it inside the guard.
        return self.backend.call_engine(lambda: list(super(ResilientResultsMixin, self)._do_search()))

    def _do_count(self):
        return self.backend.call_engine(super()._do_count)

    def facet(self, field_name):
        return self.backend.call_engine(super().facet, field_name)
