"""Load the demo content: vocabularies, site structure, models, events, news, demo users.

Idempotent: safe to run on every `make run`. Each app contributes its own part through a
``demo`` module with a ``load(structure, stdout)`` function.
"""

from importlib import import_module

from django.core.management.base import BaseCommand

from home.demo import ensure_site_structure
from models_library.vocabulary_data import load_vocabularies

# Order matters: models before the events and news that link to them.
DEMO_MODULES = ["models_library.demo", "events.demo", "home.news_demo", "editorial.demo"]


class Command(BaseCommand):
    help = "Load (or refresh) the demo content built from the reference documents."

    def handle(self, *args, **options):
        counts = load_vocabularies()
        self.stdout.write("Vocabularies: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        structure = ensure_site_structure(stdout=self.stdout)
        for dotted in DEMO_MODULES:
            try:
                module = import_module(dotted)
            except ModuleNotFoundError as exc:
                if exc.name != dotted:
                    raise
                continue
            module.load(structure, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
