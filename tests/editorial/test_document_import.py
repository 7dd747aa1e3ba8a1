"""Import a document in the admin: upload → preview (mapping, extra sections, flagged
personal details) → a draft in the editor's own section, never live."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import PageLogEntry

from models_library.importers.documents import MAX_UPLOAD_BYTES
from models_library.models import PracticeModelPage
from tests.editorial.documents import docx_bytes, legacy_html, model_docx, seed_text

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("models_library_import")
CONFIRM_URL = reverse("models_library_import_confirm")


def upload(client, section, name, data):
    return client.post(IMPORT_URL, {"section": section.pk, "file": SimpleUploadedFile(name, data)})


def payload_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("input", {"name": "payload"})["value"]


def table_rows(response, table_id):
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find(id=table_id)
    return {
        " ".join(row.th.get_text().split()): " ".join(row.td.get_text().split())
        for row in table.tbody.find_all("tr")
        if row.th
    }


@pytest.fixture
def section_a(orgs):
    return orgs["sections"]["a"]["library"]


def test_text_file_preview_maps_fields_and_saves_nothing(logged_in, editor_a, section_a):
    client = logged_in(editor_a)
    response = upload(client, section_a, "arjen-turva.txt", seed_text("000").encode())
    assert response.status_code == 200
    rows = table_rows(response, "import-fields")
    assert rows["Otsikko"] == "Arjen turvan toimintamalli"
    assert rows["Lyhyt kuvaus"].startswith("Lappilainen varhaisen puuttumisen monitoimijainen malli")
    assert rows["Kehittämisen vaihe"] == "Valmis"
    assert rows["Ratkaisun perusidea"].startswith("Lappilainen varhaisen puuttumisen ja monitoimijaisen")
    assert rows["Alueet"] == "Lapin hyvinvointialue"  # mapped to the vocabulary
    assert not PracticeModelPage.objects.filter(title="Arjen turvan toimintamalli").exists()


def test_saved_legacy_page_preview_shows_extra_sections_and_flags_phone(logged_in, editor_a, section_a):
    client = logged_in(editor_a)
    response = upload(client, section_a, "varpu.html", legacy_html())
    assert response.status_code == 200
    html = response.content.decode()
    assert "vanhemmassa hyvien käytäntöjen muodossa" in html  # the legacy format is named
    extra = table_rows(response, "import-extra")
    assert {"Tarve & lähtökohta", "Organisointi", "Haasteet", "Yhteystiedot"} <= set(extra)
    assert "Etusivu" not in html.split('id="import-fields"')[1]  # site navigation is not content
    flags = BeautifulSoup(response.content, "html.parser").find(id="import-flags").get_text(" ")
    assert "040-123 4567" in flags
    assert "yhteyshenkilön ei-julkisiin tietoihin" in flags  # where the number ends up
    assert "etunimi.sukunimi@" not in flags  # a pattern is no address


def test_word_document_preview_flags_and_creates_draft_owned_by_editor(logged_in, editor_a, section_a, client):
    editor = logged_in(editor_a)
    response = upload(editor, section_a, "perhekeskus.docx", model_docx())
    assert response.status_code == 200
    rows = table_rows(response, "import-fields")
    assert rows["Otsikko"] == "Ilmiölähtöisen yhteiskehittämisen toimintamalli"
    flags = BeautifulSoup(response.content, "html.parser").find(id="import-flags").get_text(" ")
    assert "040 123 4567" in flags and "maija.meikalainen@example.fi" in flags
    assert "Ratkaisun perusidea" in flags  # it stays in the text: the editor decides

    response = editor.post(CONFIRM_URL, {"payload": payload_of(response)})
    page = PracticeModelPage.objects.get(title="Ilmiölähtöisen yhteiskehittämisen toimintamalli")
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.get_parent().pk == section_a.pk
    assert not page.live and page.first_published_at is None
    assert page.owner == editor_a
    revision = page.get_latest_revision()
    assert revision.user == editor_a
    assert PageLogEntry.objects.filter(page=page, action="wagtail.create", user=editor_a).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("040 123 4567" in m for m in messages)

    edit = editor.get(response["Location"])
    assert edit.status_code == 200
    client.logout()
    assert client.get(page.url or f"/fi/{page.url_path}").status_code == 404  # nothing public


def test_other_sections_and_translators_are_refused(logged_in, editor_a, editor_b, translator, orgs, section_a):
    editor = logged_in(editor_a)
    preview = upload(editor, section_a, "arjen-turva.txt", seed_text("000").encode())
    payload = payload_of(preview)

    other = logged_in(editor_b)
    response = upload(other, section_a, "arjen-turva.txt", seed_text("000").encode())
    assert response.status_code == 200
    assert "import-errors" in response.content.decode()  # not one of her sections: a form error
    refused = other.post(CONFIRM_URL, {"payload": payload})  # a preview made by another editor
    assert refused.status_code == 302 and refused["Location"] == reverse(
        "wagtailadmin_home"
    )  # Wagtail's "no permission"
    form_page = other.get(IMPORT_URL).content.decode()
    assert "Yhden toimintamallin kuvaus Word-asiakirjana" in form_page  # the Finnish admin is Finnish
    options = BeautifulSoup(form_page, "html.parser").select("select[name=section] option")
    assert [option.get_text() for option in options] == ["Organisaatio B"]

    assert IMPORT_URL in other.get("/admin/").content.decode()  # "Import a document" in her menu
    section_b = orgs["sections"]["b"]["library"]
    header = other.get(reverse("wagtailadmin_explore", args=[section_b.pk])).content.decode()
    assert f"{IMPORT_URL}?section={section_b.pk}" in header  # and in her section's header menu

    assert IMPORT_URL not in logged_in(translator).get("/admin/").content.decode()
    refused = logged_in(translator).get(IMPORT_URL)
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    assert not PracticeModelPage.objects.filter(title="Arjen turvan toimintamalli").exists()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def _zip_without_document():
    data = bytearray(docx_bytes(["x"]))
    return bytes(data.replace(b"word/document.xml", b"word/documenx.xml"))


BAD_FILES = {
    "wrong-type": ("kuvaus.pdf", b"%PDF-1.4 ...", "Vain Word-asiakirjoja"),
    "empty": ("tyhja.txt", b"", "tiedosto on tyhjä"),
    "not-a-zip": ("rikki.docx", b"PK\x03\x04 not really a zip", "ei ole Word-asiakirja"),
    "zip-without-document": ("paketti.docx", _zip_without_document(), "ei Word-asiakirja"),
    "not-a-description": ("muistio.txt", "Kauppalista\nmaitoa\nleipää\n".encode(), "tunnettuja otsikoita"),
    "not-utf8": ("latin1.txt", "Tarve & lähtökohta\nkuvaus\n".encode("latin-1"), "UTF-8"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_get_a_form_error(logged_in, editor_a, section_a, case):
    name, data, message = BAD_FILES[case]
    response = upload(logged_in(editor_a), section_a, name, data)
    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").find(id="import-errors")
    assert errors is not None and message in errors.get_text(), errors
    assert not PracticeModelPage.objects.filter(owner=editor_a).exists()


def test_oversized_file_is_refused(logged_in, editor_a, section_a):
    response = upload(logged_in(editor_a), section_a, "iso.txt", b"a" * (MAX_UPLOAD_BYTES + 1))
    assert response.status_code == 200
    assert "liian suuri" in BeautifulSoup(response.content, "html.parser").find(id="import-errors").get_text()


def test_tampered_preview_creates_nothing(logged_in, editor_a, section_a):
    editor = logged_in(editor_a)
    payload = payload_of(upload(editor, section_a, "arjen-turva.txt", seed_text("000").encode()))
    response = editor.post(CONFIRM_URL, {"payload": payload[:-1] + ("A" if payload[-1] != "A" else "B")}, follow=True)
    assert response.status_code == 200
    assert "Esikatselua ei voitu lukea" in response.content.decode()
    assert not PracticeModelPage.objects.filter(owner=editor_a).exists()
