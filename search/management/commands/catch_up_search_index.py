"""Bring the search index up to date with the updates the engine missed while it was down.

Run it on a schedule (cron or a systemd timer, e.g. every minute: cheap when the queue is
empty) and after an outage. Safe to run at any time and in parallel with the site: each
queued object is indexed as it is in the database at that moment. Exits with status 1
while updates remain queued (the engine is still down, or an object failed: see the log
and ``PendingIndexUpdate.last_error``), so a scheduler can alert on it.
"""

from django.core.management.base import BaseCommand, CommandError

from search.index_queue import catch_up


class Command(BaseCommand):
    help = "Apply the search index updates queued while the search engine was unavailable."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="At most this many queued objects per run (default 1000)."
        )

    def handle(self, *args, batch_size=1000, **options):
        done, left = catch_up(batch_size=batch_size)
        if done or options["verbosity"] > 1:
            self.stdout.write(f"Search index: {done} queued update(s) applied, {left} left.")
        if left and done < batch_size:
            raise CommandError(f"{left} search index update(s) still queued: is the search engine up?", returncode=1)
