"""E-mail owners of published practice models that have not been reviewed recently.

Run daily (cron / scheduler). Each model gets at most one reminder per review period:
a new period starts when someone marks the model reviewed.
"""

from django.core.management.base import BaseCommand

from editorial.services import send_freshness_reminders


class Command(BaseCommand):
    help = "Send review reminders for stale practice models (at most once per review period)."

    def handle(self, *args, **options):
        sent = send_freshness_reminders(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Reminders sent: {sent}"))
