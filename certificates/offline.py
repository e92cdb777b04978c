"""The signed payload the QR code carries, checkable without a connection.

The QR keeps the verify URL and adds a fragment: ``…/certificates/verify/<code>/#p=<compact JWS>``.
A browser never sends the fragment, so online the URL opens the verify page as before; offline the
verify page's service worker (``static/certificates/verify-sw.js``) answers with the offline checker,
which reads the fragment and checks it with the issuer keys and the status list it cached.

The JWS header is ``{"alg":"EdDSA","kid":…}`` and the payload a short JSON object (short keys keep
the QR small): ``c`` the code, ``n`` the holder's name, ``k`` the course, ``d`` the issue date
(ISO), ``s`` the certificate's index in the revocation list. A course title longer than
``COURSE_LIMIT`` characters is cut with "…" (the signature covers what is in the payload).

``payload_check`` is the server's reading of such a payload, the same rules as the browser's.
"""

import json
from dataclasses import dataclass, field

from jwcrypto import jws
from jwcrypto.common import JWException

from . import keys, status_list
from .models import Certificate
from .qr import verify_url

COURSE_LIMIT = 80
NAME_LIMIT = 60


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def claims_of(certificate: Certificate) -> dict:
    return {
        "c": certificate.code,
        "n": _cut(certificate.full_name, NAME_LIMIT),
        "k": _cut(certificate.course_title, COURSE_LIMIT),
        "d": certificate.issued_on.isoformat(),
        "s": certificate.status_index if certificate.status_index is not None else certificate.pk,
    }


def qr_payload(certificate: Certificate) -> str:
    from .credentials import sign

    return sign(claims_of(certificate), typ="")


def qr_url(certificate: Certificate) -> str:
    """What the QR encodes: the verify URL, with the signed payload as its fragment."""
    return f"{verify_url(certificate.code)}#p={qr_payload(certificate)}"


@dataclass
class PayloadCheck:
    state: str  # "valid" | "revoked" | "forged"
    claims: dict = field(default_factory=dict)
    kid: str = ""


def payload_check(token: str) -> PayloadCheck:
    """Valid (signed by one of our keys, its bit not set), revoked, or forged (anything else)."""
    try:
        parsed = jws.JWS()
        parsed.deserialize(token.strip())
        header = parsed.jose_header
        kid = header.get("kid", "") if isinstance(header, dict) else ""
        if header.get("alg") != "EdDSA":
            return PayloadCheck("forged", kid=kid)
        key = keys.public_key(kid)
        if key is None:
            return PayloadCheck("forged", kid=kid)
        parsed.verify(key, alg="EdDSA")
        claims = json.loads(parsed.payload.decode("utf-8"))
    except (JWException, ValueError, TypeError, AttributeError):
        return PayloadCheck("forged")
    if not isinstance(claims, dict) or not {"c", "n", "k", "d", "s"} <= claims.keys():
        return PayloadCheck("forged", kid=kid)
    # What the published list says of its bit (the browser reads the list it cached).
    revoked = Certificate.objects.filter(status_index=claims["s"], status__in=status_list.NOT_VALID).exists()
    return PayloadCheck("revoked" if revoked else "valid", claims=claims, kid=kid)
