"""Load the demo content: vocabularies, site structure, models, events, news, demo users.

Idempotent: safe to run on every `make run`. Each part lives in its own module of this
app (demo/library.py, demo/events.py, …) with a ``load(structure, stdout)`` function.
"""

from django.core.management.base import BaseCommand

from demo import development_paths, editorial, events, evidence, library, news, places, projects, search, services
from demo.site import ensure_site_structure
from models_library.vocabulary_data import load_vocabularies

# Order matters: models before the events and news that link to them.
DEMO_PARTS = [library, evidence, events, places, news, projects, services, editorial, development_paths, search]


class Command(BaseCommand):
    help = "Load (or refresh) the demo content built from the reference documents."

    def handle(self, *args, **options):
        counts = load_vocabularies()
        self.stdout.write("Vocabularies: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        structure = ensure_site_structure(stdout=self.stdout)
        for part in DEMO_PARTS:
            part.load(structure, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
