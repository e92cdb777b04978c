"""Demo messages (notifications.Message) in each status, so the admin listing and the cadre's page speak.

Written as rows rather than sent through notify(): a demo shows a failed or skipped message without
a gateway that fails. Idempotent by each row's key.
"""

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format

from notifications import kinds
from notifications.models import Message


def _row(key: str, user, kind: str, context: dict, *, channel: str, status: str, reason: str = "", minutes_ago: int):
    at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    address = {"sms": user.phone or "", "zalo": user.phone or "", "email": user.email or ""}.get(channel, "")
    context = {**context, "full_name": user.get_full_name()}
    with translation.override(settings.LANGUAGE_CODE):
        subject, text = kinds.render(kind, context)
    Message.objects.update_or_create(
        idempotency_key=f"demo:{key}",
        defaults={
            "user": user,
            "kind": kind,
            "channel": channel,
            "address": address if channel else "",
            "context": context,
            "subject": subject[:255],
            "text": text,
            "status": status,
            "reason": reason,
            "attempts": {"queued": 0, "sending": 1, "sent": 1, "failed": 3, "skipped": 0}[status],
            "created_at": at,
            "queued_at": at,
            "claimed_at": at if status in ("sending", "sent", "failed") else None,
            "sent_at": at + datetime.timedelta(seconds=2) if status == "sent" else None,
            "provider_ref": f"demo-{key}" if status == "sent" else "",
        },
    )


def seed_messages(*, people: dict) -> None:
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    cadre, leader, manager = people["demo_cadre"], people["demo_leader"], people["demo_manager"]
    course = {"course_title": "Chữ ký số và dịch vụ công trực tuyến", "url": f"{base}/learn/my-learning/"}
    _row(
        "assignment-sent",
        cadre,
        kinds.ASSIGNMENT,
        {**course, "due_date": date_format(timezone.localdate() + datetime.timedelta(days=30), "SHORT_DATE_FORMAT")},
        channel="sms",
        status="sent",
        minutes_ago=3 * 24 * 60,
    )
    _row(
        "reminder-queued",
        cadre,
        kinds.REMINDER,
        {**course, "due_text": ""},
        channel="sms",
        status="queued",
        minutes_ago=2,
    )
    _row(
        "digest-sending",
        leader,
        kinds.EVIDENCE_DIGEST,
        {"count": 2, "team_name": "Tổ công nghệ số cộng đồng", "url": f"{base}/learn/review/"},
        channel="zalo",
        status="sending",
        minutes_ago=1,
    )
    _row(
        "reminder-failed",
        leader,
        kinds.REMINDER,
        {**course, "due_text": ""},
        channel="sms",
        status="failed",
        reason="HTTP 400: số điện thoại không hợp lệ",
        minutes_ago=26 * 60,
    )
    _row(
        "weekly-skipped",
        manager,
        kinds.WEEKLY_DIGEST,
        {
            "week": date_format(timezone.localdate(), "SHORT_DATE_FORMAT"),
            "scope": "",
            "completed": 0,
            "overdue": 0,
            "url": base,
        },
        channel="",
        status="skipped",
        reason="opted_out",
        minutes_ago=7 * 24 * 60,
    )
