"""E-mail participants EVENT_REMINDER_DAYS days before their date. Run it hourly or daily
(cron): each registration gets one reminder at most."""

from django.core.management.base import BaseCommand

from events.reminders import send_due


class Command(BaseCommand):
    help = "Send reminder e-mails to participants whose event date is near (once per registration)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override EVENT_REMINDER_DAYS.")

    def handle(self, *args, days=None, **options):
        if days is not None and days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        sent = send_due(days=days)
        self.stdout.write(f"Sent {sent} reminders.")
