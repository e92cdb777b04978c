"""Demo training sessions (blended): a past one with attendance (by QR and by hand) and an upcoming one.

Rows written directly, not through the services: the demo neither sends invitations nor enrols anyone.
Idempotent by the session's title and commune.
"""

import datetime

from django.utils import timezone

from accounts.models import TeamMembership
from blended.models import Attendance, Invitation, TrainingSession


def _session(*, title, commune, trainer, manager, days, hours, place):
    start = (timezone.localtime() + datetime.timedelta(days=days)).replace(
        hour=hours, minute=0, second=0, microsecond=0
    )
    session, _created = TrainingSession.objects.get_or_create(
        title=title,
        commune=commune,
        defaults={
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=3),
            "place": place,
            "trainer": trainer,
            "created_by": manager,
        },
    )
    return session


def seed_sessions(*, people) -> None:
    cadre, leader = people["demo_cadre"], people["demo_leader"]
    trainer, manager = people["demo_trainer"], people["demo_manager"]
    commune = cadre.commune
    invited = {cadre, leader}
    invited.update(m.user for m in TeamMembership.objects.filter(team__commune=commune).select_related("user"))
    past = _session(
        title="Tập huấn dịch vụ công trực tuyến cho Tổ công nghệ số",
        commune=commune,
        trainer=trainer,
        manager=manager,
        days=-7,
        hours=8,
        place="Hội trường UBND xã",
    )
    upcoming = _session(
        title="Thực hành hướng dẫn người dân dùng VNeID",
        commune=commune,
        trainer=trainer,
        manager=manager,
        days=5,
        hours=14,
        place="Nhà văn hóa thôn",
    )
    for session in (past, upcoming):
        for person in invited:
            Invitation.objects.get_or_create(session=session, user=person, defaults={"invited_by": manager})
    Attendance.objects.get_or_create(
        session=past, user=cadre, defaults={"method": Attendance.Method.CHECKIN, "recorded_by": cadre}
    )
    Attendance.objects.get_or_create(
        session=past, user=leader, defaults={"method": Attendance.Method.MANUAL, "recorded_by": trainer}
    )
