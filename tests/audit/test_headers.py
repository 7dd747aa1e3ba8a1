"""What the production configuration sends a browser: security headers and cookies.

Measured on responses of the production settings module (tests/audit/conftest.py), not by
reading the settings: a middleware left out or a setting overridden later shows here.
"""

import pytest

pytestmark = pytest.mark.django_db


def _directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_pages_carry_the_security_headers(client):
    response = client.get("/fi/")
    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    assert "includeSubDomains" in hsts and "preload" in hsts
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31536000
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]  # no inline or eval'd script anywhere
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]


def test_sign_in_sets_only_secure_http_only_cookies(client):
    form = client.get("/admin/login/")
    assert form.status_code == 200
    csrf = form.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post("/admin/login/", {"username": "admin", "password": "admin-demo"})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"


def test_error_pages_reveal_nothing_of_the_code(client):
    response = client.get("/fi/ei-tallaista-sivua/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Traceback" not in html and "DEBUG" not in html and "urlpatterns" not in html
    assert '<html lang="fi">' in html
