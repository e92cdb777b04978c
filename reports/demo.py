"""Demo data for the dashboards (called by ``seed_demo`` through ``manage.py seed_reports_demo``):
targets in the demo province, one reminder round in the demo commune, and fresh summary rows.
Idempotent."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import ManagerScope, Unit, User
from courses.models import CoursePage, Enrollment
from localities.models import Commune

from . import services, summaries
from .models import Reminder, Target


def _course(slug: str) -> CoursePage | None:
    return CoursePage.objects.live().filter(slug=slug).first() or CoursePage.objects.live().order_by("path").first()


@transaction.atomic
def seed_targets(*, manager: User) -> list[Target]:
    scope = ManagerScope.objects.filter(user=manager, province__isnull=False).select_related("province").first()
    if scope is None:
        return []
    province = scope.province
    main = CoursePage.objects.live().order_by("path").first()
    security = _course("an-toan-thong-tin")
    today = timezone.localdate()
    wanted = [
        {
            "course": main,
            "population": Target.Population.ALL,
            "measure": Target.Measure.COMPLETED,
            "percent": 80,
            "due": today + datetime.timedelta(days=60),
            "start": today - datetime.timedelta(days=30),
        },
        {
            "course": security,
            "population": Target.Population.TEAM_MEMBERS,
            "measure": Target.Measure.CERTIFIED,
            "percent": 100,
            "due": today + datetime.timedelta(days=90),
            "start": today - datetime.timedelta(days=20),
        },
        {
            "course": None,
            "population": Target.Population.UNIT,
            "measure": Target.Measure.COMPLETED,
            "percent": 50,
            "due": today + datetime.timedelta(days=30),
            "start": today - datetime.timedelta(days=30),
            "unit": Unit.objects.filter(name="Ban Tuyên giáo và Dân vận").first(),
        },
    ]
    made = []
    for spec in wanted:
        course = spec["course"]
        if spec["population"] == Target.Population.UNIT and spec.get("unit") is None:
            continue
        target, _created = Target.objects.update_or_create(
            province=province,
            population=spec["population"],
            measure=spec["measure"],
            course_key=course.course_key if course else None,
            defaults={
                "course_title": course.title if course else "",
                "unit": spec.get("unit"),
                "percent": spec["percent"],
                "start_date": spec["start"],
                "due_date": spec["due"],
                "created_by": manager,
            },
        )
        made.append(target)
    return made


def seed_reminders(*, manager: User) -> int:
    """One round of reminders to the overdue cadres of the manager's first commune, once."""
    if Reminder.objects.exists() or manager.commune_id is None:
        return 0
    commune = Commune.objects.get(pk=manager.commune_id)
    if not Enrollment.objects.filter(commune=commune, due_date__lt=timezone.localdate()).exists():
        return 0
    outcome = services.reminders_send(manager=manager, commune=commune, reason=Reminder.Reason.OVERDUE)
    return outcome.sent


def seed_reports(*, manager_username: str = "demo_manager") -> dict:
    manager = User.objects.filter(username=manager_username).first()
    targets = seed_targets(manager=manager) if manager else []
    reminders = seed_reminders(manager=manager) if manager else 0
    result = summaries.rebuild()
    return {"targets": len(targets), "reminders": reminders, "communes": result.communes, "seconds": result.seconds}
