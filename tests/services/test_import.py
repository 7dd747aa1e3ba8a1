"""CSV import: preview with a mapping report, then drafts only (nothing published)."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from services.models import ServicePage

from .conftest import make_service

pytestmark = pytest.mark.django_db

CSV = (
    "Nimi;Järjestäjä;Kuvaus;Kunta;Kielet;Puhelin;Hinta;Lisätieto\n"
    "Kyläkahvila;Kemijärven seurakunta;Avoin kahvila.;Kemijärvi;suomi, pohjoissaame;040 000 0002;maksuton;x\n"
    "Vesijumppa;;Jumppaa.;Atlantis;suomi;;3 €;\n"
    "Olemassa oleva;;;;;;;\n"
)


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    return client


def test_preview_reports_mapping_then_creates_drafts(admin_client, tray):
    make_service(tray, "Olemassa oleva")
    upload = SimpleUploadedFile("palvelut.csv", CSV.encode("utf-8-sig"), content_type="text/csv")
    response = admin_client.post("/admin/service-import/", {"tray": tray.pk, "action": "preview", "file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lisätieto" in html  # an unrecognised column is reported
    assert "Atlantis" in html  # an unknown municipality is reported on its row
    assert ServicePage.objects.count() == 1  # the preview changes nothing
    text = CSV
    response = admin_client.post("/admin/service-import/", {"tray": tray.pk, "action": "create", "text": text})
    assert response.status_code == 302
    draft = ServicePage.objects.get(title="Kyläkahvila")
    assert not draft.live
    assert draft.provider.code == "kemijarven-seurakunta"
    assert sorted(language.code for language in draft.languages.all()) == ["fi", "se"]
    assert [m.code for m in draft.municipalities.all()] == ["320"]
    assert not ServicePage.objects.filter(title="Vesijumppa").exists()  # row with a problem skipped
    assert ServicePage.objects.filter(title="Olemassa oleva").count() == 1  # no duplicate


def test_import_is_for_moderators_only(client, tray):
    client.force_login(User.objects.create_user("editor", "e@example.org", "x", is_staff=True))
    assert client.get("/admin/service-import/").status_code in (302, 403)
