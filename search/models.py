"""What visitors search for: counts per day, query and language, for the editors' report."""

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelsearch.backends.base import get_model_root


class SearchQueryLog(models.Model):
    """One row per (day, language, normalised query): how often, how often without results."""

    date = models.DateField(_("date"), db_index=True)
    language = models.CharField(_("language"), max_length=10)
    query_string = models.CharField(_("search"), max_length=200)
    hits = models.PositiveIntegerField(_("searches"), default=0)
    zero_result_hits = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("search statistic")
        verbose_name_plural = _("search statistics")
        constraints = [
            models.UniqueConstraint(fields=["date", "language", "query_string"], name="unique_search_query_per_day"),
        ]
        indexes = [models.Index(fields=["language", "date"])]

    def __str__(self):
        return f"{self.date} {self.language}: {self.query_string}"


class PendingIndexUpdateQuerySet(models.QuerySet):
    def enqueue(self, obj):
        """Remember that ``obj``'s index entry must be brought up to date (in a savepoint,
        so that a race here never breaks the transaction of the change that caused it)."""
        if obj.pk is None:
            return
        # One document per pk in the index of the model's root (all pages share one).
        model, object_id = get_model_root(type(obj))._meta.label_lower, str(obj.pk)
        now = timezone.now()
        rows = self.filter(model=model, object_id=object_id)
        with transaction.atomic(using=self.db):
            if rows.update(queued_at=now):
                return
            try:
                with transaction.atomic(using=self.db):
                    self.create(model=model, object_id=object_id, queued_at=now)
            except IntegrityError:  # queued by a parallel request meanwhile
                rows.update(queued_at=now)


class PendingIndexUpdate(models.Model):
    """An object whose search-index entry could not be written because the engine was down.

    ``search.index_queue`` writes a row (in the transaction of the change itself) and
    ``manage.py catch_up_search_index`` makes the entry match the database again: indexes
    the object as it is now, or removes it when it no longer exists or is no longer
    indexed. One row per object, whatever happened to it meanwhile.
    """

    model = models.CharField(_("model"), max_length=100)  # the index's root model, e.g. wagtailcore.page
    object_id = models.CharField(_("object id"), max_length=64)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("failed catch-up attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    objects = PendingIndexUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("pending search index update")
        verbose_name_plural = _("pending search index updates")
        constraints = [
            models.UniqueConstraint(fields=["model", "object_id"], name="unique_pending_index_update"),
        ]

    def __str__(self):
        return f"{self.model} {self.object_id}"
