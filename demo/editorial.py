"""Demo roles, organisation sections and users (users only when CREATE_DEMO_USERS is on).

Called by ``manage.py load_demo``. Idempotent. The demo passwords are documented in
docs/editorial.md and README; production settings set CREATE_DEMO_USERS = False so these
accounts never exist there.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial.roles import MODERATORS, SITE_ADMINISTRATORS, TRANSLATORS, setup_roles
from editorial.services import ensure_organisation_section
from models_library.models import Organisation

DEMO_ORGANISATIONS = {
    "lapin-hyvinvointialue": {
        "name_fi": "Lapin hyvinvointialue",
        "name_sv": "Lapplands välfärdsområde",
        "name_en": "Wellbeing services county of Lapland",
        "kind": "county",
    },
    "pirkanmaan-hyvinvointialue": {
        "name_fi": "Pirkanmaan hyvinvointialue",
        "name_sv": "Birkalands välfärdsområde",
        "name_en": "Wellbeing services county of Pirkanmaa",
        "kind": "county",
    },
}

# username: (password, first name, last name, role group or organisation code, superuser)
DEMO_USERS = {
    "admin": ("admin-demo", "Ylläpitäjä", "Demo", SITE_ADMINISTRATORS, True),
    "moderaattori": ("moderaattori-demo", "Maija", "Moderaattori", MODERATORS, False),
    "toimittaja-lappi": ("toimittaja-lappi-demo", "Liisa", "Lappi", "lapin-hyvinvointialue", False),
    "toimittaja-pirkanmaa": ("toimittaja-pirkanmaa-demo", "Pekka", "Pirkanmaa", "pirkanmaan-hyvinvointialue", False),
    "kaantaja": ("kaantaja-demo", "Kaisa", "Kääntäjä", TRANSLATORS, False),
}


def ensure_demo_organisations(structure):
    groups = {}
    for code, defaults in DEMO_ORGANISATIONS.items():
        organisation, _created = Organisation.objects.get_or_create(code=code, defaults=defaults)
        ensure_organisation_section(organisation, structure)
        groups[code] = organisation.editors.group
    return groups


def ensure_demo_users(organisation_groups):
    User = get_user_model()
    users = {}
    for username, (password, first, last, role, superuser) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.fi"},
        )
        if created:
            user.set_password(password)
        user.is_staff = superuser
        user.is_superuser = superuser
        user.save()
        group = organisation_groups.get(role) or Group.objects.get(name=role)
        user.groups.add(group)
        users[username] = user
    return users


def load(structure, stdout=None):
    setup_roles()
    groups = ensure_demo_organisations(structure)
    if not getattr(settings, "CREATE_DEMO_USERS", False):
        if stdout:
            stdout.write("Roles and organisation sections ready; demo users skipped (CREATE_DEMO_USERS is off).")
        return {}
    users = ensure_demo_users(groups)
    if stdout:
        stdout.write(f"Roles, organisation sections and {len(users)} demo users ready (see docs/editorial.md).")
    return users
