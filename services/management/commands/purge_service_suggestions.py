"""Erase senders' e-mail addresses SERVICE_SUGGESTION_RETENTION_DAYS days after moderation,
and delete suggestions never confirmed within SERVICE_SUGGESTION_CONFIRM_SECONDS.

Safe to run daily (cron), like purge_adoption_reports.
"""

from django.core.management.base import BaseCommand

from services.suggestions import purge


class Command(BaseCommand):
    help = "Erase the e-mail of moderated service suggestions and delete unconfirmed ones."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override SERVICE_SUGGESTION_RETENTION_DAYS.")

    def handle(self, *args, days=None, **options):
        if days is not None and days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        erased, deleted = purge(days=days)
        self.stdout.write(f"Erased the e-mail of {erased} suggestions; deleted {deleted} unconfirmed suggestions.")
