"""Writes with the certificate rules: issuing, rendering, revoking, reissuing, bulk jobs, the sweeper.

Invariants the database holds (both SQLite and PostgreSQL):
- at most one pending, issued or failed certificate per cadre and course (a partial unique
  index), so two completions at once, a lost callback found by the sweeper, or a reissue racing
  a revoke never leave two live certificates;
- versions unique per cadre and course.

Rendering is idempotent: a render first claims the row with a conditional UPDATE (pending, and
not claimed, or claimed so long ago that the claimer must be dead), and finishes with another
conditional UPDATE on its own claim token. A render killed mid-way leaves a claim that goes
stale after ``KNS_CERTIFICATE_CLAIM_SECONDS``; the sweeper, the worker's own re-check and, last,
Redis' redelivery queue it again. Each claim counts an attempt; after
``KNS_CERTIFICATE_MAX_ATTEMPTS`` the certificate is failed, with its error, until someone retries it.
"""

from __future__ import annotations

import datetime
import io
import logging
import tempfile
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from accounts.models import User
from accounts.roles import MANAGERS, TRAINERS, has_role
from accounts.scopes import commune_filter, commune_in_scope
from accounts.spreadsheets import SafeCsvWriter
from accounts.storage import StorageRetry, retry_countdown, storage_error_text
from courses.models import CoursePage, Enrollment
from courses.storage import private_storage
from localities.models import Commune

from . import audit
from .codes import new_code
from .models import Certificate, CertificateJob, CertificateTemplate, CourseCertificate

logger = logging.getLogger(__name__)

OUT_OF_SCOPE = gettext_lazy("Chứng nhận này nằm ngoài phạm vi quản lý của bạn.")
CANNOT_REVOKE = gettext_lazy("Chứng nhận này đã bị thu hồi hoặc đã được thay thế.")
CANNOT_REISSUE = gettext_lazy("Chỉ cấp lại được chứng nhận đã cấp hoặc bị lỗi; chứng nhận này đang ở trạng thái khác.")
CANNOT_RETRY = gettext_lazy("Chỉ tạo lại được chứng nhận đang bị lỗi.")
BAD_REASON = gettext_lazy("Hãy chọn lý do thu hồi.")
ONE_TARGET = gettext_lazy("Hãy chọn một khóa học hoặc một mẫu chứng nhận.")
NOTHING_TO_DO = gettext_lazy("Không có chứng nhận nào phù hợp trong phạm vi của bạn.")
GAVE_UP = gettext_lazy("Đã thử tạo PDF %(count)s lần mà không xong (tiến trình bị dừng giữa chừng hoặc quá thời gian).")

RENDERING_FAILED = "failed"
RENDERING_ISSUED = "issued"
RENDERING_SKIPPED = "skipped"
RENDERING_RETRY = "retry"
RENDERING_LOST = "lost"


def _claim_seconds() -> int:
    return settings.KNS_CERTIFICATE_CLAIM_SECONDS


def _max_attempts() -> int:
    return settings.KNS_CERTIFICATE_MAX_ATTEMPTS


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", (text or "").strip())


# --- Who may act on a certificate ------------------------------------------------------------------


def can_manage(user: User, certificate: Certificate) -> bool:
    """Managers and trainers, inside their locality scope (superusers everywhere)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not has_role(user, MANAGERS, TRAINERS):
        return False
    if certificate.commune_id is None:
        return user.is_superuser
    return commune_in_scope(user, certificate.commune)


def can_download(user: User, certificate: Certificate) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return certificate.user_id == user.pk or can_manage(user, certificate)


def managed_certificates(user: User):
    """Every certificate the user may see in the admin: the communes of their scope."""
    if not has_role(user, MANAGERS, TRAINERS):
        return Certificate.objects.none()
    return Certificate.objects.filter(commune_filter(user, "commune"))


# --- Issuing ----------------------------------------------------------------------------------------


def _template_for(course_key) -> CertificateTemplate | None:
    from .rendering import template_for

    template = template_for(course_key)
    return template if template.pk else None


def _snapshot(*, user: User, enrollment: Enrollment, course: CoursePage, commune: Commune | None) -> dict:
    """Everything the certificate will print, taken now: the cadre, the course and the template's
    wording (``rendering.wording_of``). The PDF and the verify page read only these."""
    from .rendering import template_for, wording_of

    template = template_for(enrollment.course_key)
    completed_at = enrollment.completed_at or timezone.now()
    return {
        "full_name": _nfc(user.full_name) or user.get_username(),
        "course_title": _nfc(course.title),
        "hours": course.hours,
        "commune": commune,
        "commune_name": commune.name if commune else "",
        "completed_on": timezone.localdate(completed_at),
        "issued_on": timezone.localdate(),
        "template": template if template.pk else None,
        **wording_of(template),
    }


def queue_render(certificate_id: int, *, countdown: int | None = None, recheck: bool = False) -> None:
    """Queue the render once the current transaction commits. A broker that is down loses
    nothing: the sweeper finds the pending certificate."""

    def send():
        from .tasks import render_certificate

        try:
            render_certificate.apply_async((certificate_id,), {"recheck": recheck}, countdown=countdown)
        except Exception:  # noqa: BLE001 - the sweeper queues it again; the request must not fail for it
            logger.exception("certificates: could not queue the render of %s; the sweeper will", certificate_id)

    transaction.on_commit(send)


def certificate_request(*, enrollment: Enrollment, course: CoursePage | None = None) -> Certificate | None:
    """A completed course asks for a certificate: insert it pending and queue the render on commit.

    Runs inside the completing transaction (the listener) or from the sweeper. Returns None when
    the cadre already has a certificate for this course in any state (a revoked one is not
    reissued by itself: reissuing is a manager's decision), or the course issues none.
    """
    if enrollment.completed_at is None:
        return None
    link = CourseCertificate.objects.filter(course_key=enrollment.course_key).only("enabled").first()
    if link is not None and not link.enabled:
        return None
    if Certificate.objects.filter(user_id=enrollment.user_id, course_key=enrollment.course_key).exists():
        return None
    course = course or enrollment.course
    user = enrollment.user
    certificate = Certificate(
        code=new_code(),
        user=user,
        enrollment=enrollment,
        course_key=enrollment.course_key,
        course=course,
        version=1,
        status=Certificate.Status.PENDING,
        queued_at=timezone.now(),
        **_snapshot(user=user, enrollment=enrollment, course=course, commune=enrollment.commune),
    )
    try:
        with transaction.atomic():
            certificate.save(force_insert=True)
    except IntegrityError:
        # Completion fired twice at once: the other transaction's certificate stands.
        return None
    queue_render(certificate.pk)
    return certificate


# --- Rendering --------------------------------------------------------------------------------------


@dataclass
class RenderOutcome:
    status: str
    error: str = ""


def _fail(certificate_id: int, token: str, message: str) -> bool:
    with transaction.atomic():
        failed = Certificate.objects.filter(
            pk=certificate_id, status=Certificate.Status.PENDING, render_token=token
        ).update(status=Certificate.Status.FAILED, last_error=message[:4000], render_started_at=None, render_token="")
        if failed:
            certificate = Certificate.objects.get(pk=certificate_id)
            log(certificate, audit.FAIL, data={"code": certificate.code, "error": message[:300]})
    return bool(failed)


def _give_up_on_dead_renders(certificate_id: int, stale_before: datetime.datetime) -> bool:
    """A pending certificate whose every try died: failed, with the last error seen."""
    row = (
        Certificate.objects.filter(
            pk=certificate_id, status=Certificate.Status.PENDING, render_attempts__gte=_max_attempts()
        )
        .filter(Q(render_started_at__isnull=True) | Q(render_started_at__lt=stale_before))
        .values("render_attempts", "last_error", "render_token")
        .first()
    )
    if row is None:
        return False
    message = str(GAVE_UP % {"count": row["render_attempts"]})
    if row["last_error"]:
        message = f"{message} {row['last_error']}"
    with transaction.atomic():
        failed = (
            Certificate.objects.filter(
                pk=certificate_id, status=Certificate.Status.PENDING, render_token=row["render_token"]
            )
            .filter(Q(render_started_at__isnull=True) | Q(render_started_at__lt=stale_before))
            .update(
                status=Certificate.Status.FAILED, last_error=message[:4000], render_started_at=None, render_token=""
            )
        )
        if failed:
            certificate = Certificate.objects.get(pk=certificate_id)
            log(certificate, audit.FAIL, data={"code": certificate.code, "error": message[:300]})
    return bool(failed)


def _retry_later(certificate: Certificate, token: str, message: str) -> RenderOutcome:
    """A render that may succeed later: release the claim, keep the reason, try again 30 s × attempts
    later; after the last try, fail the certificate with the reason."""
    certificate_id = certificate.pk
    if certificate.render_attempts >= _max_attempts():
        _fail(certificate_id, token, message)
        return RenderOutcome(RENDERING_FAILED, message)
    released = Certificate.objects.filter(pk=certificate_id, render_token=token).update(
        render_started_at=None, render_token="", last_error=message, queued_at=timezone.now()
    )
    if released:
        queue_render(certificate_id, countdown=30 * certificate.render_attempts)
    return RenderOutcome(RENDERING_RETRY, message)


def certificate_render(*, certificate_id: int, recheck: bool = False) -> RenderOutcome:
    """Render one pending certificate to PDF, at most once, whoever else tries at the same time."""
    from celery.exceptions import SoftTimeLimitExceeded

    from .rendering import RenderError, render_certificate_pdf

    now = timezone.now()
    stale_before = now - datetime.timedelta(seconds=_claim_seconds())
    if _give_up_on_dead_renders(certificate_id, stale_before):
        return RenderOutcome(RENDERING_FAILED)
    token = uuid.uuid4().hex
    claimed = (
        Certificate.objects.filter(
            pk=certificate_id, status=Certificate.Status.PENDING, render_attempts__lt=_max_attempts()
        )
        .filter(Q(render_started_at__isnull=True) | Q(render_started_at__lt=stale_before))
        .update(render_started_at=now, render_token=token, render_attempts=F("render_attempts") + 1)
    )
    if not claimed:
        held = Certificate.objects.filter(pk=certificate_id, status=Certificate.Status.PENDING).first()
        if held is not None and held.render_started_at is not None and not recheck:
            # Another render holds the claim. Should it die (a killed worker child's task comes
            # straight back here), look again once its claim has gone stale.
            wait = (held.render_started_at - stale_before).total_seconds()
            queue_render(certificate_id, countdown=max(1, int(wait) + 5), recheck=True)
        return RenderOutcome(RENDERING_SKIPPED)

    certificate = Certificate.objects.select_related("template", "commune", "user").get(pk=certificate_id)
    try:
        pdf = render_certificate_pdf(certificate)
    except RenderError as error:
        # The template or one of its images is broken: trying again will not help.
        _fail(certificate_id, token, str(error))
        return RenderOutcome(RENDERING_FAILED, str(error))
    except (Exception, SoftTimeLimitExceeded) as error:  # noqa: BLE001 - counted, retried, then shown as failed
        logger.exception("certificates: render of %s failed", certificate_id)
        message = _("Lỗi khi tạo PDF: %(error)s") % {"error": f"{type(error).__name__}: {error}"[:500]}
        return _retry_later(certificate, token, message)

    try:
        name = private_storage.save(
            f"certificates/{certificate.issued_on:%Y}/{certificate.code}-v{certificate.version}.pdf", ContentFile(pdf)
        )
    except (Exception, SoftTimeLimitExceeded) as error:  # noqa: BLE001 - a full disk, a store that refuses
        # Without this the error escaped the task: the claim stayed, no retry was queued, and the
        # sweeper's last word was "stopped midway" instead of the real reason.
        logger.exception("certificates: the PDF of %s could not be stored", certificate_id)
        message = _("Không lưu được tệp PDF: %(error)s") % {"error": f"{type(error).__name__}: {error}"[:500]}
        return _retry_later(certificate, token, message)
    with transaction.atomic():
        issued = Certificate.objects.filter(
            pk=certificate_id, status=Certificate.Status.PENDING, render_token=token
        ).update(
            status=Certificate.Status.ISSUED,
            pdf=name,
            issued_at=timezone.now(),
            render_started_at=None,
            render_token="",
            last_error="",
        )
        if issued:
            log(certificate, audit.ISSUE, data={"code": certificate.code, "version": certificate.version})
            # Written with the issue, sent on commit, once (the key), by the cadre's channel.
            _notify_issued(certificate)
    if not issued:
        # Revoked meanwhile, or our claim went stale and another render finished first.
        private_storage.delete(name)
        return RenderOutcome(RENDERING_LOST)
    return RenderOutcome(RENDERING_ISSUED)


def _notify_issued(certificate: Certificate) -> None:
    """Tell the cadre their certificate is ready (notifications.notify: e-mail, SMS or Zalo)."""
    from django.urls import reverse

    from notifications import kinds
    from notifications.services import notify

    from .qr import verify_url

    notify(
        certificate.user,
        kinds.CERTIFICATE_ISSUED,
        {
            "course_title": certificate.course_title,
            "code": certificate.display_code,
            "url": settings.PUBLIC_BASE_URL + reverse("certificates:mine"),
            "verify_url": verify_url(certificate.code),
            "issuer_name": getattr(certificate, "issuer_name", "") or "",
        },
        idempotency_key=f"certificate-issued:{certificate.pk}",
    )


# --- Manager actions ------------------------------------------------------------------------------


def _check(by: User, certificate: Certificate) -> None:
    if not can_manage(by, certificate):
        raise PermissionDenied(OUT_OF_SCOPE)


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: User, reason: str, note: str = "") -> Certificate:
    _check(by, certificate)
    if reason not in Certificate.RevokeReason.values:
        raise ValidationError({"reason": BAD_REASON}, code="reason")
    updated = Certificate.objects.filter(pk=certificate.pk, status__in=Certificate.LIVE).update(
        status=Certificate.Status.REVOKED,
        revoked_at=timezone.now(),
        revoked_by=by,
        revoke_reason=reason,
        revoke_note=_nfc(note),
        render_started_at=None,
        render_token="",
    )
    if not updated:
        raise ValidationError(CANNOT_REVOKE, code="state")
    certificate.refresh_from_db()
    log(
        certificate,
        audit.REVOKE,
        user=by,
        data={"code": certificate.code, "reason": reason, "reason_label": str(certificate.get_revoke_reason_display())},
    )
    return certificate


def _next_version(user_id: int, course_key) -> int:
    current = Certificate.objects.filter(user_id=user_id, course_key=course_key).aggregate(v=Max("version"))["v"]
    return (current or 0) + 1


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, by: User, job: CertificateJob | None = None) -> Certificate:
    """A new version with a fresh snapshot (the name as it is now, the course's title and hours, the
    course's template); the old one shows as superseded by it."""
    _check(by, certificate)
    now = timezone.now()
    updated = Certificate.objects.filter(
        pk=certificate.pk,
        status__in=(Certificate.Status.ISSUED, Certificate.Status.FAILED),
        holder_removed_at__isnull=True,  # nobody to print it for any more
    ).update(status=Certificate.Status.SUPERSEDED, superseded_at=now, render_started_at=None, render_token="")
    if not updated:
        raise ValidationError(CANNOT_REISSUE, code="state")
    old = Certificate.objects.select_related("user", "enrollment", "commune").get(pk=certificate.pk)
    course = (
        CoursePage.objects.filter(pk=old.course_id).first()
        or CoursePage.objects.filter(course_key=old.course_key).live().order_by("-last_published_at").first()
    )
    from .rendering import template_for, wording_of

    # A fresh snapshot for the new version; the old row keeps the one it printed.
    template = template_for(old.course_key)
    new = Certificate(
        code=new_code(),
        user=old.user,
        enrollment=old.enrollment,
        course_key=old.course_key,
        course=course,
        version=_next_version(old.user_id, old.course_key),
        template=template if template.pk else None,
        full_name=_nfc(old.user.full_name) or old.full_name,
        course_title=_nfc(course.title) if course else old.course_title,
        hours=course.hours if course else old.hours,
        commune=old.commune,
        commune_name=old.commune.name if old.commune else old.commune_name,
        completed_on=old.completed_on,
        issued_on=timezone.localdate(),
        status=Certificate.Status.PENDING,
        queued_at=now,
        job=job,
        **wording_of(template),
    )
    new.save(force_insert=True)
    Certificate.objects.filter(pk=old.pk).update(superseded_by=new)
    log(old, audit.REISSUE, user=by, data={"code": old.code, "new_code": new.code, "version": new.version})
    queue_render(new.pk)
    return new


@transaction.atomic
def certificate_retry(*, certificate: Certificate, by: User) -> Certificate:
    """A failed certificate goes back to pending with fresh tries (after the template was fixed).

    It was never printed, so it takes its template's wording anew: the fix is what it will print."""
    from .rendering import template_for, wording_of

    _check(by, certificate)
    template = certificate.template or template_for(certificate.course_key)
    updated = Certificate.objects.filter(
        pk=certificate.pk, status=Certificate.Status.FAILED, holder_removed_at__isnull=True
    ).update(
        **wording_of(template),
        status=Certificate.Status.PENDING,
        render_attempts=0,
        render_started_at=None,
        render_token="",
        queued_at=timezone.now(),
    )
    if not updated:
        raise ValidationError(CANNOT_RETRY, code="state")
    certificate.refresh_from_db()
    log(certificate, audit.RETRY, user=by, data={"code": certificate.code})
    queue_render(certificate.pk)
    return certificate


HOLDER_REMOVED = gettext_lazy("Người nhận đã được ẩn danh theo yêu cầu của họ; không tạo PDF.")


@transaction.atomic
def certificates_holder_remove(*, user: User) -> int:
    """The holder was anonymised (``accounts.services.person_anonymised``): every certificate of theirs,
    in any state, loses the name (replaced by the anonymised one), the commune's name and its PDF.

    Rows stay, with their commune, course, dates and status, so reports count what they counted;
    the verify page says the certificate was valid and its holder's details were removed. Renders
    not done yet are stopped (failed with the reason), so no PDF with a name is made afterwards.
    Returns how many certificates were changed.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    now = timezone.now()
    certificates = list(Certificate.objects.filter(user=user).only("pk", "pdf", "code"))
    files = [certificate.pdf.name for certificate in certificates if certificate.pdf]
    Certificate.objects.filter(user=user, status=Certificate.Status.PENDING).update(
        status=Certificate.Status.FAILED, last_error=str(HOLDER_REMOVED), render_token="", render_started_at=None
    )
    changed = Certificate.objects.filter(user=user).update(
        full_name=str(user.full_name), commune_name="", pdf="", holder_removed_at=now
    )
    # Earlier log entries are labelled "code – name": they keep the code only.
    content_type = ContentType.objects.get_for_model(Certificate)
    for certificate in certificates:
        ModelLogEntry.objects.filter(content_type=content_type, object_id=str(certificate.pk)).update(
            label=certificate.display_code
        )

    def delete_files():
        for name in files:
            try:
                private_storage.delete(name)
            except Exception:  # noqa: BLE001 - the store refused or is down: the row no longer points at it
                logger.warning("certificates: could not delete %s after anonymising", name, exc_info=True)

    # Only once the anonymisation commits: a rollback must not leave rows pointing at deleted files.
    transaction.on_commit(delete_files)
    return changed


def certificate_download_logged(*, certificate: Certificate, by: User) -> None:
    """Someone other than the owner took out a certificate's PDF: recorded."""
    if by.pk != certificate.user_id:
        log(certificate, audit.DOWNLOAD, user=by, data={"code": certificate.code})


# --- Bulk reissue and ZIP, as jobs with progress ---------------------------------------------------


def _reissue_queryset(*, by: User, course_key=None, template: CertificateTemplate | None = None):
    queryset = managed_certificates(by).filter(status=Certificate.Status.ISSUED, holder_removed_at__isnull=True)
    if course_key is not None:
        queryset = queryset.filter(course_key=course_key)
    if template is not None:
        queryset = queryset.filter(template=template)
    return queryset


@transaction.atomic
def bulk_reissue_start(*, by: User, course_key=None, template: CertificateTemplate | None = None) -> CertificateJob:
    if (course_key is None) == (template is None):
        raise ValidationError(ONE_TARGET, code="target")
    if not has_role(by, MANAGERS, TRAINERS):
        raise PermissionDenied(OUT_OF_SCOPE)
    total = _reissue_queryset(by=by, course_key=course_key, template=template).count()
    if not total:
        raise ValidationError(NOTHING_TO_DO, code="empty")
    if template is not None:
        label = _("mẫu “%(name)s”") % {"name": template.name}
    else:
        title = (
            Certificate.objects.filter(course_key=course_key)
            .order_by("-created_at")
            .values_list("course_title", flat=True)
            .first()
        )
        label = _("khóa học “%(name)s”") % {"name": title or course_key}
    job = CertificateJob.objects.create(
        kind=CertificateJob.Kind.REISSUE,
        created_by=by,
        course_key=course_key,
        template=template,
        total=total,
        label=label,
    )
    log(job, audit.BULK_REISSUE, user=by, data={"count": total, "what": label})
    _queue_job(job.pk)
    return job


def _queue_job(job_id: int) -> None:
    def send():
        from .tasks import run_job

        try:
            run_job.delay(job_id)
        except Exception:  # noqa: BLE001 - the sweeper starts queued jobs again
            logger.exception("certificates: could not queue job %s; the sweeper will", job_id)

    transaction.on_commit(send)


def _claim_job(job_id: int) -> CertificateJob | None:
    stale = timezone.now() - datetime.timedelta(minutes=15)
    claimed = CertificateJob.objects.filter(
        Q(status=CertificateJob.Status.QUEUED) | Q(status=CertificateJob.Status.RUNNING, started_at__lt=stale),
        pk=job_id,
    ).update(status=CertificateJob.Status.RUNNING, started_at=timezone.now())
    return (
        CertificateJob.objects.select_related("created_by", "commune", "template").get(pk=job_id) if claimed else None
    )


def job_run(*, job_id: int, attempt: int = 0) -> None:
    """Run a bulk job; ``attempt`` counts the task's earlier tries (Celery's retries), from 0.

    Raises ``StorageRetry`` when the store failed the ZIP and tries are left: the job is queued again
    with the reason, and the task asks Celery to run it after the backoff."""
    job = _claim_job(job_id)
    if job is None:
        return
    try:
        if job.kind == CertificateJob.Kind.REISSUE:
            _run_reissue(job)
        else:
            _run_zip(job, attempt=attempt)
    except StorageRetry:
        raise
    except Exception as error:
        logger.exception("certificates: job %s failed", job_id)
        CertificateJob.objects.filter(pk=job_id).update(
            status=CertificateJob.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        raise


def _run_reissue(job: CertificateJob) -> None:
    """Resumable: what was reissued is superseded and no longer matches, so a rerun continues."""
    by = job.created_by
    ids = list(
        _reissue_queryset(by=by, course_key=job.course_key, template=job.template)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for index, certificate_id in enumerate(ids, start=1):
        certificate = Certificate.objects.filter(pk=certificate_id).select_related("commune").first()
        if certificate is not None:
            try:
                certificate_reissue(certificate=certificate, by=by, job=job)
            except (ValidationError, PermissionDenied):
                pass  # changed meanwhile (revoked, reissued by hand): nothing to do
        if index % 20 == 0:
            CertificateJob.objects.filter(pk=job.pk).update(processed=F("processed") + 20)
    CertificateJob.objects.filter(pk=job.pk).update(
        processed=F("total"), status=CertificateJob.Status.DONE, finished_at=timezone.now()
    )


def _zip_queryset(*, by: User, commune: Commune, course_key=None):
    queryset = managed_certificates(by).filter(commune=commune, status=Certificate.Status.ISSUED).exclude(pdf="")
    if course_key is not None:
        queryset = queryset.filter(course_key=course_key)
    return queryset.order_by("full_name", "course_title", "pk")


@transaction.atomic
def zip_export_start(*, by: User, commune: Commune, course_key=None) -> CertificateJob:
    if not has_role(by, MANAGERS, TRAINERS) or not commune_in_scope(by, commune):
        raise PermissionDenied(OUT_OF_SCOPE)
    total = _zip_queryset(by=by, commune=commune, course_key=course_key).count()
    if not total:
        raise ValidationError(NOTHING_TO_DO, code="empty")
    label = commune.name
    job = CertificateJob.objects.create(
        kind=CertificateJob.Kind.ZIP, created_by=by, commune=commune, course_key=course_key, total=total, label=label
    )
    log(job, audit.EXPORT_ZIP, user=by, data={"count": total, "what": label})
    _queue_job(job.pk)
    return job


def zip_member_name(certificate: Certificate) -> str:
    name = slugify(anyascii(certificate.full_name)) or "chung-nhan"
    course = slugify(anyascii(certificate.course_title))[:40] or "khoa-hoc"
    return f"{name}-{course}-{certificate.display_code}.pdf"


ZIP_STORAGE_ERROR = gettext_lazy("Kho lưu trữ không đọc hoặc ghi được tệp ZIP: %(error)s")
ZIP_GAVE_UP = gettext_lazy("Đã thử %(count)s lần.")


def _run_zip(job: CertificateJob, *, attempt: int = 0) -> None:
    """The ZIP of a commune's PDFs. The store failing (a PDF it will not give back, a ZIP it will not
    take: a full disk, an unreachable bucket) is kept on the job with its reason; the claim is released
    and the job tried again after 30 s, 60 s, ... (``KNS_STORAGE_*``); after the last try it is failed."""
    certificates = list(_zip_queryset(by=job.created_by, commune=job.commune, course_key=job.course_key))
    CertificateJob.objects.filter(pk=job.pk).update(total=len(certificates), processed=0)
    try:
        name = _write_zip(job, certificates)
    except Exception as error:  # noqa: BLE001 - the store's reason is kept and the job retried
        logger.exception("certificates: the ZIP of job %s could not be stored", job.pk)
        reason = str(ZIP_STORAGE_ERROR % {"error": storage_error_text(error)})
        countdown = retry_countdown(attempt)
        if countdown is None:
            CertificateJob.objects.filter(pk=job.pk).update(
                status=CertificateJob.Status.FAILED,
                error=f"{reason} {ZIP_GAVE_UP % {'count': attempt + 1}}",
                finished_at=timezone.now(),
            )
            return
        CertificateJob.objects.filter(pk=job.pk, status=CertificateJob.Status.RUNNING).update(
            status=CertificateJob.Status.QUEUED, started_at=None, processed=0, error=reason
        )
        raise StorageRetry(reason, countdown) from error
    CertificateJob.objects.filter(pk=job.pk).update(
        file=name,
        processed=len(certificates),
        status=CertificateJob.Status.DONE,
        error="",
        finished_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(days=settings.KNS_CERTIFICATE_EXPORT_DAYS),
    )


def _write_zip(job: CertificateJob, certificates: list[Certificate]) -> str:
    listing = io.StringIO()
    # Names and course titles are typed by people: no cell may run as a formula in Excel.
    writer = SafeCsvWriter(listing)
    writer.writerow(["Mã số", "Họ và tên", "Khóa học", "Số giờ", "Ngày hoàn thành", "Ngày cấp", "Lần cấp", "Tệp"])
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_STORED) as archive:
            for index, certificate in enumerate(certificates, start=1):
                member = zip_member_name(certificate)
                with certificate.pdf.open("rb") as handle:
                    archive.writestr(member, handle.read())
                writer.writerow(
                    [
                        certificate.display_code,
                        certificate.full_name,
                        certificate.course_title,
                        f"{certificate.hours}",
                        certificate.completed_on.isoformat(),
                        certificate.issued_on.isoformat(),
                        certificate.version,
                        member,
                    ]
                )
                if index % 10 == 0:
                    CertificateJob.objects.filter(pk=job.pk).update(processed=index)
            # A BOM, so that Excel reads the Vietnamese names right.
            archive.writestr("danh-sach.csv", "\ufeff" + listing.getvalue())
        spool.seek(0)
        code = slugify(anyascii(job.commune.name)) if job.commune else "xa"
        return private_storage.save(f"certificate-exports/{job.pk}-{code}.zip", File(spool))


def jobs_visible_to(user: User):
    if user.is_superuser:
        return CertificateJob.objects.all()
    return CertificateJob.objects.filter(created_by=user)


# --- The sweeper ----------------------------------------------------------------------------------


def certificates_sweep(*, limit: int = 500, startup: bool = False) -> dict[str, int]:
    """Nothing is lost if a callback, a worker or the broker dies. Run every minute by beat, and
    once by each worker when it starts."""
    now = timezone.now()
    counts = {"requested": 0, "requeued": 0, "rechecks": 0, "jobs": 0, "expired": 0}

    # 1. Completions without any certificate (the completing request died before its callback).
    disabled = CourseCertificate.objects.filter(enabled=False).values("course_key")
    missing = (
        Enrollment.objects.filter(completed_at__isnull=False)
        .exclude(course_key__in=disabled)
        .exclude(Exists(Certificate.objects.filter(user_id=OuterRef("user_id"), course_key=OuterRef("course_key"))))
        .select_related("user", "course", "commune")
        .order_by("completed_at")[:limit]
    )
    for enrollment in missing:
        with transaction.atomic():
            if certificate_request(enrollment=enrollment) is not None:
                counts["requested"] += 1

    # 2. Renders that died (claim gone stale), and pending certificates queued long ago and never
    #    started (a lost message). The render itself fails those that used up their tries.
    stale_before = now - datetime.timedelta(seconds=_claim_seconds())
    requeue_before = now - datetime.timedelta(seconds=settings.KNS_CERTIFICATE_REQUEUE_SECONDS)
    pending = Certificate.objects.filter(status=Certificate.Status.PENDING)
    never_started = Q(render_started_at__isnull=True)
    if not startup:
        # A worker that starts may replace one that died holding messages it had reserved:
        # then every unstarted certificate is queued again (a duplicate is a cheap no-op).
        never_started &= Q(queued_at__lt=requeue_before) | Q(queued_at__isnull=True)
    stuck = list(
        pending.filter(Q(render_started_at__lt=stale_before) | never_started)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    if stuck:
        Certificate.objects.filter(pk__in=stuck, render_started_at__isnull=True).update(queued_at=now)
        with transaction.atomic():
            for certificate_id in stuck:
                queue_render(certificate_id)
        counts["requeued"] = len(stuck)

    # 3. When a worker starts: renders claimed moments ago may have died with the worker it
    #    replaces; look at them again once their claim goes stale.
    if startup:
        with transaction.atomic():
            for certificate_id, started in pending.filter(render_started_at__gte=stale_before).values_list(
                "pk", "render_started_at"
            )[:limit]:
                wait = (started - stale_before).total_seconds()
                queue_render(certificate_id, countdown=max(1, int(wait) + 5), recheck=True)
                counts["rechecks"] += 1

    # 4. Jobs queued but never started, or running so long their worker must be gone.
    job_stale = now - datetime.timedelta(minutes=15)
    for job_id in CertificateJob.objects.filter(
        Q(status=CertificateJob.Status.QUEUED, created_at__lt=requeue_before)
        | Q(status=CertificateJob.Status.RUNNING, started_at__lt=job_stale)
    ).values_list("pk", flat=True)[:50]:
        with transaction.atomic():
            _queue_job(job_id)
        counts["jobs"] += 1

    # 5. Generated ZIPs expire.
    for job in CertificateJob.objects.filter(expires_at__lt=now).exclude(file="")[:limit]:
        job.file.delete(save=False)
        CertificateJob.objects.filter(pk=job.pk).update(file="")
        counts["expired"] += 1
    return counts
