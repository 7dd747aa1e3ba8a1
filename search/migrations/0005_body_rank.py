"""Precomputed body ranks of single words on PostgreSQL (search/body_rank.py).

Creates the table and the trigger that keeps it in step with Wagtail's index table, and
fills it for every entry already indexed (45 627 entries of the 10 000-model bench corpus:
7.9 million rows, 688 MB, 92 s on a loaded 2-core machine; searches keep working
meanwhile, index writes wait for the trigger's lock). Reversible: the reverse drops the
table, the trigger and its functions.
SQLite: nothing (FTS5 ranks from its own index).
"""

from django.db import migrations

from search import body_rank


def create(apps, schema_editor):
    body_rank.create(schema_editor.connection)


def drop(apps, schema_editor):
    body_rank.drop(schema_editor.connection)


def vacuum(apps, schema_editor):
    body_rank.vacuum(schema_editor.connection)


class Migration(migrations.Migration):
    # VACUUM cannot run in a transaction: the table is created in one, then vacuumed.
    atomic = False

    dependencies = [
        ("portal_search", "0004_clicks_and_synonyms"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(create, drop, atomic=True, elidable=False),
        migrations.RunPython(vacuum, migrations.RunPython.noop, elidable=False),
    ]
