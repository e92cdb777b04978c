"""Writes for training sessions: scheduling, inviting, attendance, and the session step of a course.

Who may manage a session (``sessions_scope_q``): a superuser, any; a manager, the sessions held in
the communes of their scope; a trainer, the sessions they run or created. Whom a session may
invite: a manager, anyone inside their scope (a commune, a team, a unit's members in their scope,
named cadres); a trainer, the people of the session's own commune (the commune, its teams, a unit's
members living there, named cadres of it).

Attendance is one row per cadre and session (a unique constraint): recording it twice, or two
phones at once, leaves one row. Recording it for a session linked to a course enrols the cadre if
needed and completes the course's session steps through ``courses.services.step_complete``, so
the course completes, and its certificate is issued, by the same machinery as any other step. In a
course taken in order, a session step not yet open is completed later, when the step before it is
(``blended.receivers``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from accounts.models import Team, TeamMembership, Unit, User
from accounts.roles import MANAGERS, TRAINERS, has_role
from accounts.scopes import commune_filter, commune_in_scope, sees_everything
from courses.assignments import active_cadres, target_in_scope
from courses.models import CoursePage, StepCompletion
from courses.services import StepLocked, active_enrollment, enrollment_create, step_complete
from notifications.services import notify_many

from .models import Attendance, Invitation, SessionStepPage, TrainingSession

NOT_INVITED = _("Bạn không có trong danh sách mời của buổi học này. Hãy báo giảng viên để được điểm danh.")
NOT_NOW = _("Buổi học này không diễn ra lúc này: chỉ điểm danh được từ 30 phút trước khi bắt đầu đến khi kết thúc.")
OUT_OF_SCOPE = _("Người hoặc nơi được mời nằm ngoài phạm vi của bạn.")
ONE_TARGET = _("Hãy chọn một nơi mời (xã, phường; tổ; hoặc đơn vị) hoặc một số cán bộ.")
NOT_A_CADRE = _("Chỉ điểm danh được cán bộ có tài khoản đang hoạt động.")
ENDS_BEFORE_START = _("Giờ kết thúc phải sau giờ bắt đầu.")

LOG_ATTENDANCE_MANUAL = "kns.session.attendance_manual"
LOG_INVITE = "kns.session.invite"

# Check-in by QR is open from a little before the start to the end of the session.
CHECKIN_OPENS_BEFORE = dt.timedelta(minutes=30)


# --- Scope --------------------------------------------------------------------------------------


def sessions_scope_q(user: User) -> Q:
    if sees_everything(user):
        return Q()
    condition = Q(pk__in=[])
    if not (user.is_authenticated and user.is_active):
        return condition
    if has_role(user, TRAINERS):
        condition |= Q(trainer=user) | Q(created_by=user)
    if has_role(user, MANAGERS):
        condition |= commune_filter(user, "commune")
    return condition


def sessions_for(user: User) -> QuerySet:
    return TrainingSession.objects.filter(sessions_scope_q(user))


def may_manage(user: User, session: TrainingSession) -> bool:
    return sessions_for(user).filter(pk=session.pk).exists()


def may_hold_in(user: User, commune) -> bool:
    """A manager schedules sessions in their communes; a trainer anywhere (they run the province's workshops)."""
    return sees_everything(user) or has_role(user, TRAINERS) or commune_in_scope(user, commune)


# --- Scheduling and inviting ----------------------------------------------------------------------


def check_session(*, actor: User, starts_at, ends_at, commune) -> None:
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": ENDS_BEFORE_START}, code="order")
    if commune is not None and not may_hold_in(actor, commune):
        raise PermissionDenied(OUT_OF_SCOPE)


def _invitable_people(
    *, session: TrainingSession, actor: User, commune=None, team: Team | None = None, unit: Unit | None = None
) -> QuerySet:
    people = active_cadres()
    as_manager = has_role(actor, MANAGERS) or sees_everything(actor)
    own_commune = Q(commune_id=session.commune_id)
    if commune is not None:
        if not ((as_manager and target_in_scope(actor, commune=commune)) or commune.pk == session.commune_id):
            raise PermissionDenied(OUT_OF_SCOPE)
        return people.filter(commune_id=commune.pk)
    if team is not None:
        if not ((as_manager and target_in_scope(actor, team=team)) or team.commune_id == session.commune_id):
            raise PermissionDenied(OUT_OF_SCOPE)
        return people.filter(pk__in=TeamMembership.objects.filter(team=team).values("user_id"))
    if unit is not None:
        reach = own_commune | (commune_filter(actor, "commune") if as_manager else Q(pk__in=[]))
        return people.filter(unit_id=unit.pk).filter(reach)
    return people.none()


@transaction.atomic
def session_invite(
    *,
    session: TrainingSession,
    actor: User,
    commune=None,
    team: Team | None = None,
    unit: Unit | None = None,
    users: Iterable[User] = (),
) -> int:
    """Invite a commune, a team, a unit's members or named cadres; notify the newly invited. Returns their count."""
    users = list(users)
    if not may_manage(actor, session):
        raise PermissionDenied(OUT_OF_SCOPE)
    if sum(x is not None for x in (commune, team, unit)) + bool(users) != 1:
        raise ValidationError(ONE_TARGET, code="target")
    if users:
        ids = [u.pk for u in users]
        reach = Q(commune_id=session.commune_id)
        if has_role(actor, MANAGERS) or sees_everything(actor):
            reach |= commune_filter(actor, "commune")
        allowed = set(active_cadres().filter(pk__in=ids).filter(reach).values_list("pk", flat=True))
        if allowed != set(ids):
            raise PermissionDenied(OUT_OF_SCOPE)
    else:
        allowed = set(
            _invitable_people(session=session, actor=actor, commune=commune, team=team, unit=unit).values_list(
                "pk", flat=True
            )
        )
    already = set(Invitation.objects.filter(session=session, user_id__in=allowed).values_list("user_id", flat=True))
    new = sorted(allowed - already)
    now = timezone.now()
    Invitation.objects.bulk_create(
        [Invitation(session=session, user_id=pk, invited_by=actor, invited_at=now) for pk in new],
        ignore_conflicts=True,
    )
    if new:
        log(session, LOG_INVITE, user=actor, data={"people": len(new)})
        notify_many(new, "session_invitation", _notice_context(session), idempotency_prefix=f"session:{session.pk}")
    return len(new)


def _notice_context(session: TrainingSession) -> dict:
    from django.urls import reverse

    starts = timezone.localtime(session.starts_at)
    return {
        "title": session.title,
        "when": formats.date_format(starts, "SHORT_DATETIME_FORMAT"),
        "place": session.place,
        "url": settings.PUBLIC_BASE_URL + reverse("courses:my_learning"),
    }


# --- Attendance -------------------------------------------------------------------------------------


def checkin_open(session: TrainingSession, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return session.starts_at - CHECKIN_OPENS_BEFORE <= now <= session.ends_at


@transaction.atomic
def attendance_checkin(*, session: TrainingSession, user: User, window: int) -> tuple[Attendance, bool]:
    """A cadre checked in by scanning the session's code (already verified by ``blended.checkin``)."""
    if not checkin_open(session):
        raise ValidationError(NOT_NOW, code="not_now")
    invited = Invitation.objects.filter(session=session, user=user).exists()
    if not invited and not session.open_to_all:
        raise ValidationError(NOT_INVITED, code="not_invited")
    method = Attendance.Method.CHECKIN
    return _record(session=session, user=user, method=method, recorded_by=user, window=window, walk_in=not invited)


@transaction.atomic
def attendance_mark(*, session: TrainingSession, user: User, actor: User) -> tuple[Attendance, bool]:
    """The trainer marks a cadre present from the roster (no phone, no account on the phone...)."""
    if not may_manage(actor, session):
        raise PermissionDenied(OUT_OF_SCOPE)
    if not user.is_active:
        raise ValidationError(NOT_A_CADRE, code="inactive")
    invited = Invitation.objects.filter(session=session, user=user).exists()
    if not invited and not (commune_in_scope(actor, user.commune) or user.commune_id == session.commune_id):
        raise PermissionDenied(OUT_OF_SCOPE)
    attendance, created = _record(
        session=session, user=user, method=Attendance.Method.MANUAL, recorded_by=actor, walk_in=not invited
    )
    if created:
        log(session, LOG_ATTENDANCE_MANUAL, user=actor, data={"user": user.pk, "full_name": user.full_name})
    return attendance, created


def _record(*, session, user, method, recorded_by, window=None, walk_in=False) -> tuple[Attendance, bool]:
    try:
        with transaction.atomic():
            attendance, created = Attendance.objects.get_or_create(
                session=session,
                user=user,
                defaults={"method": method, "recorded_by": recorded_by, "window": window, "walk_in": walk_in},
            )
    except IntegrityError:
        # Two scans at once: the other request recorded it.
        attendance, created = Attendance.objects.get(session=session, user=user), False
    if created and session.course_id:
        complete_session_steps(user=user, course=CoursePage.objects.get(pk=session.course_id))
    return attendance, created


def complete_session_steps(*, user: User, course: CoursePage) -> int:
    """Complete the course's open session steps for a cadre who attended one of its sessions.

    Enrols the cadre if they are not enrolled (attending the course's session is taking it). A step
    still locked in an ordered course stays open for later (``blended.receivers``). Returns the
    steps completed now.
    """
    if active_enrollment(user=user, course=course) is None:
        if not course.live or course.archived_at:
            return 0
        enrollment_create(user=user, course=course)
    steps = list(SessionStepPage.objects.child_of(course).live().order_by("path"))
    done = set(
        StepCompletion.objects.filter(user=user, step__in=steps).values_list("step_id", flat=True) if steps else []
    )
    completed = 0
    for step in steps:
        if step.pk in done:
            continue
        try:
            _completion, created = step_complete(user=user, step=step)
        except StepLocked:
            continue
        completed += created
    return completed


def attended_course_session(*, user_id: int, course_id: int) -> bool:
    return Attendance.objects.filter(user_id=user_id, session__course_id=course_id).exists()
