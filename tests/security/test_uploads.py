"""Documents uploaded in the admin are restricted by type (extension) and size."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.documents import get_document_model

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def admin_client(client, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = django_user_model.objects.create_superuser("admin", "admin@example.fi", "x-long-password-1")
    client.force_login(user)
    return client


def _add(client, name, content, title="Liite"):
    return client.post(
        "/admin/documents/add/",
        {"title": title, "file": SimpleUploadedFile(name, content), "collection": 1},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_allowed_document_is_accepted(admin_client):
    response = _add(admin_client, "raportti.pdf", PDF)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert get_document_model().objects.filter(title="Liite").exists()


@pytest.mark.parametrize("name", ["malware.exe", "page.html", "script.js", "image.svg", "archive.zip", "noext"])
def test_disallowed_types_are_rejected(admin_client, name):
    response = _add(admin_client, name, b"MZ\x90\x00 <script>alert(1)</script>")
    assert response.status_code == 200
    assert "file extension" in response.content.decode().lower()
    assert not get_document_model().objects.exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_oversized_document_is_rejected_with_a_clear_message(admin_client):
    response = _add(admin_client, "iso.pdf", PDF + b"0" * 2048)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This file is too big" in html
    assert "1.0\xa0KB" in html or "1.0 KB" in html
    assert not get_document_model().objects.exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_multiple_uploader_enforces_the_same_limits(admin_client):
    big = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("iso.pdf", PDF + b"0" * 2048)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert big.status_code == 200
    assert big.json()["success"] is False
    assert "too big" in big.json()["error_message"]
    wrong_type = admin_client.post("/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile("x.exe", b"MZ")})
    assert wrong_type.json()["success"] is False
    assert not get_document_model().objects.exists()
    ok = admin_client.post("/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile("small.pdf", PDF)})
    assert ok.json()["success"] is True
