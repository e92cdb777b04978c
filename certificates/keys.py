"""The issuer's Ed25519 signing keys: created, rotated, listed (``manage.py issuer_keys``), published.

The public half of every key is in ``IssuerKey`` and in the published JWK set; the private half is a
PEM file (mode 0600) in ``KNS_ISSUER_KEY_DIR``, by default ``PRIVATE_MEDIA_ROOT/issuer-keys``: on the
volume every web server and worker already shares for the PDFs, and never served by any URL. Not in
the database, so a database dump or a read-only reporting replica does not carry the power to sign.

One key is active (a partial unique index); rotating makes a new one active and retires the old,
which stays in the JWK set, so what it signed keeps verifying. The key id (``kid``) is the start of
the key's RFC 7638 thumbprint: short enough for the QR code, and it names the key in every signature.
"""

import json
import os
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from jwcrypto import jwk

from .models import IssuerKey

KID_LENGTH = 16


class KeyUnavailable(Exception):
    """The active key's private file is missing or unreadable: nothing can be signed."""


def key_dir() -> Path:
    configured = getattr(settings, "KNS_ISSUER_KEY_DIR", "")
    return Path(configured) if configured else Path(settings.PRIVATE_MEDIA_ROOT) / "issuer-keys"


def _write_private(name: str, pem: bytes) -> None:
    folder = key_dir()
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    path = folder / name
    # O_EXCL: a key file is written once and never overwritten.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)


def _new_key() -> IssuerKey:
    key = jwk.JWK.generate(kty="OKP", crv="Ed25519")
    kid = key.thumbprint()[:KID_LENGTH]
    public = json.loads(key.export_public())
    public.update({"kid": kid, "alg": "EdDSA", "use": "sig"})
    name = f"{kid}.pem"
    _write_private(name, key.export_to_pem(private_key=True, password=None))
    return IssuerKey(kid=kid, public_jwk=public, private_file=name)


@transaction.atomic
def key_rotate() -> IssuerKey:
    """A new active key; the one active until now is retired (and keeps verifying)."""
    new = _new_key()
    IssuerKey.objects.filter(active=True).update(active=False, retired_at=timezone.now())
    new.active = True
    new.save(force_insert=True)
    return new


def active_key() -> IssuerKey:
    """The key that signs now; the first one is made on first need, so a fresh site just works."""
    found = IssuerKey.objects.filter(active=True).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return key_rotate()
    except IntegrityError:
        # Another process made the first key at the same moment: use theirs.
        return IssuerKey.objects.get(active=True)


def private_jwk(key: IssuerKey) -> jwk.JWK:
    path = key_dir() / key.private_file
    try:
        pem = path.read_bytes()
    except OSError as error:
        raise KeyUnavailable(f"issuer key {key.kid}: cannot read {path}: {error}") from error
    return jwk.JWK.from_pem(pem, password=None)


def public_jwks() -> dict:
    """The JWK set published at ``/certificates/issuer/jwks.json``: every key, active or retired."""
    return {"keys": [key.public_jwk for key in IssuerKey.objects.order_by("created_at", "pk")]}


def public_key(kid: str) -> jwk.JWK | None:
    found = IssuerKey.objects.filter(kid=kid).first()
    return jwk.JWK(**found.public_jwk) if found else None
