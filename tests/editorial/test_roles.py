"""Roles as the one definition in editorial.roles makes them, through ``manage.py setup_roles``
(which ``load_demo`` runs): what each role's user can open in the admin, and that nothing
else (a migration, a second run, an older install) changes it."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from .conftest import make_user

pytestmark = pytest.mark.django_db

REPORTS = {
    "search report": "/admin/search-report/",
    "stale models report": "/admin/reports/stale-models/",
    "search promotions": "/admin/searchpicks/",
    "search synonyms": "/admin/snippets/portal_search/searchsynonym/",
}


@pytest.fixture
def roles(orgs):
    call_command("setup_roles", stdout=StringIO())  # a second run changes nothing
    return {name: Group.objects.get(name=name) for name in ("Moderators", "Translators", "Site administrators")}


@pytest.mark.parametrize("report", REPORTS)
def test_moderators_open_their_reports(logged_in, roles, report):
    client = logged_in(make_user("moderator-2", roles["Moderators"]))
    assert client.get(REPORTS[report]).status_code == 200, report


@pytest.mark.parametrize("report", REPORTS)
def test_translators_and_editors_do_not(logged_in, roles, orgs, report):
    for user in (make_user("translator-2", roles["Translators"]), make_user("editor-2", orgs["a"].editors.group)):
        response = logged_in(user).get(REPORTS[report])
        assert response.status_code in (302, 403), (user.username, report)


def test_the_search_report_is_in_the_moderators_reports_menu(logged_in, roles):
    html = logged_in(make_user("moderator-3", roles["Moderators"])).get("/admin/").content.decode()
    assert "/admin/search-report/" in html


def test_setup_roles_gives_exactly_the_defined_permissions_whatever_was_there(roles, orgs):
    """Permissions added by hand or by an old migration are taken away again."""
    from django.contrib.auth.models import Permission

    moderators = roles["Moderators"]
    before = set(moderators.permissions.values_list("content_type__app_label", "codename"))
    moderators.permissions.add(Permission.objects.get(codename="delete_user"))
    orgs["a"].editors.group.permissions.add(Permission.objects.get(codename="delete_user"))
    call_command("setup_roles", stdout=StringIO())
    assert set(moderators.permissions.values_list("content_type__app_label", "codename")) == before
    assert not orgs["a"].editors.group.permissions.filter(codename="delete_user").exists()
    assert ("portal_search", "view_searchquerylog") in before
