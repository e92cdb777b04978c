"""Progress rows for report tests, written straight into the tables (fast, and any date we like)."""

import datetime as dt

from django.utils import timezone

from certificates.codes import new_code
from certificates.models import Certificate
from courses.models import Enrollment
from quizzes.models import Attempt
from tests.courses.builders import build_course
from tests.quizzes.builders import build_bank, build_quiz

NOW = None


def now():
    return timezone.now()


def course(title="Kỹ năng số cơ bản", *, quiz=False, lessons=2):
    built, steps = build_course(title=title, lessons=lessons)
    if quiz:
        bank = build_bank(name=f"Ngân hàng {title}", questions=3)
        steps.append(build_quiz(built, banks=[bank], slug="kiem-tra", question_count=3))
    return built, steps


def enrol(
    user,
    course_page,
    *,
    days_ago=10,
    started=False,
    completed=False,
    due_in=None,
    assigned=False,
    commune=None,
    withdrawn=False,
):
    created = timezone.now() - dt.timedelta(days=days_ago)
    return Enrollment.objects.create(
        user=user,
        course=course_page,
        course_key=course_page.course_key,
        commune=commune if commune is not None else user.commune,
        source=Enrollment.Source.ASSIGNED if assigned else Enrollment.Source.SELF,
        due_date=(timezone.localdate() + dt.timedelta(days=due_in)) if due_in is not None else None,
        created_at=created,
        started_at=created + dt.timedelta(hours=1) if (started or completed) else None,
        completed_at=created + dt.timedelta(days=1) if completed else None,
        withdrawn_at=timezone.now() if withdrawn else None,
    )


def certify(user, course_page, *, status=Certificate.Status.ISSUED):
    return Certificate.objects.create(
        code=new_code(),
        user=user,
        course_key=course_page.course_key,
        course=course_page,
        full_name=user.full_name,
        course_title=course_page.title,
        hours=4,
        commune=user.commune,
        commune_name=user.commune.name if user.commune else "",
        issuer_name="Ban Tuyên giáo và Dân vận",
        completed_on=timezone.localdate(),
        issued_on=timezone.localdate(),
        status=status,
        issued_at=timezone.now(),
    )


def attempt(user, quiz, course_page, *, score, passed, number=1):
    moment = timezone.now() - dt.timedelta(hours=2)
    return Attempt.objects.create(
        user=user,
        quiz=quiz,
        course_key=course_page.course_key,
        commune=user.commune,
        number=number,
        status=Attempt.Status.SUBMITTED,
        started_at=moment,
        submitted_at=moment + dt.timedelta(minutes=5),
        score=score,
        passed=passed,
    )
