"""The way to the certificate: what a cadre sees beside a completed course, and the page that waits for it.

``courses`` calls the ``kns_course_completion_panels`` hook (``courses.completion``) on the course page,
"Việc học của tôi" and a quiz's result page; ``certificates.wagtail_hooks`` answers it with
``panels_for``: one query for every enrollment on the page. A certificate still being made links to
``course_certificate``, a page that says so and refreshes itself (a meta refresh: no JavaScript needed)
until the link to the PDF is there.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string

from .models import Certificate

SHOWN = (
    Certificate.Status.PENDING,
    Certificate.Status.ISSUED,
    Certificate.Status.FAILED,
    Certificate.Status.REVOKED,
)
# Seconds between refreshes of the waiting page (rendering takes a few seconds on a free worker).
REFRESH_SECONDS = 5


@dataclass(frozen=True)
class CertificateState:
    """Where a completed course's certificate stands: ``preparing``, ``ready``, ``failed`` or ``revoked``."""

    state: str
    certificate: Certificate | None
    course_id: int


def _state(certificate: Certificate | None) -> str:
    if certificate is None or certificate.status == Certificate.Status.PENDING:
        # No row yet means the completion's row is on its way (the sweeper makes any that were lost).
        return "preparing"
    return {
        Certificate.Status.ISSUED: "ready",
        Certificate.Status.FAILED: "failed",
        Certificate.Status.REVOKED: "revoked",
    }[certificate.status]


def states_for(enrollments) -> dict[int, CertificateState]:
    """Enrollment id → its certificate's state, for completed enrollments: one query for all of them."""
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    newest: dict[tuple[int, object], Certificate] = {}
    rows = (
        Certificate.objects.filter(
            user_id__in={e.user_id for e in enrollments},
            course_key__in={e.course_key for e in enrollments},
            status__in=SHOWN,
        )
        .only("pk", "user_id", "course_key", "status", "version", "code", "revoke_reason")
        .order_by("version")
    )
    for certificate in rows:
        newest[(certificate.user_id, certificate.course_key)] = certificate
    states = {}
    for enrollment in enrollments:
        certificate = newest.get((enrollment.user_id, enrollment.course_key))
        states[enrollment.pk] = CertificateState(_state(certificate), certificate, enrollment.course_id)
    return states


def panels_for(*, request, enrollments) -> dict[int, str]:
    """The hook's answer: enrollment id → the panel's HTML."""
    return {
        pk: render_to_string("certificates/includes/completion_panel.html", {"info": info}, request=request)
        for pk, info in states_for(enrollments).items()
    }
