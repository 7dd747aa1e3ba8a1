"""Generate a synthetic national-scale corpus (benchmarks, query-budget tests).

    python manage.py generate_corpus --models 10000 --events 5000 --seed 1 --languages fi,sv,en

Pages are written in bulk and indexed once at the end; see models_library/corpus.py for
what is and is not created (no revisions; translations written directly as locale trees).
"""

import json

from django.core.management.base import BaseCommand, CommandError

from models_library.corpus import generate_corpus


class Command(BaseCommand):
    help = "Generate N practice models and M events (fi + translations) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--models", type=int, default=100, help="Practice models per language.")
        parser.add_argument("--events", type=int, default=50, help="Events per language.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (same seed, same corpus).")
        parser.add_argument("--languages", default="fi,sv,en",
                            help="Comma-separated languages; fi is always included.")
        parser.add_argument("--no-index", action="store_true", help="Skip building the search index.")
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")

    def handle(self, *args, **options):
        if options["models"] < 0 or options["events"] < 0:
            raise CommandError("--models and --events must be zero or more.")
        languages = [code.strip() for code in options["languages"].split(",") if code.strip()]
        unknown = set(languages) - {"fi", "sv", "en"}
        if unknown:
            raise CommandError(f"Unsupported languages: {', '.join(sorted(unknown))} (use fi, sv, en).")
        summary = generate_corpus(
            models=options["models"], events=options["events"], seed=options["seed"],
            languages=languages, index=not options["no_index"],
            stdout=None if options["json"] else self.stdout,
        )
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(self.style.SUCCESS(
                f"Created {summary['created'].get('models', 0)} model pages and "
                f"{summary['created'].get('events', 0)} event pages in {', '.join(summary['languages'])} "
                f"in {summary['timings']['total']} s."
            ))
