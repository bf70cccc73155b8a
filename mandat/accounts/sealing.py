"""Sealing of the secrets Mandat must be able to read again (an identity
provider's client secret): Fernet (AES-128-CBC with HMAC-SHA256) under a key
derived from SECRET_KEY, so a copy of the database alone does not give them
away. A secret sealed under a key of SECRET_KEY_FALLBACKS still opens."""

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PURPOSE = b"mandat.accounts.single-sign-on.client-secret"


def _fernet(secret_key: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def _keys() -> MultiFernet:
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([_fernet(key) for key in keys])


def seal(secret: str) -> str:
    """Return ``secret`` sealed under the current SECRET_KEY."""
    return _keys().encrypt(secret.encode()).decode() if secret else ""


def unseal(sealed: str) -> str:
    """Return the secret of ``sealed``, or "" when no key opens it (the
    SECRET_KEY changed without the old one among the fallbacks)."""
    if not sealed:
        return ""
    try:
        return _keys().decrypt(sealed.encode()).decode()
    except InvalidToken:
        return ""
