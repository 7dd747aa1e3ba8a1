from django.db import migrations


class Migration(migrations.Migration):
    """An index for the main navigation query, run on every page view.

    ``home.get_children().live().in_menu()`` filters ``depth = 3`` and a path range that
    covers the whole language tree; with no index on ``depth`` PostgreSQL scanned every
    page row (20 ms at 10 000 models, measured in bench). Wagtail's Page model is not ours
    to add Meta indexes to, so this is plain SQL (partial indexes work on SQLite and
    PostgreSQL alike).
    """

    dependencies = [
        ("home", "0003_article_organisations_parental"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS portal_page_menu_idx ON wagtailcore_page (depth, path) "
            "WHERE live AND show_in_menus",
            "DROP INDEX IF EXISTS portal_page_menu_idx",
        ),
    ]
