"""python manage.py export_models FILE : every practice model (drafts too, with status) as JSON."""

from pathlib import Path

from django.core.management.base import BaseCommand

from models_library.importers import json_io


class Command(BaseCommand):
    help = "Write every practice model, drafts included with their status, to a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the JSON ('-' for standard output).")
        parser.add_argument(
            "--private-contacts",
            action="store_true",
            help="Include contacts' non-public e-mail addresses and phone numbers (to move the content "
            "to another portal; the file then holds personal data: keep it accordingly).",
        )

    def handle(self, file, **options):
        data = json_io.export_models(private_contacts=options["private_contacts"])
        text = json_io.dumps(data)
        if file == "-":
            self.stdout.write(text)
        else:
            Path(file).write_text(text, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"Wrote {len(data['models'])} models to {file}."))
