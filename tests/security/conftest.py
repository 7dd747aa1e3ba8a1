"""Fixtures for the security tests: production settings applied to the test client."""

import importlib

import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

PRODUCTION_SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_HTTPONLY",
    "SECURE_REFERRER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
    "MIDDLEWARE",
]


@pytest.fixture
def production(monkeypatch):
    """The request/response settings of portal.settings.production, active for one test."""
    monkeypatch.setenv("SECRET_KEY", "p" * 60)
    monkeypatch.setenv("REGISTRATION_ENCRYPTION_KEY", Fernet.generate_key().decode())
    import portal.settings.production as production_module

    production_module = importlib.reload(production_module)
    values = {name: getattr(production_module, name) for name in PRODUCTION_SECURITY_SETTINGS}
    with override_settings(**values):
        yield production_module
