"""The first autosave and the first "Save draft" of a new page arriving together give one
page with everything the editor filled (editorial.services.lock_and_find_new_page_twin)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from models_library.models import PracticeModelPage

from .forms import practice_model_form

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def _forms(target_group):
    draft = PracticeModelPage(title="Kilpajuoksu", slug="kilpajuoksu", short_description="Alku.")
    autosave = practice_model_form(draft)
    full = practice_model_form(
        draft,
        short_description="Koko lyhyt kuvaus.",
        implementation_site="Lapin hyvinvointialue",
        target_groups=[target_group.pk],
    )
    return autosave, full


def _add_url(orgs):
    return f"/admin/pages/add/models_library/practicemodelpage/{orgs['sections']['a']['library'].pk}/"


def _assert_one_full_page():
    pages = PracticeModelPage.objects.filter(slug="kilpajuoksu")
    assert pages.count() == 1
    latest = pages.get().get_latest_revision().as_object()
    assert latest.short_description == "Koko lyhyt kuvaus."
    assert latest.implementation_site == "Lapin hyvinvointialue"
    assert [tg.pk for tg in latest.target_groups.all()]


@pytest.mark.django_db
def test_save_after_autosave_created_the_page_saves_into_it(logged_in, editor_a, orgs, target_group):
    client = logged_in(editor_a)
    autosave, full = _forms(target_group)
    first = client.post(_add_url(orgs), autosave, **AUTOSAVE)
    assert first.status_code == 200, first.content[:500]
    second = client.post(_add_url(orgs), full)  # the form still posts to "create"
    assert second.status_code == 302, second.content.decode()[:3000]
    _assert_one_full_page()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks: PostgreSQL")
def test_concurrent_autosave_and_save_give_one_full_page(editor_a, orgs, target_group):
    # The autosave carries what the form held when it fired: here everything, so whichever
    # request wins the lock, the page ends up with every field.
    _autosave, full = _forms(target_group)
    barrier = threading.Barrier(2)
    statuses = []

    def post(data, extra):
        client = Client()
        client.force_login(editor_a, backend="django.contrib.auth.backends.ModelBackend")
        barrier.wait()
        try:
            statuses.append(client.post(_add_url(orgs), data, **extra).status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=(full, AUTOSAVE)),
        threading.Thread(target=post, args=(full, {})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 302], statuses
    _assert_one_full_page()
