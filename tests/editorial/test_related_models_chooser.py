"""Related models are chosen in Wagtail's page chooser, among models of the page's language."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale

from core.localization import translate_page
from models_library.models import PracticeModelPage

from .forms import practice_model_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def model_b_sv(model_b):
    sv = Locale.objects.get(language_code="sv")
    return translate_page(model_b, sv, {"title": "B:n toimintamalli på svenska"}).page


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def post_related(client, page, related):
    data = practice_model_form(page)
    data["related_models"] = [str(pk) for pk in related]  # ticked checkboxes post a list
    return client.post(edit_url(page), data)


def test_edit_form_renders_the_chooser_in_the_finnish_admin(logged_in, editor_a, model_a, model_b):
    model_a.related_models.set([model_b])
    model_a.save_revision(user=editor_a)
    response = logged_in(editor_a).get(edit_url(model_a))
    soup = BeautifulSoup(response.content, "html.parser")
    box = soup.select_one("[data-same-language-chooser][data-name=related_models]")
    assert box is not None
    assert box["data-locale"] == "fi"
    assert box["data-page-type"] == "models_library.practicemodelpage"
    assert box["data-chooser-url"] == reverse("wagtailadmin_choose_page")
    assert box.select_one("[data-same-language-chooser-open]").get_text(strip=True) == "Valitse sivuja"
    assert "suomi" in box.select_one(".same-language-chooser__help").get_text()
    # The saved choice shows without JavaScript: a ticked box with the model's title.
    chosen = box.select("input[type=checkbox][name=related_models]")
    assert [(c["value"], c.has_attr("checked")) for c in chosen] == [(str(model_b.pk), True)]
    assert "B:n toimintamalli" in box.get_text()
    assert not soup.select("select[name=related_models]")  # no list of every model
    assert soup.select_one('script[src$="js/same_language_chooser.js"]') is not None


def test_a_model_of_another_language_is_a_form_error(logged_in, editor_a, model_a, model_b_sv):
    response = post_related(logged_in(editor_a), model_a, [model_b_sv.pk])
    assert response.status_code == 200  # the form again, never a 500
    soup = BeautifulSoup(response.content, "html.parser")
    errors = soup.select_one("[data-field-wrapper]:has([data-same-language-chooser]) .error-message")
    assert errors is not None, "no error at the related models field"
    assert "Vain tämän sivun kielellä (suomi)" in errors.get_text(), errors.get_text()
    latest = PracticeModelPage.objects.get(pk=model_a.pk).get_latest_revision_as_object()
    assert list(latest.related_models.all()) == []


def test_a_model_of_the_same_language_is_saved(logged_in, editor_a, model_a, model_b, model_b_sv):
    response = post_related(logged_in(editor_a), model_a, [model_b.pk])
    assert response.status_code == 302, response.content.decode()[:1000]
    latest = PracticeModelPage.objects.get(pk=model_a.pk).get_latest_revision_as_object()
    assert [page.pk for page in latest.related_models.all()] == [model_b.pk]
    # Unticking the box (nothing posted) removes it again.
    response = post_related(logged_in(editor_a), model_a, [])
    assert response.status_code == 302
    latest = PracticeModelPage.objects.get(pk=model_a.pk).get_latest_revision_as_object()
    assert list(latest.related_models.all()) == []


def chooser_search(client, **params):
    response = client.get(
        reverse("wagtailadmin_choose_page_search"),
        {"q": "toimintamalli", "page_type": "models_library.practicemodelpage", **params},
    )
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


def test_chooser_search_finds_models_of_one_language(logged_in, editor_a, model_a, model_b, model_b_sv):
    client = logged_in(editor_a)
    everything = chooser_search(client)
    assert "B:n toimintamalli på svenska" in everything and "A:n toimintamalli" in everything
    finnish = chooser_search(client, locale_only="fi")
    assert "A:n toimintamalli" in finnish and "B:n toimintamalli" in finnish
    assert "på svenska" not in finnish
    swedish = chooser_search(client, locale_only="sv")
    assert "B:n toimintamalli på svenska" in swedish and "A:n toimintamalli" not in swedish
