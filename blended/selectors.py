"""Reads for training sessions: a cadre's upcoming sessions, a session step, a roster. Fixed query counts."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Attendance, Invitation, TrainingSession

UPCOMING_LIMIT = 10


def upcoming_for(*, user) -> list[TrainingSession]:
    """Sessions the cadre is invited to that have not ended, soonest first. One query."""
    return list(
        TrainingSession.objects.filter(invitations__user=user, ends_at__gte=timezone.now())
        .select_related("commune")
        .order_by("starts_at")[:UPCOMING_LIMIT]
    )


def step_sessions(*, user, course) -> dict:
    """For a session step: the course's sessions this cadre is invited to or attended. One query."""
    attended = Attendance.objects.filter(session=OuterRef("pk"), user=user)
    invited = Invitation.objects.filter(session=OuterRef("pk"), user=user)
    sessions = list(
        TrainingSession.objects.filter(course_id=course.pk)
        .annotate(attended=Exists(attended), invited=Exists(invited))
        .filter(Q(attended=True) | Q(invited=True))
        .select_related("commune")
        .order_by("starts_at")
    )
    now = timezone.now()
    return {
        "upcoming_sessions": [s for s in sessions if s.ends_at >= now and not s.attended],
        "attended_sessions": [s for s in sessions if s.attended],
    }


def roster(session: TrainingSession) -> list[dict]:
    """Everyone invited, and anyone who attended without an invitation, with their attendance. Two queries."""
    attendance = {
        a.user_id: a for a in Attendance.objects.filter(session=session).select_related("user", "recorded_by")
    }
    rows = []
    for invitation in Invitation.objects.filter(session=session).select_related("user").order_by("user__full_name"):
        rows.append({"user": invitation.user, "invited": True, "attendance": attendance.pop(invitation.user_id, None)})
    for attendance_row in sorted(attendance.values(), key=lambda a: a.user.full_name):
        rows.append({"user": attendance_row.user, "invited": False, "attendance": attendance_row})
    return rows
