"""Contacts of a model and the "Contact the developers" form.

Non-public e-mail and phone never reach readers (page, API, JSON export, CSV, compare);
the form relays to every contact address, public or not, one e-mail per address.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from core.ordering import in_order
from models_library.contact import MESSAGE_MAX_LENGTH
from models_library.models import ModelContact
from tests.factories import OrganisationFactory, PracticeModelPageFactory

pytestmark = pytest.mark.django_db

HIDDEN_EMAIL = "salainen.henkilo@example.fi"
HIDDEN_PHONE = "040 123 4567"
PUBLIC_EMAIL = "toimintamalli@example.fi"


@pytest.fixture
def model(library):
    organisation = OrganisationFactory(code="lapha", name_fi="Lapin hyvinvointialue", name_en="Wellbeing Lapland")
    page = PracticeModelPageFactory(parent=library, title="Arjen turva", slug="arjen-turva")
    page.contacts = in_order(  # as the admin form numbers its rows
        [
            ModelContact(
                name="Kehittämiskoordinaattori",
                organisation=organisation,
                role="owner",
                url="https://example.fi/arjen-turva",
                email=PUBLIC_EMAIL,
                email_public=True,
                phone="016 000 000",
                phone_public=True,
            ),
            ModelContact(
                name="Projektityöntekijä",
                organisation=organisation,
                role="developer",
                email=HIDDEN_EMAIL,
                phone=HIDDEN_PHONE,
            ),
        ]
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def form_data(**overrides):
    return {
        "name": "Maija Lukija",
        "email": "maija@example.org",
        "message": "Miten malli otetaan käyttöön?",
        **overrides,
    }


def test_page_shows_public_contact_details_only(client, model):
    response = client.get(model.url)
    html = response.content.decode()
    contacts = BeautifulSoup(html, "html.parser").select_one(".model-contacts")
    text = contacts.get_text(" ", strip=True)
    assert "Kehittämiskoordinaattori" in text and "Lapin hyvinvointialue" in text
    assert contacts.select_one(f'a[href="mailto:{PUBLIC_EMAIL}"]')
    assert contacts.select_one('a[href="tel:016000000"]')
    assert contacts.select_one('a[href="https://example.fi/arjen-turva"]')
    assert "Projektityöntekijä" in text  # the person or role is shown, their addresses are not
    assert HIDDEN_EMAIL not in html and HIDDEN_PHONE not in html
    assert HIDDEN_EMAIL.split("@")[0] not in html
    # the model page links to the form's own page and carries no CSRF token (it stays cacheable)
    assert contacts.select_one(f'a[href="{model.url}contact/"]')
    assert "csrfmiddlewaretoken" not in html and 'class="contact-form"' not in html
    assert "no-cache" not in response.get("Cache-Control", "")


def test_form_page_carries_the_form_and_is_never_cached(client, model):
    response = client.get(f"{model.url}contact/")
    assert response.status_code == 200
    html = response.content.decode()
    form = BeautifulSoup(html, "html.parser").select_one("form.contact-form")
    assert form["method"] == "post" and form["action"] == f"{model.url}contact/"
    assert form.select_one('input[name="csrfmiddlewaretoken"]')
    assert "no-cache" in response["Cache-Control"]
    assert HIDDEN_EMAIL not in html and PUBLIC_EMAIL not in html  # the form page prints no address
    assert f'href="{model.url}"' in html  # the way back to the model


def test_api_export_csv_and_compare_never_carry_non_public_details(client, model, library, tmp_path):
    api = client.get(f"/api/v2/pages/{model.pk}/").json()
    # The fixture's two contacts share a sort order: PostgreSQL may return either first.
    contacts = sorted(api["contacts"], key=lambda c: c["email"] == "")
    assert [c["email"] for c in contacts] == [PUBLIC_EMAIL, ""]
    assert [c["phone"] for c in contacts] == ["016 000 000", ""]
    assert contacts[0]["name"] == "Kehittämiskoordinaattori"
    assert contacts[0]["organisation"]["code"] == "lapha"

    export = tmp_path / "models.json"
    call_command("export_models", str(export))
    text = export.read_text()
    assert HIDDEN_EMAIL not in text and HIDDEN_PHONE not in text
    record = json.loads(text)["models"][0]["content"]["contacts"]
    assert record[1]["email_withheld"] and record[1]["phone_withheld"]

    for url in (f"{library.url}export/", f"{library.url}compare/?models={model.pk}"):
        body = client.get(url).content.decode()
        assert HIDDEN_EMAIL not in body and HIDDEN_PHONE not in body, url

    # Re-importing into this portal keeps the withheld values it already has.
    call_command("import_models", str(export))
    kept = ModelContact.objects.get(page=model, name="Projektityöntekijä")
    assert (kept.email, kept.phone, kept.email_public) == (HIDDEN_EMAIL, HIDDEN_PHONE, False)


def test_operator_export_with_private_contacts_round_trips_them(model, tmp_path):
    """Moving content to another portal: --private-contacts carries the non-public values."""
    export = tmp_path / "models.json"
    call_command("export_models", str(export), "--private-contacts")
    record = json.loads(export.read_text())["models"][0]["content"]["contacts"][1]
    assert (record["email"], record["phone"], record["email_public"]) == (HIDDEN_EMAIL, HIDDEN_PHONE, False)
    assert not record["email_withheld"] and not record["phone_withheld"]
    ModelContact.objects.filter(page=model).update(email="", phone="")  # as in a portal that never had them
    call_command("import_models", str(export))
    restored = ModelContact.objects.get(page=model, name="Projektityöntekijä")
    assert (restored.email, restored.phone, restored.email_public) == (HIDDEN_EMAIL, HIDDEN_PHONE, False)


def test_form_relays_to_every_contact_address_without_javascript(client, model):
    response = client.post(f"{model.url}contact/", form_data(send_copy="on"))
    assert response.status_code == 302 and response["Location"] == f"{model.url}contact/"
    to_contacts = [m for m in mail.outbox if m.to != ["maija@example.org"]]
    assert sorted(m.to[0] for m in to_contacts) == sorted([PUBLIC_EMAIL, HIDDEN_EMAIL])
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in to_contacts)  # nobody sees another's address
    assert all(m.reply_to == ["maija@example.org"] for m in to_contacts)
    assert "Miten malli otetaan käyttöön?" in to_contacts[0].body
    copy = next(m for m in mail.outbox if m.to == ["maija@example.org"])
    assert HIDDEN_EMAIL not in copy.body and PUBLIC_EMAIL not in copy.body
    assert "Arjen turva" in copy.subject
    page = client.get(response["Location"]).content.decode()
    assert "Kiitos" in page and HIDDEN_EMAIL not in page


def test_no_copy_unless_asked(client, model):
    client.post(f"{model.url}contact/", form_data())
    assert len(mail.outbox) == 2
    assert all(m.to != ["maija@example.org"] for m in mail.outbox)


def test_honeypot_sends_nothing(client, model):
    response = client.post(f"{model.url}contact/", form_data(website="http://spam.example"))
    assert response.status_code == 302  # answered like a person
    assert mail.outbox == []


@pytest.mark.parametrize(
    "data, field",
    [
        (form_data(email="ei-osoite"), "email"),
        (form_data(name=""), "name"),
        (form_data(message=""), "message"),
        (form_data(message="x" * (MESSAGE_MAX_LENGTH + 1)), "message"),
        (form_data(email="a@example.org\nBcc: b@example.org"), "email"),
    ],
)
def test_bad_input_gives_form_errors_never_500(client, model, data, field):
    response = client.post(f"{model.url}contact/", data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.select_one("#contact-form-errors")
    assert soup.select_one(f"#id_{field}-error")
    assert mail.outbox == []
    if len(data["message"]) > MESSAGE_MAX_LENGTH:
        assert "liian pitkä" in soup.select_one("#id_message-error").get_text()
    assert HIDDEN_EMAIL not in response.content.decode()


def test_post_needs_csrf_token(model):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"{model.url}contact/", form_data()).status_code == 403
    assert mail.outbox == []


@override_settings(RATE_LIMIT_ENABLED=True, RATE_LIMITS={"model-contact": "2/h"})
def test_refused_after_the_rate_limit(client, model):
    from django.core.cache import cache

    cache.clear()
    assert client.post(f"{model.url}contact/", form_data()).status_code == 302
    assert client.post(f"{model.url}contact/", form_data()).status_code == 302
    sent = len(mail.outbox)
    response = client.post(f"{model.url}contact/", form_data())
    assert response.status_code == 429
    assert len(mail.outbox) == sent


def test_model_without_contact_address_has_no_form(client, library):
    page = PracticeModelPageFactory(parent=library, title="Ilman yhteystietoja", slug="ilman", development_stage="idea")
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "form" not in BeautifulSoup(html, "html.parser").select_one(".model-contacts").decode()
    assert 'class="contact-form"' not in html
    assert "Toimintamallille ei ole vielä annettu yhteystietoja." in html
    assert client.post(f"{page.url}contact/", form_data()).status_code == 404
    assert client.get(f"{page.url}contact/").status_code == 404


def test_import_keeps_the_order_of_the_contacts_in_the_file(model, tmp_path):
    """An import numbers the rows it makes: without that, every row had sort_order NULL and
    PostgreSQL returned the contacts in any order (an export then read them the other way)."""
    export = tmp_path / "models.json"
    call_command("export_models", str(export), "--private-contacts")
    data = json.loads(export.read_text())
    data["models"][0]["content"]["contacts"].reverse()
    export.write_text(json.dumps(data))
    call_command("import_models", str(export))
    rows = list(ModelContact.objects.filter(page=model).values_list("name", "sort_order"))
    assert rows == [("Projektityöntekijä", 0), ("Kehittämiskoordinaattori", 1)]
