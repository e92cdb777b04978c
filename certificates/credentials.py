"""Open Badges 3.0 credentials: every issued certificate as a W3C Verifiable Credential, signed as a VC-JWT.

The credential (an ``OpenBadgeCredential``) is built from the certificate's snapshot, like the PDF and
the verify page, so later edits of names or courses never change it. It is secured as VC-JOSE-COSE
says: a JWS whose payload is the credential itself, header ``alg`` EdDSA, ``kid`` the issuer key,
``typ`` ``vc+jwt``. The issuer's public keys are published as a JWK set (``keys.public_jwks``) next
to the issuer profile, and the revocation list (``status_list``) is a signed credential too.

All URLs are absolute, from ``PUBLIC_BASE_URL`` (workers have no request), and outside any language
prefix, so they never change.
"""

import datetime
import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from jwcrypto import jws

from . import keys, status_list
from .codes import format_code
from .models import Certificate
from .qr import verify_url

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# The JSON-LD contexts the credentials name, shipped with the site (no network at run time) and
# served at /certificates/contexts/<file>: a JSON-LD processor can load them from there.
CONTEXT_FILES = {
    VC_CONTEXT: "credentials-v2.jsonld",
    OB_CONTEXT: "ob-v3p0-context-3.0.3.json",
}
VC_JWT_TYPE = "vc+jwt"
MEDIA_TYPE = "application/vc+jwt"


def absolute(name: str, **kwargs) -> str:
    return settings.PUBLIC_BASE_URL + reverse(name, kwargs=kwargs or None)


def issuer_url() -> str:
    return absolute("certificates:issuer")


def status_list_url() -> str:
    return absolute("certificates:status_list")


def _timestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def sign(claims: dict, *, typ: str = VC_JWT_TYPE, key=None) -> str:
    """A compact JWS of ``claims`` with the active issuer key (or ``key``)."""
    key = key or keys.active_key()
    header = {"alg": "EdDSA", "kid": key.kid}
    if typ:
        header["typ"] = typ
    token = jws.JWS(json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    token.add_signature(keys.private_jwk(key), alg="EdDSA", protected=json.dumps(header, separators=(",", ":")))
    return token.serialize(compact=True)


def issuer_profile() -> dict:
    """The issuer's Open Badges ``Profile``, published at its own ``id`` with the JWK set."""
    from .rendering import organisation

    org = organisation()
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_url(),
        "type": ["Profile"],
        "name": org.name if org else "Kỹ Năng Số",
        "url": settings.PUBLIC_BASE_URL + "/",
    }


def status_entry(certificate: Certificate) -> dict:
    url = status_list_url()
    return {
        "id": f"{url}#{certificate.status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(certificate.status_index),
        "statusListCredential": url,
    }


def credential_for(certificate: Certificate) -> dict:
    """The ``OpenBadgeCredential`` of one certificate (unsigned)."""
    if certificate.status_index is None:  # rows made around ``save()`` (bulk inserts) get it now
        Certificate.objects.filter(pk=certificate.pk, status_index__isnull=True).update(status_index=certificate.pk)
        certificate.status_index = certificate.pk
    issued = certificate.issued_at or certificate.created_at or timezone.now()
    hours = f"{certificate.hours.normalize():f}".replace(".", ",")
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": verify_url(certificate.code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{certificate.title or 'GIẤY CHỨNG NHẬN'}: {certificate.course_title}",
        "issuer": {"id": issuer_url(), "type": ["Profile"], "name": certificate.issuer_name},
        "validFrom": _timestamp(issued),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            # No account id leaves the site: the holder is named as printed on the certificate.
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": certificate.full_name,
                    "identityType": "name",
                    "hashed": False,
                }
            ],
            "achievement": {
                "id": f"urn:uuid:{certificate.course_key}",
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": certificate.course_title,
                "description": f"Khóa bồi dưỡng “{certificate.course_title}”, {hours} giờ học.",
                "criteria": {
                    "narrative": f"Hoàn thành mọi bước bắt buộc của khóa học “{certificate.course_title}” "
                    f"trên Kỹ Năng Số (hoàn thành ngày {certificate.completed_on:%d/%m/%Y})."
                },
            },
        },
        "credentialStatus": status_entry(certificate),
    }


def credential_jwt(certificate: Certificate) -> str:
    return sign(credential_for(certificate))


def status_list_credential() -> dict:
    url = status_list_url()
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_url(),
        "validFrom": _timestamp(timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": status_list.current_list(),
        },
    }


def status_list_jwt() -> str:
    return sign(status_list_credential())


def credential_filename(certificate: Certificate) -> str:
    return f"chung-nhan-{format_code(certificate.code)}.jwt"
