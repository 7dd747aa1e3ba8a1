"""Moderators may read the search report (popular and zero-result queries)."""

from django.db import migrations


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; create this one now to grant it.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="portal_search", model="searchquerylog")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_searchquerylog",
        defaults={"name": "Can view search statistic"},
    )
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
