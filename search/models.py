"""What visitors search for: counts per day, query and language, for the editors' report."""

from django.conf import settings
from django.core.exceptions import ValidationError
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


class SearchClick(models.Model):
    """Clicks on search results, counted per (day, language, normalised query, rank, page).

    Nothing about the visitor: no address, session, user or time of day; the query is
    normalised as in ``SearchQueryLog``. Written by ``search.views.click`` (docs/search.md).
    """

    date = models.DateField(_("date"), db_index=True)
    language = models.CharField(_("language"), max_length=10)
    query_string = models.CharField(_("search"), max_length=200)
    rank = models.PositiveIntegerField(_("result position"))
    page_id = models.PositiveIntegerField(_("page id"))
    clicks = models.PositiveIntegerField(_("clicks"), default=0)

    class Meta:
        verbose_name = _("search result click")
        verbose_name_plural = _("search result clicks")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "language", "query_string", "rank", "page_id"], name="unique_search_click_per_day"
            ),
        ]
        indexes = [models.Index(fields=["language", "date"], name="search_click_lang_date")]

    def __str__(self):
        return f"{self.date} {self.language}: {self.query_string} #{self.rank}"


class SearchSynonym(models.Model):
    """Terms that mean the same in one language: a search for any of them finds all of them.

    Applied by query expansion in ``search.service`` before any backend is asked, so the
    same on the database backends and on OpenSearch/Elasticsearch (docs/search.md).
    """

    language = models.CharField(_("language"), max_length=10, choices=settings.WAGTAIL_CONTENT_LANGUAGES)
    terms = models.TextField(
        _("equivalent terms"),
        help_text=_("One term or phrase per line, e.g. “LAPE” and “lapsi- ja perhepalveluiden muutosohjelma”."),
    )

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["language", "terms"]

    def __str__(self):
        return " ↔ ".join(self.term_list())

    def term_list(self):
        seen, out = set(), []
        for line in self.terms.splitlines():
            term = " ".join(line.split())
            if term and term.casefold() not in seen:
                seen.add(term.casefold())
                out.append(term)
        return out

    def clean(self):
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": _("Give at least two terms, one per line.")})
