"""Kept so that databases which applied it stay consistent; it grants nothing.

Which group may read the search report is a role permission, defined once in
``editorial.roles.ROLES`` and granted by ``manage.py setup_roles`` (which ``load_demo``
runs); a data migration granting it too would be a second definition that the role set-up
silently overrides.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = []
