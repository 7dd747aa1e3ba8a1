"""Erase followers' addresses that were never confirmed, or that follow nothing any more.

Safe to run daily (cron), like ``purge_registrations``. Confirmed addresses stay until
their owner unsubscribes (every message has the link) or the models they follow are deleted.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from following.services import purge


class Command(BaseCommand):
    help = "Erase unconfirmed and unused follower addresses after FOLLOW_CONFIRM_DAYS days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override FOLLOW_CONFIRM_DAYS.")

    def handle(self, *args, days=None, **options):
        days = settings.FOLLOW_CONFIRM_DAYS if days is None else days
        if days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        self.stdout.write(f"Erased {purge(days=days)} follower address(es).")
