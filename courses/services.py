"""Writes with business rules for courses: enrolment, assignment, progress and practice evidence.

All progress goes through ``step_complete``; course completion is decided
there, by a conditional UPDATE, so it happens exactly once per enrolment even
when two requests complete the last step at the same moment, and the
``course_completed`` signal is sent inside that same transaction.

Rule for a required step added to a course people are taking: completion is
judged against the course's live required steps at the moment a step is
completed. Cadres who had already completed the course stay completed (their
certificate stands); cadres still in progress must also complete the new step.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, TeamMembership, Unit, User
from localities.models import Commune

from . import notices
from .evidence import clean_evidence
from .models import Assignment, CoursePage, Enrollment, Evidence, LessonPage, PracticePage, StepCompletion, StepPage
from .signals import course_completed, step_completed

STEP_LOCKED = _("Bước này chưa mở. Hãy hoàn thành các bước bắt buộc trước đó theo thứ tự của khóa học.")
NOT_ENROLLED = _("Bạn cần ghi danh vào khóa học trước khi học bước này.")
COURSE_CLOSED = _("Khóa học này không còn nhận học viên.")
CHECKLIST_INCOMPLETE = _("Hãy đánh dấu tất cả các việc trong danh sách trước khi xác nhận hoàn thành.")
EVIDENCE_PENDING = _("Minh chứng trước của bạn đang chờ duyệt. Hãy đợi kết quả trước khi nộp lại.")
EVIDENCE_NOT_NEEDED = _("Bài thực hành này không cần nộp minh chứng.")
EVIDENCE_ALREADY_REVIEWED = _("Minh chứng này đã được xử lý.")
RETURN_NEEDS_COMMENT = _("Khi trả lại minh chứng, hãy ghi rõ cần bổ sung gì.")
NOT_YOUR_TEAM = _("Bạn chỉ duyệt được minh chứng của thành viên tổ mình.")


class StepLocked(PermissionDenied):
    pass


def course_of(step: StepPage) -> CoursePage:
    # The router (Wagtail's walk) may already have loaded the parent: use it rather than read it again.
    parent = getattr(step, "_cached_parent_obj", None)
    if isinstance(parent, CoursePage):
        return parent
    return CoursePage.objects.get(path=step.path[: -step.steplen], depth=step.depth - 1)


def live_steps(course: CoursePage):
    return StepPage.objects.child_of(course).live().order_by("path")


# --- Enrolment -------------------------------------------------------------------------------------


@transaction.atomic
def enrollment_create(
    *,
    user: User,
    course: CoursePage,
    source: str = Enrollment.Source.SELF,
    due_date: datetime.date | None = None,
    assignment: Assignment | None = None,
) -> Enrollment:
    """Enrol a cadre, or bring back a withdrawn enrolment. Idempotent; never two rows."""
    if not course.live or course.archived_at:
        raise ValidationError(COURSE_CLOSED, code="closed")
    defaults = {
        "course_key": course.course_key,
        "commune": user.commune,
        "source": source,
        "due_date": due_date,
        "assignment": assignment,
    }
    try:
        with transaction.atomic():
            enrollment, created = Enrollment.objects.get_or_create(user=user, course=course, defaults=defaults)
    except IntegrityError:
        # Two clicks at once: the other request inserted it.
        enrollment, created = Enrollment.objects.get(user=user, course=course), False
    if not created and enrollment.withdrawn_at is not None:
        Enrollment.objects.filter(pk=enrollment.pk).update(withdrawn_at=None)
        enrollment.withdrawn_at = None
    return enrollment


@transaction.atomic
def enrollment_withdraw(*, user: User, course: CoursePage) -> None:
    """Leave a course. The row stays, with its history; enrolling again resumes it."""
    Enrollment.objects.filter(user=user, course=course, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())


def active_enrollment(*, user: User, course: CoursePage) -> Enrollment | None:
    return Enrollment.objects.filter(user=user, course=course, withdrawn_at__isnull=True).first()


# --- Assignment -----------------------------------------------------------------------------------


def course_assign(
    *,
    manager: User,
    course: CoursePage,
    due_date: datetime.date,
    commune: Commune | None = None,
    team: Team | None = None,
    unit: Unit | None = None,
) -> Assignment:
    """Give a course to everyone in a commune, a team or a unit, now: an assignment rule applied at once.

    Kept for callers that need the enrolments written before they go on (the demo data); the
    admin creates rules through ``courses.assignments``, which applies them in a Celery job.
    """
    from .assignments import assignment_rule_create

    return assignment_rule_create(
        manager=manager, course=course, due_date=due_date, commune=commune, team=team, unit=unit, run_now=True
    )


# --- Progress -------------------------------------------------------------------------------------


def locked_step_ids(*, steps: list[StepPage], done_ids: set[int], sequential: bool) -> set[int]:
    """In an ordered course, a step is locked while any required step before it is not done."""
    if not sequential:
        return set()
    locked: set[int] = set()
    blocked = False
    for step in steps:
        if blocked:
            locked.add(step.pk)
        if step.is_required and step.pk not in done_ids:
            blocked = True
    return locked


def _done_ids(*, user: User, course: CoursePage) -> set[int]:
    return set(StepCompletion.objects.filter(user=user, course=course).values_list("step_id", flat=True))


def ensure_unlocked(*, user: User, step: StepPage, course: CoursePage) -> None:
    if not course.sequential:
        return
    steps = list(live_steps(course))
    if step.pk in locked_step_ids(steps=steps, done_ids=_done_ids(user=user, course=course), sequential=True):
        raise StepLocked(STEP_LOCKED)


def step_gate(*, user: User, step: StepPage, enrollment: Enrollment | None, locked: bool) -> Enrollment:
    """Before a step is shown to a cadre: enrolled, unlocked; remember it as their place in the course.

    The caller passes what the course outline it already read says (``selectors.course_outline``),
    so showing a step does not read the course, the enrolment and the completions twice.
    """
    if enrollment is None or enrollment.withdrawn_at is not None:
        raise PermissionDenied(NOT_ENROLLED)
    if locked:
        raise StepLocked(STEP_LOCKED)
    # Reads do not write: a step already remembered costs no UPDATE, so showing it takes no write
    # lock (SQLite takes it at BEGIN) and readers never queue behind each other. Otherwise one
    # UPDATE, in autocommit, remembers the step and sets started_at once (Coalesce keeps the first
    # value if another request set it in between).
    if enrollment.last_step_id == step.pk and enrollment.started_at is not None:
        return enrollment
    now = timezone.now()
    Enrollment.objects.filter(pk=enrollment.pk).update(last_step=step, started_at=Coalesce("started_at", Value(now)))
    enrollment.last_step_id = step.pk
    enrollment.started_at = enrollment.started_at or now
    return enrollment


@transaction.atomic
def step_complete(*, user: User, step: StepPage) -> tuple[StepCompletion, bool]:
    """Record that a cadre completed a step, once, and complete the course when it is the last required one.

    Returns (completion, created). Completing twice, or two requests at once,
    leaves exactly one row (a unique constraint backs this).
    """
    course = course_of(step)
    enrollment = active_enrollment(user=user, course=course)
    if enrollment is None:
        raise PermissionDenied(NOT_ENROLLED)
    ensure_unlocked(user=user, step=step, course=course)
    try:
        with transaction.atomic():
            completion, created = StepCompletion.objects.get_or_create(
                user=user, step=step, defaults={"course": course}
            )
    except IntegrityError:
        completion, created = StepCompletion.objects.get(user=user, step=step), False
    if created:
        Enrollment.objects.filter(pk=enrollment.pk, started_at__isnull=True).update(started_at=completion.completed_at)
        step_completed.send(sender=StepCompletion, completion=completion, user=user, step=step)
        _complete_course_if_done(enrollment=enrollment, course=course, user=user)
    return completion, created


def _complete_course_if_done(*, enrollment: Enrollment, course: CoursePage, user: User) -> bool:
    required = set(live_steps(course).filter(is_required=True).values_list("pk", flat=True))
    done = _done_ids(user=user, course=course)
    if not required <= done:
        return False
    # The conditional UPDATE makes completion happen once, whoever gets here first.
    updated = Enrollment.objects.filter(pk=enrollment.pk, completed_at__isnull=True).update(completed_at=timezone.now())
    if updated:
        enrollment.refresh_from_db()
        enrollment.user = user  # the refresh dropped the cached user; receivers would load it again
        course_completed.send(sender=Enrollment, enrollment=enrollment, user=user, course=course)
    return bool(updated)


def lesson_complete(*, user: User, lesson: LessonPage) -> tuple[StepCompletion, bool]:
    return step_complete(user=user, step=lesson)


def practice_self_check(*, user: User, practice: PracticePage, ticked: list[int]) -> tuple[StepCompletion, bool]:
    if practice.needs_evidence:
        raise ValidationError(_("Bài thực hành này cần nộp minh chứng để được duyệt."), code="needs_evidence")
    if set(ticked) != set(range(len(practice.checklist_items))):
        raise ValidationError(CHECKLIST_INCOMPLETE, code="checklist")
    return step_complete(user=user, step=practice)


# --- Practice evidence ----------------------------------------------------------------------------


@transaction.atomic
def evidence_submit(*, user: User, practice: PracticePage, upload, note: str = "") -> Evidence:
    if not practice.needs_evidence:
        raise ValidationError(EVIDENCE_NOT_NEEDED, code="not_needed")
    course = course_of(practice)
    if active_enrollment(user=user, course=course) is None:
        raise PermissionDenied(NOT_ENROLLED)
    ensure_unlocked(user=user, step=practice, course=course)
    if Evidence.objects.filter(user=user, step=practice, status=Evidence.Status.SUBMITTED).exists():
        raise ValidationError(EVIDENCE_PENDING, code="pending")
    clean = clean_evidence(upload)
    evidence = Evidence(
        user=user,
        step=practice,
        content_type=clean.content_type,
        size=clean.content.size,
        original_name=(getattr(upload, "name", "") or "")[:255],
        note=note.strip(),
    )
    evidence.file.save(f"{user.pk}-{practice.pk}.{clean.extension}", clean.content, save=False)
    try:
        with transaction.atomic():
            evidence.save()
    except IntegrityError:
        evidence.file.delete(save=False)
        raise ValidationError(EVIDENCE_PENDING, code="pending") from None
    return evidence


def can_review(reviewer: User, evidence: Evidence) -> bool:
    """Team leaders review their own team members' evidence; trainers and superusers review any."""
    if not reviewer.is_authenticated or reviewer.pk == evidence.user_id:
        return reviewer.is_superuser if reviewer.is_authenticated else False
    if reviewer.is_superuser or reviewer.has_perm("courses.review_evidence"):
        return True
    return TeamMembership.objects.filter(
        user=reviewer, role=TeamMembership.Role.LEADER, team__memberships__user_id=evidence.user_id
    ).exists()


def reviewer_has_team(user: User) -> bool:
    return (
        user.is_superuser
        or user.has_perm("courses.review_evidence")
        or TeamMembership.objects.filter(user=user, role=TeamMembership.Role.LEADER).exists()
    )


def can_view_evidence(viewer: User, evidence: Evidence) -> bool:
    return viewer.is_authenticated and (viewer.pk == evidence.user_id or can_review(viewer, evidence))


@transaction.atomic
def evidence_review(*, reviewer: User, evidence: Evidence, approve: bool, comment: str = "") -> Evidence:
    if not can_review(reviewer, evidence):
        raise PermissionDenied(NOT_YOUR_TEAM)
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError({"comment": RETURN_NEEDS_COMMENT}, code="comment")
    status = Evidence.Status.APPROVED if approve else Evidence.Status.RETURNED
    # Only a pending piece changes, once: a second click or a second reviewer changes nothing.
    updated = Evidence.objects.filter(pk=evidence.pk, status=Evidence.Status.SUBMITTED).update(
        status=status, reviewed_by=reviewer, reviewed_at=timezone.now(), review_comment=comment
    )
    if not updated:
        raise ValidationError(EVIDENCE_ALREADY_REVIEWED, code="reviewed")
    evidence.refresh_from_db()
    notices.evidence_reviewed(evidence)
    if approve:
        practice = PracticePage.objects.get(pk=evidence.step_id)
        # Approval completes the step even if the cadre has since left the course (history is kept).
        course = course_of(practice)
        enrollment = Enrollment.objects.filter(user=evidence.user, course=course).first()
        if enrollment is not None and enrollment.withdrawn_at is None:
            step_complete(user=evidence.user, step=practice)
    return evidence
