"""Erase participants' personal data REGISTRATION_RETENTION_DAYS days after their event ended.

Safe to run daily (cron): already-erased rows are skipped; the anonymised rows stay so
that counts of places and statistics remain correct.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Max, Q
from django.utils import timezone

from events.models import EventPage, Registration


class Command(BaseCommand):
    help = "Erase personal data of event registrations a configured number of days after the event."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override REGISTRATION_RETENTION_DAYS.")
        parser.add_argument("--dry-run", action="store_true", help="Only report what would be erased.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.REGISTRATION_RETENTION_DAYS if days is None else days
        if days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        cutoff = timezone.now() - datetime.timedelta(days=days)
        # An event is over when its last occurrence (or its own end) is past the cut-off.
        ended = EventPage.objects.annotate(last_end=Max("occurrences__end")).filter(last_end__lt=cutoff).values("pk")
        ended_without_rows = EventPage.objects.filter(occurrences__isnull=True, end__lt=cutoff).values("pk")
        rows = Registration.objects.filter(anonymised_at__isnull=True).filter(
            Q(event_id__in=ended) | Q(event_id__in=ended_without_rows)
        )
        count = rows.count()
        if not dry_run:
            rows.update(name="", email="", organisation="", needs_encrypted="", anonymised_at=timezone.now())
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(f"{verb} personal data of {count} registrations (events ended before {cutoff:%Y-%m-%d}).")
