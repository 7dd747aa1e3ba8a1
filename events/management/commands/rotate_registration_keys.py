"""Re-encrypt every stored registration need with the newest REGISTRATION_ENCRYPTION_KEY.

Rotation: put the new key first in REGISTRATION_ENCRYPTION_KEY and keep the old keys after
it, deploy, run this command, then remove the old keys (docs/security.md). Safe to run again
and to interrupt: it works in batches of registrations (each batch one transaction), leaves
tokens already under the newest key alone, and writes a new token only if the stored one is
still the token it read (a registration purged or changed meanwhile is never overwritten).
Tokens that no listed key opens are reported and left unchanged; the command then exits
with an error so that a scheduler notices.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from events import crypto
from events.models import Registration


class Command(BaseCommand):
    help = "Re-encrypt registration needs with the newest REGISTRATION_ENCRYPTION_KEY (MultiFernet.rotate)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Registrations per transaction.")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be re-encrypted.")

    def handle(self, *args, batch_size=500, dry_run=False, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        counts = {"rotated": 0, "current": 0, "changed": 0}
        unreadable = []
        last_pk = 0
        while True:
            batch = list(
                Registration.objects.exclude(needs_encrypted="")
                .filter(pk__gt=last_pk)
                .order_by("pk")
                .values_list("pk", "needs_encrypted")[:batch_size]
            )
            if not batch:
                break
            last_pk = batch[-1][0]
            with transaction.atomic():
                for pk, token in batch:
                    self._rotate_one(pk, token, dry_run, counts, unreadable)
        verb = "Would re-encrypt" if dry_run else "Re-encrypted"
        self.stdout.write(
            f"{verb} {counts['rotated']} registrations with the newest key; {counts['current']} already used it; "
            f"{counts['changed']} changed meanwhile and were left alone; {len(unreadable)} could not be decrypted."
        )
        if unreadable:
            raise CommandError(
                f"No key in REGISTRATION_ENCRYPTION_KEY opens the needs of {len(unreadable)} registrations "
                f"(ids {', '.join(map(str, unreadable[:50]))}{' …' if len(unreadable) > 50 else ''}); they are "
                "unchanged. List the key they were encrypted with and run the command again."
            )

    def _rotate_one(self, pk, token, dry_run, counts, unreadable):
        if crypto.uses_newest_key(token):
            counts["current"] += 1
            return
        try:
            new_token = crypto.rotate(token, label=f"the needs of registration {pk}")
        except crypto.DecryptionFailed:
            unreadable.append(pk)
            return
        if dry_run:
            counts["rotated"] += 1
            return
        written = Registration.objects.filter(pk=pk, needs_encrypted=token).update(needs_encrypted=new_token)
        counts["rotated" if written else "changed"] += 1
