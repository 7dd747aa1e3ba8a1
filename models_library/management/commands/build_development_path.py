"""Derive the development path of existing models from their revisions (stage changes).

Models that already have stage entries are left alone, so it is safe to run again.
"""

from django.core.management.base import BaseCommand

from models_library.development_path import backfill_from_revisions
from models_library.models import PracticeModelPage


class Command(BaseCommand):
    help = "Record stage changes of existing practice models from their revision history."

    def handle(self, *args, **options):
        created = 0
        pages = PracticeModelPage.objects.filter(live=True).order_by("pk")
        # One language version per model: entries are read through the translation key.
        seen = set()
        for page in pages.iterator():
            if page.translation_key in seen:
                continue
            seen.add(page.translation_key)
            created += backfill_from_revisions(page)
        self.stdout.write(f"Recorded {created} development path entries for {len(seen)} models.")
