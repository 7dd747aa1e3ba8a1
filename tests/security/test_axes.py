"""Admin login brute-force protection (django-axes) with a friendly lockout page."""

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.fi", PASSWORD)


def _login(client, password, language="fi"):
    return client.post("/admin/login/", {"username": "editor", "password": password}, HTTP_ACCEPT_LANGUAGE=language)


def test_wrong_passwords_lock_the_account_out(client, site_structure, editor):
    for attempt in range(1, 5):  # AXES_FAILURE_LIMIT: 5 by default (README)
        response = _login(client, f"wrong-{attempt}")
        assert response.status_code == 200, attempt  # the login form again, with an error
    # The fifth failure reaches the limit and is answered with the lockout page; so is the
    # sixth attempt and every later one during the cool-off.
    assert _login(client, "wrong-5").status_code == 429
    response = _login(client, "wrong-6")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Liian monta epäonnistunutta kirjautumisyritystä" in html
    assert "15 minuutin" in html
    assert '<html lang="fi">' in html
    # Even the right password is refused while locked.
    response = _login(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_page_in_english(client, site_structure, editor):
    for attempt in range(6):
        response = _login(client, f"wrong-{attempt}", language="en")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_right_password_before_the_limit_signs_in(client, site_structure, editor):
    for attempt in range(3):
        _login(client, f"wrong-{attempt}")
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(editor.pk)
