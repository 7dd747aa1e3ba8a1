"""Erase reporters' e-mail addresses ADOPTION_REPORT_RETENTION_DAYS days after moderation,
and delete reports never confirmed within ADOPTION_REPORT_CONFIRM_SECONDS.

Safe to run daily (cron): erased rows are skipped; the published report itself stays.
"""

from django.core.management.base import BaseCommand

from models_library.adoption_reports import purge


class Command(BaseCommand):
    help = "Erase the contact e-mail of moderated adoption reports and delete unconfirmed ones."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override ADOPTION_REPORT_RETENTION_DAYS.")

    def handle(self, *args, days=None, **options):
        if days is not None and days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        erased, deleted = purge(days=days)
        self.stdout.write(f"Erased the e-mail of {erased} reports; deleted {deleted} unconfirmed reports.")
