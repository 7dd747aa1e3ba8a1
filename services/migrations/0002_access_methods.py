"""Seed the ways into a service (the access facet)."""

from django.db import migrations

METHODS = [
    # code, fi, sv, en (Sámi names are left to Sámi-speaking editors: empty shows Finnish)
    ("walk-in", "Ilman ajanvarausta", "Utan tidsbokning", "Walk in"),
    ("phone", "Soittamalla", "Per telefon", "By phone"),
    ("referral", "Lähetteellä tai ohjauksella", "Med remiss eller hänvisning", "With a referral"),
    ("online", "Verkossa", "Via nätet", "Online"),
]


def seed(apps, schema_editor):
    AccessMethod = apps.get_model("services", "AccessMethod")
    for order, (code, fi, sv, en) in enumerate(METHODS):
        AccessMethod.objects.update_or_create(
            code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
