"""Encryption of participants' sensitive free text (dietary and accessibility needs).

These needs can be health data: they are stored as Fernet tokens under the keys of
``settings.REGISTRATION_ENCRYPTION_KEY`` (comma-separated, newest first, through
MultiFernet: the newest key encrypts, every listed key decrypts). The key is separate from
SECRET_KEY (production refuses to start without it), so rotating SECRET_KEY never touches
the needs. Rotating this key: put the new key first, keep the old ones after it, run
``manage.py rotate_registration_keys``, then drop the old keys (docs/security.md).

A token that no listed key opens is never read as an empty text: ``decrypt`` logs an error
and raises ``DecryptionFailed``, and the stored token stays as it is, so the data comes back
once the missing key is listed again.
"""

import functools
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)


class DecryptionFailed(Exception):
    """No configured key opens a stored token: the key was changed or lost, or the data is damaged."""


@functools.lru_cache(maxsize=4)
def _fernets(configured):
    keys = [key.strip() for key in configured.split(",") if key.strip()]
    if not keys:
        raise ImproperlyConfigured("REGISTRATION_ENCRYPTION_KEY is not set: registration needs cannot be stored.")
    try:
        fernets = [Fernet(key) for key in keys]
    except ValueError:
        raise ImproperlyConfigured("REGISTRATION_ENCRYPTION_KEY holds a value that is not a Fernet key.") from None
    return MultiFernet(fernets), fernets[0]


def _multi():
    return _fernets(settings.REGISTRATION_ENCRYPTION_KEY)[0]


def _newest():
    return _fernets(settings.REGISTRATION_ENCRYPTION_KEY)[1]


def _key_count():
    return len([key for key in settings.REGISTRATION_ENCRYPTION_KEY.split(",") if key.strip()])


def _fail(label):
    logger.error(
        "Could not decrypt %s with any of the %d keys in REGISTRATION_ENCRYPTION_KEY; the stored "
        "token is left unchanged. List the key it was encrypted with again (docs/security.md).",
        label,
        _key_count(),
    )
    return DecryptionFailed(f"No key in REGISTRATION_ENCRYPTION_KEY opens {label}.")


def encrypt(text):
    """The Fernet token of ``text`` under the newest key ("" for an empty text)."""
    if not text:
        return ""
    return _multi().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token, label="a registration token"):
    """The plain text of ``token`` ("" for an empty token).

    Raises DecryptionFailed (after logging an error naming ``label``) when no configured
    key opens it.
    """
    if not token:
        return ""
    try:
        return _multi().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise _fail(label) from None


def uses_newest_key(token):
    """Whether ``token`` is already encrypted with the newest key (rotation leaves it alone)."""
    try:
        _newest().decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeError):
        return False
    return True


def rotate(token, label="a registration token"):
    """``token`` re-encrypted with the newest key (its original timestamp kept).

    Raises DecryptionFailed, logged as ``decrypt`` does, when no configured key opens it.
    """
    try:
        return _multi().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError):
        raise _fail(label) from None
