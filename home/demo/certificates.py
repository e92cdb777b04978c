"""Demo certificates: a default template, certificates for the demo cadres who completed courses,
one revoked and one superseded, so that every state shows in the admin and on the verify page.

Runs after the courses (and quizzes) are seeded. Completing a course issues its certificate by
itself (the listener, rendered eagerly under ``make run``); this fills in any completion that has
none (the sweeper does the same in production), makes sure there are a few, and sets up the
revoked and superseded examples once. Idempotent.
"""

from accounts.models import User
from certificates import services
from certificates.models import Certificate, CertificateTemplate
from courses import services as course_services
from courses.models import Enrollment

DEMO_TEMPLATE = "Mẫu chứng nhận chung"
MIN_ISSUED = 4


def seed_template() -> CertificateTemplate:
    template = CertificateTemplate.objects.filter(is_default=True).first()
    if template is not None:
        return template
    template, _created = CertificateTemplate.objects.get_or_create(
        name=DEMO_TEMPLATE,
        defaults={
            "is_default": True,
            "issuer_parent": "TỈNH ỦY BẮC NINH",
            "issuer_name": "BAN TUYÊN GIÁO VÀ DÂN VẬN",
            "place": "Bắc Ninh",
            "signatory_title": "TRƯỞNG BAN",
            "signatory_name": "Nguyễn Văn Thành",
        },
    )
    if not template.is_default:
        CertificateTemplate.objects.filter(pk=template.pk).update(is_default=True)
    return template


def _complete_some_courses(count: int) -> None:
    """A few more synthetic cadres finish a course they started, through the courses service."""
    open_enrolments = (
        Enrollment.objects.filter(
            user__username__startswith="canbo_", completed_at__isnull=True, withdrawn_at__isnull=True
        )
        .select_related("user", "course")
        .order_by("user__username", "pk")[:count]
    )
    for enrollment in open_enrolments:
        for step in course_services.live_steps(enrollment.course).specific():
            course_services.step_complete(user=enrollment.user, step=step)


def seed_certificates(*, manager: User) -> dict[str, int]:
    """Certificates for the demo. ``manager`` (the province's demo manager) revokes and reissues."""
    seed_template()
    services.certificates_sweep()  # completions without a certificate get one (rendered eagerly in dev)
    current = Certificate.objects.exclude(status=Certificate.Status.SUPERSEDED).count()
    if current < MIN_ISSUED:
        _complete_some_courses(MIN_ISSUED - current)
        services.certificates_sweep()
    candidates = list(
        Certificate.objects.filter(status=Certificate.Status.ISSUED, user__username__startswith="canbo_")
        .select_related("commune")
        .order_by("user__username", "pk")
    )
    candidates = [c for c in candidates if services.can_manage(manager, c)]
    if not Certificate.objects.filter(status=Certificate.Status.REVOKED).exists() and len(candidates) > 2:
        services.certificate_revoke(
            certificate=candidates.pop(0),
            by=manager,
            reason=Certificate.RevokeReason.ISSUED_IN_ERROR,
            note="Ví dụ trong dữ liệu mẫu: cấp nhầm người.",
        )
    if not Certificate.objects.filter(status=Certificate.Status.SUPERSEDED).exists() and len(candidates) > 2:
        services.certificate_reissue(certificate=candidates.pop(0), by=manager)
    counts = {
        status: Certificate.objects.filter(status=status).count()
        for status in (Certificate.Status.ISSUED, Certificate.Status.REVOKED, Certificate.Status.SUPERSEDED)
    }
    counts[Certificate.Status.FAILED] = Certificate.objects.filter(status=Certificate.Status.FAILED).count()
    counts[Certificate.Status.PENDING] = Certificate.objects.filter(status=Certificate.Status.PENDING).count()
    return counts
