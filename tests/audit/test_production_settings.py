"""The audit run really is the production configuration."""

from django.conf import settings


def test_the_audit_runs_on_the_production_settings_module():
    assert settings.SETTINGS_MODULE == "portal.settings.production"
    assert settings.DEBUG is False
    assert settings.CREATE_DEMO_USERS is False
    assert settings.RATE_LIMIT_ENABLED is True


def test_the_site_serves_the_demo_over_https(client, db):
    response = client.get("/fi/")
    assert response.status_code == 200
    assert '<html lang="fi">' in response.content.decode()
    # WhiteNoise's manifest storage: hashed static file names, as collectstatic wrote them.
    assert "/static/css/" in response.content.decode()


def test_plain_http_is_redirected_to_https(db, client_address):
    from django.test import Client

    response = Client(REMOTE_ADDR=client_address).get("/fi/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_each_role_exists_with_the_groups_production_set_up(users):
    assert set(users) == {"admin", "moderaattori", "toimittaja-lappi", "toimittaja-pirkanmaa", "kaantaja"}
    assert users["kaantaja"].groups.filter(name="Translators").exists()
    assert users["moderaattori"].groups.filter(name="Moderators").exists()
