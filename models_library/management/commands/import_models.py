"""python manage.py import_models FILE… : text descriptions → draft pages; JSON exports → pages.

Every file is read and checked first; if any file is broken nothing is written and the
command exits with an error. Text imports become drafts (never published) and every
mapping decision (unmapped text, unknown vocabulary names, left-out noise) is reported.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page

from models_library.importers import ImportFileError, json_io
from models_library.importers.store import create_draft
from models_library.importers.text import MAX_BYTES, parse_bytes


class Command(BaseCommand):
    help = "Import practice models from plain-text descriptions (as drafts) or from an export_models JSON file."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Text files (current or legacy format) or JSON exports.")
        parser.add_argument(
            "--parent", type=int, help="Id of the page to put text imports under (default: the Finnish library)."
        )

    def handle(self, *args, **options):
        files = options["files"]
        parent = None
        if options.get("parent"):
            parent = Page.objects.filter(pk=options["parent"]).first()
            if parent is None:
                raise CommandError(f"No page with id {options['parent']}.")
            parent = parent.specific
        jobs = []
        try:
            for name in files:
                path = Path(name)
                if not path.is_file():
                    raise ImportFileError(f"{name}: no such file.")
                if path.stat().st_size > MAX_BYTES * 50:
                    raise ImportFileError(f"{name}: the file is too large to import.")
                data = path.read_bytes()
                if path.suffix.lower() == ".json":
                    jobs.append(("json", name, json_io.validate(json_io.load_file(data, name), name)))
                else:
                    jobs.append(("text", name, parse_bytes(data, name)))
            with transaction.atomic():
                for kind, name, payload in jobs:
                    if kind == "json":
                        created, updated = json_io.import_models(payload, name)
                        self.stdout.write(f"{name}: {created} created, {updated} updated.")
                    else:
                        page = create_draft(payload, parent)
                        self.stdout.write(f"{name}: draft '{page.title}' (id {page.pk}, {payload.format} format).")
                        for line in payload.report:
                            self.stdout.write(f"  - {line}")
        except (ImportFileError, LookupError) as exc:
            raise CommandError(f"Nothing was imported. {exc}") from None
        self.stdout.write(self.style.SUCCESS(f"Imported {len(jobs)} file(s)."))
