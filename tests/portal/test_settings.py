"""Production settings stay secure: `check --deploy` is clean and nothing is lost."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet
from django.apps import apps as django_apps
from django.conf import settings
from django.test import override_settings

from core import apps as core_apps

ROOT = Path(__file__).resolve().parents[2]


def _run(env_extra, *args):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "REGISTRATION_ENCRYPTION_KEY"}}
    env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.production", **env_extra})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_without_warnings():
    result = _run(
        # A shared cache for the rate limits (nothing connects to it during the check).
        {
            "SECRET_KEY": "x" * 20 + "a-long-random-secret-for-the-deploy-check-1234567890",
            "ALLOWED_HOSTS": "example.fi",
            "REGISTRATION_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "CACHE_URL": "redis://cache.example:6379/1",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = _run(
        {"ALLOWED_HOSTS": "example.fi", "REGISTRATION_ENCRYPTION_KEY": Fernet.generate_key().decode()}, "check"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_its_own_registration_key():
    """Participants' needs never fall back to a key derived from SECRET_KEY in production."""
    result = _run({"SECRET_KEY": "s" * 60, "ALLOWED_HOSTS": "example.fi"}, "check")
    assert result.returncode != 0
    assert "REGISTRATION_ENCRYPTION_KEY must be set" in result.stderr


def test_a_mistyped_registration_key_stops_start_up_and_names_the_key():
    good = Fernet.generate_key().decode()
    result = _run(
        {
            "SECRET_KEY": "s" * 60,
            "ALLOWED_HOSTS": "example.fi",
            "REGISTRATION_ENCRYPTION_KEY": f"{good},not-a-fernet-key",
        },
        "check",
    )
    assert result.returncode != 0
    assert "REGISTRATION_ENCRYPTION_KEY: key 2 is not a Fernet key" in result.stderr
    assert good not in result.stderr  # keys never reach logs


def test_environment_configures_database_cache_and_search(monkeypatch):
    import importlib

    import portal.settings.base as base

    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db.example:5432/portal")
    monkeypatch.setenv("CACHE_URL", "redis://cache.example:6379/1")
    monkeypatch.setenv("SEARCH_BACKEND", "opensearch")
    monkeypatch.setenv("SEARCH_URL", "https://search.example:9200")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
        assert reloaded.DATABASES["default"]["HOST"] == "db.example"
        assert reloaded.CACHES["default"]["BACKEND"] == "core.cache_backend.ResilientRedisCache"
        assert reloaded.CACHES["default"]["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
        search = reloaded.WAGTAILSEARCH_BACKENDS["default"]
        assert search["BACKEND"] == "search.backends.opensearch3"
        assert search["TIMEOUT"] <= 5 and search["OPTIONS"]["max_retries"] == 0
        assert search["URLS"] == ["https://search.example:9200"]
        assert "INDEX_PREFIX" in search and "INDEX" not in search
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def test_production_preloads_language_data_and_keeps_database_connections(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("REGISTRATION_ENCRYPTION_KEY", Fernet.generate_key().decode())
    for name in ("DATABASE_CONN_MAX_AGE", "DATABASE_CONN_HEALTH_CHECKS", "PRELOAD_LANGUAGE_DATA"):
        monkeypatch.delenv(name, raising=False)
    before = dict(settings.DATABASES["default"])
    production = importlib.reload(importlib.import_module("portal.settings.production"))
    assert production.PRELOAD_LANGUAGE_DATA is True
    assert production.DATABASES["default"]["CONN_MAX_AGE"] == 60
    assert production.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    # The test settings (the same base module) are untouched.
    assert settings.DATABASES["default"] == before
    assert settings.PRELOAD_LANGUAGE_DATA is False


def test_the_core_app_loads_language_data_at_start_up_only_when_asked(monkeypatch):
    calls = []
    monkeypatch.setattr(core_apps, "preload", lambda: calls.append("loaded"))
    config = django_apps.get_app_config("core")
    with override_settings(PRELOAD_LANGUAGE_DATA=False):
        config.ready()
    assert calls == []
    with override_settings(PRELOAD_LANGUAGE_DATA=True):
        config.ready()
    assert calls == ["loaded"]
