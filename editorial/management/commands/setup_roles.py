"""Create or refresh the editorial roles (groups, permissions, moderation workflow)."""

from django.core.management.base import BaseCommand

from editorial.roles import setup_roles


class Command(BaseCommand):
    help = "Create or refresh Moderators, Translators, Site administrators and the Moderation workflow (idempotent)."

    def handle(self, *args, **options):
        groups = setup_roles()
        self.stdout.write(self.style.SUCCESS("Roles ready: " + ", ".join(g.name for g in groups.values())))
