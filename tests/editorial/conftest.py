"""Two organisations with sections, real users in real groups, and their models."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from editorial.roles import MODERATORS, TRANSLATORS
from editorial.services import ensure_organisation_section
from models_library.models import ModelContact
from tests.factories import OrganisationFactory, PracticeModelPageFactory, TargetGroupFactory

PASSWORD = "test-password-123"


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.fi", PASSWORD)
    for group in groups:
        user.groups.add(group)
    return user


@pytest.fixture
def orgs(site_structure):
    a = OrganisationFactory(code="org-a", name_fi="Organisaatio A", name_sv="Organisation A", name_en="Org A")
    b = OrganisationFactory(code="org-b", name_fi="Organisaatio B", name_sv="Organisation B", name_en="Org B")
    sections = {
        "a": ensure_organisation_section(a, site_structure),
        "b": ensure_organisation_section(b, site_structure),
    }
    call_command("setup_roles", stdout=StringIO())  # as production sets the roles up
    return {"a": a, "b": b, "sections": sections}


@pytest.fixture
def editor_a(orgs):
    return make_user("editor-a", orgs["a"].editors.group)


@pytest.fixture
def editor_b(orgs):
    return make_user("editor-b", orgs["b"].editors.group)


@pytest.fixture
def moderator(orgs):
    from django.contrib.auth.models import Group

    return make_user("moderator", Group.objects.get(name=MODERATORS))


@pytest.fixture
def translator(orgs):
    from django.contrib.auth.models import Group

    return make_user("translator", Group.objects.get(name=TRANSLATORS))


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


@pytest.fixture
def target_group(db):
    return TargetGroupFactory(code="lapset", name_fi="Lapset")


@pytest.fixture
def model_b(orgs, target_group):
    page = PracticeModelPageFactory(parent=orgs["sections"]["b"]["library"], title="B:n toimintamalli")
    page.target_groups.set([target_group])
    return publish(page)


@pytest.fixture
def model_a(orgs, target_group):
    page = PracticeModelPageFactory(parent=orgs["sections"]["a"]["library"], title="A:n toimintamalli")
    page.target_groups.set([target_group])
    # A model at stage "ready" is published only with a contact (publish_blockers): as in production.
    page.contacts.add(ModelContact(organisation=orgs["a"], name="Kehittäjät", email="kehittajat@example.fi"))
    page.save()
    return publish(page)


@pytest.fixture
def logged_in(client):
    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login
