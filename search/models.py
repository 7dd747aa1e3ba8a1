"""What visitors search for: counts per day, query and language, for the editors' report."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
