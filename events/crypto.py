"""Encryption of participants' sensitive free text (dietary and accessibility needs).

These needs can be health data: they are stored as Fernet tokens. The key comes from
REGISTRATION_ENCRYPTION_KEY when set (a Fernet key; rotate by listing the new key
first, comma-separated) or is derived from SECRET_KEY.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _keys():
    configured = [k.strip() for k in (settings.REGISTRATION_ENCRYPTION_KEY or "").split(",") if k.strip()]
    if configured:
        return [key.encode() for key in configured]
    digest = hashlib.sha256(b"events.registration-needs:" + settings.SECRET_KEY.encode()).digest()
    return [base64.urlsafe_b64encode(digest)]


def _fernet():
    return MultiFernet([Fernet(key) for key in _keys()])


def encrypt(text):
    if not text:
        return ""
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token):
    """The plain text, or "" when the token is empty or the key no longer matches."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError):
        return ""
