"""Demo courses (content in ``home.demo.content``) and demo progress that makes the dashboards speak."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses import services
from courses.models import CourseIndexPage, CoursePage, Enrollment, LessonPage, PracticePage, StepPage
from courses.permissions import grant_trainer_course_tree
from home.models import HomePage

from .content import COURSES

INDEX_SLUG = "khoa-hoc"


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _course_fields(data: dict) -> dict:
    return {
        "title": data["title"],
        "intro": data["intro"],
        "outcomes": data["outcomes"],
        "topic": data["topic"],
        "level": data["level"],
        "audience": data["audience"],
        "estimated_minutes": data["estimated_minutes"],
        "hours": data["hours"],
        "sequential": data["sequential"],
    }


def _step(data: dict) -> StepPage:
    common = {
        "title": data["title"],
        "slug": data["slug"],
        "estimated_minutes": data.get("estimated_minutes", 10),
        "is_required": data.get("is_required", True),
    }
    if data["kind"] == "lesson":
        return LessonPage(summary=data.get("summary", ""), body=data["body"], **common)
    return PracticePage(
        instructions=data["instructions"],
        checklist=[{"type": "item", "value": item} for item in data["checklist"]],
        completion=data["completion"],
        evidence_hint=data.get("evidence_hint", ""),
        **common,
    )


@transaction.atomic
def seed_courses() -> list[CoursePage]:
    """Create the demo catalogue and courses where missing. Pages trainers edited are left as they are."""
    home = HomePage.objects.get()
    index = CourseIndexPage.objects.filter(slug=INDEX_SLUG).first()
    if index is None:
        index = _publish(
            home,
            CourseIndexPage(
                title="Khóa học",
                slug=INDEX_SLUG,
                intro="<p>Các khóa học kỹ năng số dành cho cán bộ cơ sở và Tổ công nghệ số cộng đồng.</p>",
            ),
        )
    courses = []
    for data in COURSES:
        course = CoursePage.objects.child_of(index).filter(slug=data["slug"]).first()
        if course is None:
            course = _publish(index, CoursePage(slug=data["slug"], **_course_fields(data)))
        existing = set(StepPage.objects.child_of(course).values_list("slug", flat=True))
        for step in data["steps"]:
            if step["slug"] not in existing:
                _publish(course, _step(step))
        courses.append(course)
    from django.contrib.auth.models import Group

    grant_trainer_course_tree(Group.objects.get(name="Trainers"))
    return courses


# How far along each demo commune is in each course: some ahead, some behind their targets.
COMMUNE_PACE = [0.9, 0.75, 0.55, 0.4, 0.2, 0.05]


@transaction.atomic
def seed_progress(*, courses: list[CoursePage], manager: User) -> None:
    """Assignments and progress for the synthetic cadres ("canbo_…"), deterministic and idempotent."""
    rng = random.Random(2025)  # noqa: S311 - demo data, not security
    cadres = list(User.objects.filter(username__startswith="canbo_").select_related("commune").order_by("username"))
    communes = sorted({c.commune for c in cadres if c.commune}, key=lambda commune: commune.code)
    due = timezone.localdate() + datetime.timedelta(days=45)
    main, security = courses[0], courses[1]
    for commune in communes:
        if not Enrollment.objects.filter(course=main, commune=commune, source=Enrollment.Source.ASSIGNED).exists():
            services.course_assign(manager=manager, course=main, due_date=due, commune=commune)
    for cadre in cadres:
        pace = COMMUNE_PACE[communes.index(cadre.commune) % len(COMMUNE_PACE)]
        for course in (main, security):
            if course is security and rng.random() > pace:
                continue
            if not Enrollment.objects.filter(user=cadre, course=course).exists() or course is main:
                services.enrollment_create(user=cadre, course=course)
            steps = list(services.live_steps(course).specific())
            share = pace if rng.random() < 0.8 else pace / 2
            for step in steps[: round(len(steps) * share)] if share < 0.85 else steps:
                if not step.is_required and rng.random() < 0.5:
                    continue
                services.step_complete(user=cadre, step=step)
    # A few cadres are overdue: their due date has passed and they have not finished.
    overdue = Enrollment.objects.filter(course=main, completed_at__isnull=True).order_by("user__username")[:4]
    Enrollment.objects.filter(pk__in=[e.pk for e in overdue]).update(
        due_date=timezone.localdate() - datetime.timedelta(days=7)
    )


def seed_demo_cadre(*, cadre: User, courses: list[CoursePage]) -> None:
    """The demo cadre is half-way through the security course and has not started the basics course."""
    security = courses[1]
    services.enrollment_create(user=cadre, course=security)
    for step in list(services.live_steps(security))[:2]:
        services.step_complete(user=cadre, step=step)
