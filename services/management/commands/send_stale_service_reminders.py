"""E-mail providers and editors about services not checked for 12 months.

Run daily (cron / scheduler) like send_freshness_reminders; each service is reminded at
most once a month until its "last checked" date is updated.
"""

from django.core.management.base import BaseCommand

from services.stale import send_stale_reminders


class Command(BaseCommand):
    help = "Send reminders about services whose facts were last checked over 12 months ago."

    def handle(self, *args, **options):
        sent = send_stale_reminders(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Messages sent: {sent}"))
