"""Catching up the search index after an engine outage.

``search.backends.resilient`` records every index update the engine did not take
(``PendingIndexUpdate.objects.enqueue``), in the transaction of the change itself: a page
saved is a page queued, they commit or roll back together. ``catch_up()`` (``manage.py
catch_up_search_index``, run on a schedule) makes each queued object's index entry match
the database as it is *then*, so the order in which things happened meanwhile (publish
then delete, delete then restore…) does not matter.
"""

import logging

from django.apps import apps
from wagtail.search import index
from wagtail.search.backends import get_search_backends_with_name

from .backends.resilient import ResilientSearchBackendMixin, SearchUnavailable
from .models import PendingIndexUpdate

logger = logging.getLogger("core.faults")


def pending_count():
    return PendingIndexUpdate.objects.count()


def resilient_backends():
    """The configured, auto-updated backends that queue their failures (the external engines)."""
    return [
        backend
        for _name, backend in get_search_backends_with_name(with_auto_update=True)
        if isinstance(backend, ResilientSearchBackendMixin)
    ]


def catch_up(batch_size=1000):
    """Apply the queue, oldest first; stop at the first sign that the engine is still down.

    Returns (done, left): rows applied and removed, rows still queued.
    """
    backends = resilient_backends()
    done = 0
    if backends:
        for row in PendingIndexUpdate.objects.order_by("queued_at", "pk")[:batch_size]:
            try:
                _apply(row, backends)
            except SearchUnavailable:
                break
            except Exception as exc:  # noqa: BLE001 - one bad object must not stop the others
                logger.exception("Catching up the search index for %s failed.", row)
                PendingIndexUpdate.objects.filter(pk=row.pk).update(
                    attempts=row.attempts + 1, last_error=str(exc)[:2000]
                )
                continue
            # Not if it was queued again meanwhile: that later change may not be in yet.
            PendingIndexUpdate.objects.filter(pk=row.pk, queued_at=row.queued_at).delete()
            done += 1
    return done, pending_count()


def _apply(row, backends):
    model = apps.get_model(row.model)
    obj = model._default_manager.filter(pk=row.object_id).first()
    indexed = index.get_indexed_instance(obj) if obj is not None else None
    for backend in backends:
        if indexed is not None:
            backend.add_now(indexed)
        else:
            backend.delete_now(model(pk=row.object_id))
