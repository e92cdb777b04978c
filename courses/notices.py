"""What courses tell people (through notifications.notify): evidence approved or returned, and the
team leaders' daily digest of evidence waiting for them (docs/notifications.md)."""

from celery import shared_task
from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from accounts.models import TeamMembership
from notifications import kinds
from notifications.services import notify

from .models import Evidence, PracticePage


def _absolute(path: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def evidence_reviewed(evidence: Evidence) -> None:
    """Tell the cadre their evidence was approved or returned; called in the review's transaction,
    so the message exists exactly when the decision does (and is sent on commit)."""
    practice = PracticePage.objects.filter(pk=evidence.step_id).first()
    if practice is None or evidence.status == Evidence.Status.SUBMITTED:
        return
    course = practice.get_parent()
    approved = evidence.status == Evidence.Status.APPROVED
    notify(
        evidence.user,
        kinds.EVIDENCE_APPROVED if approved else kinds.EVIDENCE_RETURNED,
        {
            "step_title": practice.title,
            "course_title": course.title if course else "",
            "comment": evidence.review_comment,
            "url": _absolute(practice.get_url() or "/"),
        },
        idempotency_key=f"evidence-reviewed:{evidence.pk}",
    )


def evidence_digest_send(*, day=None) -> int:
    """One message a day to each team leader whose team members have evidence waiting; returns how many."""
    day = day or timezone.localdate()
    waiting = dict(
        Evidence.objects.filter(status=Evidence.Status.SUBMITTED, user__is_active=True)
        .filter(user__memberships__role=TeamMembership.Role.MEMBER)
        .values_list("user__memberships__team_id")
        .annotate(n=Count("pk", distinct=True))
    )
    if not waiting:
        return 0
    leaders: dict[int, dict] = {}
    for membership in (
        TeamMembership.objects.filter(role=TeamMembership.Role.LEADER, team_id__in=waiting, user__is_active=True)
        .select_related("user", "team")
        .order_by("user_id", "team__name")
    ):
        entry = leaders.setdefault(membership.user_id, {"user": membership.user, "count": 0, "teams": []})
        entry["count"] += waiting[membership.team_id]
        entry["teams"].append(membership.team.name)
    url = _absolute(reverse("courses:review_list"))
    sent = 0
    for user_id, entry in leaders.items():
        message = notify(
            entry["user"],
            kinds.EVIDENCE_DIGEST,
            {"count": entry["count"], "team_name": ", ".join(entry["teams"]), "url": url},
            idempotency_key=f"evidence-digest:{user_id}:{day:%Y-%m-%d}",
        )
        sent += message is not None
    return sent


@shared_task(name="courses.notices.send_evidence_digest", ignore_result=True)
def send_evidence_digest() -> int:
    """Beat, every morning: the team leaders' digest of evidence waiting (idempotent per leader and day)."""
    return evidence_digest_send()
