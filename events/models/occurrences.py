"""Explicit occurrences of an event: one row per date, generated from the event's rule.

Listings, month grids and filters query these rows, so a recurring event appears on each
of its dates with plain indexed SQL, and each date keeps a stable identity
(``original_start``, the iCalendar RECURRENCE-ID) and its own SEQUENCE.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class EventOccurrenceQuerySet(models.QuerySet):
    def visible(self):
        """Occurrences of published event pages that are not behind a view restriction
        (on the page or any ancestor, e.g. a private organisation section)."""
        return self.filter(event__live=True, event_id__in=Page.objects.live().public().values("pk"))

    def in_locale(self, locale):
        return self.filter(event__locale=locale)

    def below(self, page):
        """Occurrences of events anywhere below ``page`` (index or organisation section)."""
        return self.filter(event__path__startswith=page.path, event__depth__gt=page.depth)

    def upcoming(self, now=None):
        """Not yet ended, soonest first (an ongoing event still counts as upcoming)."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def overlapping(self, start, end):
        """Occurrences that take place at least partly within [start, end)."""
        return self.filter(start__lt=end, end__gt=start).order_by("start", "pk")

    def for_listing(self):
        return self.select_related("event", "event__municipality", "event__region", "event__place", "event__locale")


class EventOccurrence(models.Model):
    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="occurrences"
    )
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"), db_index=True)
    original_start = models.DateTimeField(
        _("original start"), help_text=_("Identity of this date in the series (iCalendar RECURRENCE-ID).")
    )
    status = models.CharField(_("status"), max_length=20, default="scheduled")
    sequence = models.PositiveIntegerField(_("revision number"), default=0)
    uid = models.CharField(_("unique identifier"), max_length=255, db_index=True)

    objects = EventOccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "original_start"], name="events_occurrence_unique_date"),
        ]
        indexes = [
            models.Index(fields=["start", "end"], name="events_occ_start_end"),
            # The calendar's window: the ids of the events with a date not yet ended, and the
            # count of those dates, read from this index alone (index-only scans).
            models.Index(fields=["end", "event"], name="events_occ_end_event"),
        ]

    def __str__(self):
        return f"{self.event_id} @ {self.start.isoformat()}"

    @property
    def is_cancelled(self):
        return self.status == "cancelled"
