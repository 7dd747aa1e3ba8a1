"""Production response headers on public pages; the admin is excluded from the strict CSP."""

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = ["/fi/", "/sv/", "/en/", "/fi/haku/?q=lapsi", "/en/search/?q=x", "/fi/ei-ole-olemassa/"]


def _csp(response):
    header = response.headers.get("Content-Security-Policy", "")
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_send_the_security_headers(client, demo_site, production, path):
    response = client.get(path, secure=True)
    assert response.status_code in (200, 404), path
    csp = _csp(response)
    assert csp, f"no Content-Security-Policy on {path}"
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    hsts = response.headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts and "preload" in hsts
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_plain_http_is_redirected_to_https(client, demo_site, production):
    response = client.get("/fi/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_headers_also_on_language_neutral_endpoints(client, demo_site, production):
    for path in ("/health/", "/robots.txt", "/sitemap.xml"):
        response = client.get(path, secure=True)
        assert response.status_code == 200, path
        assert "Content-Security-Policy" in response.headers, path
        assert "Permissions-Policy" in response.headers, path


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_admin_is_excluded_from_the_strict_csp(client, demo_site, production, path):
    response = client.get(path, secure=True)
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers
    # ... but keeps every other protection.
    assert "Strict-Transport-Security" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"


def test_cookies_are_secure_and_http_only(client, demo_site, production, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.fi", "correct-horse-battery")
    response = client.get("/admin/login/", secure=True)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post(
        "/admin/login/",
        {"username": "boss", "password": "correct-horse-battery", "csrfmiddlewaretoken": csrf.value},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"


def test_no_inline_script_in_public_pages(client, demo_site):
    """CSP forbids inline scripts: a page that had one would silently break in browsers."""
    import re

    for path in ("/fi/", "/sv/", "/en/", "/fi/haku/?q=a"):
        html = client.get(path).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, f"inline <script> on {path}: {tag}"
        assert " style=" not in html, f"inline style attribute on {path}"
        assert not re.search(r"\son[a-z]+=", html), f"inline event handler on {path}"
