"""Mail each confirmed follower a digest of what happened to their models since the last one.

Run it on a schedule (cron, e.g. daily at 7:00). A follower with nothing new gets nothing.
"""

from django.core.management.base import BaseCommand

from following.services import send_digests


class Command(BaseCommand):
    help = "Send the followers of practice models their digests."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"Sent {sent} follow digest(s).")
