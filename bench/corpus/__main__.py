"""Command line: ``.venv/bin/python -m bench.corpus --models N --events M [...]``.

The settings module comes from DJANGO_SETTINGS_MODULE (default: portal.settings.dev, as
manage.py); ``--database`` sets DATABASE_URL for this run.
"""

import argparse
import json
import os
import sys

LANGUAGES = ("fi", "sv", "en")


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench.corpus",
        description="Generate N practice models and M events per language (fi + translations) for benchmarks.",
    )
    parser.add_argument("--models", type=int, default=100, help="Practice models per language.")
    parser.add_argument("--events", type=int, default=50, help="Events per language.")
    parser.add_argument("--seed", type=int, default=1, help="Random seed (same seed, same corpus).")
    parser.add_argument("--languages", default="fi,sv,en", help="Comma-separated languages; fi is always included.")
    parser.add_argument("--database", metavar="URL", help="DATABASE_URL to write to (default: the settings').")
    parser.add_argument("--no-index", action="store_true", help="Skip building the search index.")
    parser.add_argument("--json", action="store_true", help="Print the summary as JSON (last line).")
    args = parser.parse_args(argv)
    if args.models < 0 or args.events < 0:
        parser.error("--models and --events must be zero or more.")
    args.languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    unknown = set(args.languages) - set(LANGUAGES)
    if unknown:
        parser.error(f"unsupported languages: {', '.join(sorted(unknown))} (use {', '.join(LANGUAGES)}).")
    return args


class _Out:
    def write(self, message):
        print(message, flush=True)


def main(argv=None, stdout=None):
    """Parse the arguments, set up Django, build the corpus; returns the summary."""
    args = parse(argv)
    if args.database:
        os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django  # noqa: PLC0415 - the settings must be chosen before Django loads

    django.setup()
    from .builder import generate_corpus  # noqa: PLC0415 - models can be imported only after setup

    out = stdout or _Out()
    summary = generate_corpus(
        models=args.models,
        events=args.events,
        seed=args.seed,
        languages=args.languages,
        index=not args.no_index,
        stdout=None if args.json else out,
    )
    if args.json:
        out.write(json.dumps(summary))
    else:
        created = summary["created"]
        out.write(
            f"Created {created['models']} model pages and {created['events']} event pages "
            f"({created['occurrences']} occurrences, {created['registrations']} registrations) "
            f"in {', '.join(summary['languages'])} in {summary['timings']['total']} s."
        )
    return summary


if __name__ == "__main__":
    main(sys.argv[1:])
