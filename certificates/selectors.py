"""Reads: what a cadre, a manager or anyone checking a code may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from .codes import normalise_code
from .models import Certificate

VERIFIABLE = (Certificate.Status.ISSUED, Certificate.Status.REVOKED, Certificate.Status.SUPERSEDED)


def certificates_of(user) -> QuerySet[Certificate]:
    """A cadre's own certificates, newest first; superseded versions are left out (the newer shows)."""
    return (
        Certificate.objects.filter(user=user)
        .exclude(status=Certificate.Status.SUPERSEDED)
        .only(
            "code",
            "status",
            "course_title",
            "hours",
            "commune_name",
            "completed_on",
            "issued_on",
            "version",
            "revoked_at",
            "revoke_reason",
            "pdf",
            "created_at",
            "user_id",
        )
        .order_by("-completed_on", "-pk")
    )


@dataclass
class Verification:
    certificate: Certificate
    newest: Certificate | None  # for a superseded certificate: the version that replaces it

    @property
    def state(self) -> str:
        return {
            Certificate.Status.ISSUED: "valid",
            Certificate.Status.REVOKED: "revoked",
            Certificate.Status.SUPERSEDED: "superseded",
        }[self.certificate.status]


def verify_lookup(typed: str) -> Verification | None:
    """The certificate behind a printed or typed code, if it was ever issued. Pending and failed
    ones were never printed, so they are "not found" like any unknown code."""
    code = normalise_code(typed)
    if code is None:
        return None
    certificate = Certificate.objects.filter(code=code, status__in=VERIFIABLE).first()
    if certificate is None:
        return None
    newest = None
    if certificate.status == Certificate.Status.SUPERSEDED:
        newest = certificate
        for _step in range(50):  # a chain of reissues, bounded
            if newest.superseded_by_id is None:
                break
            newest = Certificate.objects.get(pk=newest.superseded_by_id)
        if newest.pk == certificate.pk:
            newest = None
    return Verification(certificate, newest)
