"""Synthetic data at benchmark sizes (``manage.py seed_scale --size S|M|L|XL``), after Moodle's generator.

S = 100 cadres, M = 1,000, L = 10,000, XL = 100,000, spread at random over every current commune
(3,321 in 34 provinces once ``import_localities`` has run), with 20 real Wagtail courses of five
steps (four lessons and a quiz), teams, enrolments, step completions (over 1,000,000 at XL), quiz
attempts and issued certificates; then every summary row is rebuilt.

Rows go in with COPY on PostgreSQL (``reports.bulk``), in chunks of cadres so memory stays flat.
Everything synthetic is recognisable (usernames ``scale_…``, teams "Tổ thử tải …", the course
catalogue "khoa-hoc-thu-tai") and removed by ``--reset``. Running it again at the same size
changes nothing but the summaries.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from accounts.models import ManagerScope, Team, TeamMembership, Unit, User
from accounts.roles import CADRES, MANAGERS, TEAM_LEADERS
from certificates.codes import ALPHABET, LENGTH
from certificates.models import Certificate
from courses.models import CourseIndexPage, CoursePage, Enrollment, LessonPage, StepCompletion
from home.demo.people import FAMILY, GIVEN, MIDDLE, UNITS
from localities.models import Commune
from quizzes.models import Attempt, AttemptItem, Choice, Question, QuestionBank, QuizPage

from . import summaries
from .bulk import bulk_insert, insert_tuples
from .models import DigestLog, ExportJob, Notice, Reminder, ReminderSlot, Target

SIZES = {"S": 100, "M": 1_000, "L": 10_000, "XL": 100_000}
PREFIX = "scale_"
MANAGER_PREFIX = "scalemgr_"
TEAM_PREFIX = "Tổ thử tải"
INDEX_SLUG = "khoa-hoc-thu-tai"
COURSES = 20
LESSONS_PER_COURSE = 4
CHUNK = 10_000
DAYS = 180

# Names and units of synthetic people: the demo data's lists (home.demo.people), one source for both.
TOPICS = [
    "Kỹ năng số cơ bản",
    "Dịch vụ công trực tuyến",
    "An toàn thông tin",
    "Chữ ký số",
    "Định danh điện tử",
    "Thanh toán không dùng tiền mặt",
    "Tổ công nghệ số cộng đồng",
    "Nắm tình hình nhân dân trên mạng",
]


@dataclass
class ScaleResult:
    size: str
    cadres: int = 0
    teams: int = 0
    enrolments: int = 0
    step_completions: int = 0
    attempts: int = 0
    certificates: int = 0
    seconds: dict = field(default_factory=dict)
    skipped: bool = False


def _timed(result: ScaleResult, name: str, func: Callable):
    started = time.monotonic()
    value = func()
    result.seconds[name] = round(time.monotonic() - started, 1)
    return value


# --- Reset --------------------------------------------------------------------------------------------


def _raw_delete(queryset) -> None:
    queryset._raw_delete(queryset.db)


def reset() -> None:
    """Remove every synthetic row (not the courses, which are reused)."""
    users = User.objects.filter(username__startswith=PREFIX).values("pk")
    managers = User.objects.filter(username__startswith=MANAGER_PREFIX).values("pk")
    with transaction.atomic():
        # What the bench's manager may have left (nullable links), then the rows of the cadres.
        ExportJob.objects.filter(created_by_id__in=managers).update(created_by=None)
        Target.objects.filter(created_by_id__in=managers).update(created_by=None)
        Reminder.objects.filter(sent_by_id__in=managers).update(sent_by=None)
        _raw_delete(AttemptItem.objects.filter(attempt__user_id__in=users))
        _raw_delete(Attempt.objects.filter(user_id__in=users))
        _raw_delete(Certificate.objects.filter(user_id__in=users))
        _raw_delete(StepCompletion.objects.filter(user_id__in=users))
        _raw_delete(Enrollment.objects.filter(user_id__in=users))
        for model in (Notice, Reminder, ReminderSlot, DigestLog):
            _raw_delete(model.objects.filter(user_id__in=users))
        _raw_delete(TeamMembership.objects.filter(user_id__in=users))
        _raw_delete(TeamMembership.objects.filter(team__name__startswith=TEAM_PREFIX))
        _raw_delete(Team.objects.filter(name__startswith=TEAM_PREFIX))
        _raw_delete(ManagerScope.objects.filter(user_id__in=managers))
        through = User.groups.through
        _raw_delete(through.objects.filter(user_id__in=users))
        _raw_delete(through.objects.filter(user_id__in=managers))
        _raw_delete(User.objects.filter(username__startswith=PREFIX))
        _raw_delete(User.objects.filter(username__startswith=MANAGER_PREFIX))


# --- Courses ------------------------------------------------------------------------------------------


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def ensure_courses() -> list[tuple[CoursePage, list[int], int]]:
    """Twenty published courses of four lessons and a quiz, created once: (course, step ids, quiz id)."""
    index = CourseIndexPage.objects.filter(slug=INDEX_SLUG).first()
    if index is None:
        from home.models import HomePage

        parent = HomePage.objects.first() or Page.objects.get(depth=1)
        index = _publish(parent, CourseIndexPage(title="Khóa học thử tải (seed_scale)", slug=INDEX_SLUG))
    bank, _created = QuestionBank.objects.get_or_create(name="Ngân hàng thử tải")
    if not bank.questions.exists():
        for number in range(1, 6):
            question = Question(
                bank=bank,
                stem=f"<p>Câu hỏi thử tải số {number}?</p>",
                explanation="<p>Giải thích.</p>",
            )
            question.save()
            Choice.objects.bulk_create(
                [
                    Choice(question=question, text=f"Phương án {c}", is_correct=c == "A", sort_order=i)
                    for i, c in enumerate("ABCD")
                ]
            )
    courses = []
    existing = {c.slug: c for c in CoursePage.objects.child_of(index)}
    for number in range(1, COURSES + 1):
        slug = f"thu-tai-{number:02d}"
        course = existing.get(slug)
        if course is None:
            course = _publish(
                index,
                CoursePage(
                    title=f"{TOPICS[(number - 1) % len(TOPICS)]} – phần {(number - 1) // len(TOPICS) + 1} "
                    f"(thử tải {number})",
                    slug=slug,
                    intro="<p>Khóa học tạo bởi seed_scale.</p>",
                ),
            )
            for lesson in range(1, LESSONS_PER_COURSE + 1):
                _publish(
                    course,
                    LessonPage(
                        title=f"Bài {lesson}",
                        slug=f"bai-{lesson}",
                        body=[{"type": "paragraph", "value": f"<p>Nội dung bài {lesson}.</p>"}],
                    ),
                )
            quiz = QuizPage(title="Bài kiểm tra", slug="kiem-tra", question_count=5, pass_mark=60)
            quiz.banks = [bank]
            _publish(course, quiz)
        steps = list(course.get_children().order_by("path").values_list("pk", flat=True))
        quiz_id = QuizPage.objects.child_of(course).values_list("pk", flat=True).first()
        courses.append((course, steps, quiz_id))
    return courses


# --- People -------------------------------------------------------------------------------------------


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _code(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(LENGTH))


def seed(
    *,
    size: str,
    rng_seed: int = 2025,
    communes: list[int] | None = None,
    refresh: bool = True,
    progress: Callable[[str], None] | None = None,
) -> ScaleResult:
    total = SIZES[size]
    result = ScaleResult(size=size)
    say = progress or (lambda message: None)
    rng = random.Random(rng_seed)  # noqa: S311 - synthetic data, not security
    now = timezone.now()
    today = timezone.localdate()

    courses = _timed(result, "courses", ensure_courses)
    say(f"courses ready ({len(courses)})")
    commune_rows = list(
        Commune.objects.current()
        .filter(**({"pk__in": communes} if communes else {}))
        .values_list("pk", "name", "province_id")
    )
    commune_name = {pk: name for pk, name, _p in commune_rows}
    commune_ids = [pk for pk, _n, _p in commune_rows]
    units = [Unit.objects.get_or_create(name=name)[0].pk for name in UNITS]
    groups = dict(Group.objects.filter(name__in=[CADRES, TEAM_LEADERS, MANAGERS]).values_list("name", "pk"))

    # Cadres -------------------------------------------------------------------------------------------
    def make_users():
        people = []
        for index in range(total):
            joined = now - dt.timedelta(days=rng.uniform(DAYS + 10, DAYS + 200))
            people.append(
                User(
                    username=f"{PREFIX}{index:06d}",
                    password="!",  # noqa: S106 - an unusable password
                    full_name=_name(rng),
                    phone=f"+8497{index:07d}",
                    email=f"{PREFIX}{index:06d}@example.invalid" if rng.random() < 0.3 else "",
                    position="Cán bộ",
                    unit_id=rng.choice(units),
                    commune_id=rng.choice(commune_ids),
                    is_active=True,
                    date_joined=joined,
                )
            )
        with transaction.atomic():
            bulk_insert(User, people)
        return people

    people = _timed(result, "users", make_users)
    ids = dict(User.objects.filter(username__startswith=PREFIX).values_list("username", "pk"))
    for person in people:
        person.pk = ids[person.username]
    result.cadres = len(people)
    say(f"{len(people)} cadres")

    # Teams: one per commune with 3 cadres or more, a second one from 20; a third of the cadres are members.
    def make_teams():
        by_commune: dict[int, list[User]] = {}
        for person in people:
            by_commune.setdefault(person.commune_id, []).append(person)
        teams = []
        for commune_id, members in by_commune.items():
            if len(members) >= 3:
                teams.append(
                    Team(commune_id=commune_id, name=f"{TEAM_PREFIX} {commune_name[commune_id]}", created_at=now)
                )
            if len(members) >= 20:
                teams.append(
                    Team(commune_id=commune_id, name=f"{TEAM_PREFIX} thôn Đông", village="Thôn Đông", created_at=now)
                )
        with transaction.atomic():
            bulk_insert(Team, teams)
        team_ids: dict[int, list[int]] = {}
        for pk, commune_id in Team.objects.filter(name__startswith=TEAM_PREFIX).values_list("pk", "commune_id"):
            team_ids.setdefault(commune_id, []).append(pk)
        memberships, grants = [], []
        for commune_id, members in by_commune.items():
            for slot, team_id in enumerate(team_ids.get(commune_id, [])):
                chosen = [
                    m for i, m in enumerate(members) if i % len(team_ids[commune_id]) == slot and rng.random() < 0.35
                ]
                for position, member in enumerate(chosen):
                    leader = position == 0
                    memberships.append(
                        TeamMembership(
                            user_id=member.pk, team_id=team_id, role="leader" if leader else "member", joined_at=now
                        )
                    )
                    if leader:
                        grants.append(User.groups.through(user_id=member.pk, group_id=groups[TEAM_LEADERS]))
        grants += [User.groups.through(user_id=person.pk, group_id=groups[CADRES]) for person in people]
        with transaction.atomic():
            bulk_insert(TeamMembership, memberships)
            bulk_insert(User.groups.through, grants)
        return sum(len(v) for v in team_ids.values())

    result.teams = _timed(result, "teams", make_teams)
    say(f"{result.teams} teams")

    # Progress, chunk by chunk of cadres ---------------------------------------------------------------
    def make_progress():
        for start in range(0, len(people), CHUNK):
            _progress_chunk(people[start : start + CHUNK], courses, rng, now, today, commune_name, result)
            say(f"progress: {min(start + CHUNK, len(people))}/{len(people)} cadres")

    _timed(result, "progress", make_progress)

    # A province manager for the bench: the province with the most cadres.
    counts: dict[int, int] = {}
    province_of = {pk: province for pk, _n, province in commune_rows}
    for person in people:
        counts[province_of[person.commune_id]] = counts.get(province_of[person.commune_id], 0) + 1
    if counts:
        province_id = max(counts, key=counts.get)
        manager, _created = User.objects.get_or_create(
            username=f"{MANAGER_PREFIX}{province_id}", defaults={"full_name": "Quản lý thử tải", "password": "!"}
        )
        manager.groups.add(groups[MANAGERS])
        ManagerScope.objects.get_or_create(user=manager, province_id=province_id)

    _timed(result, "analyze", analyze)
    if refresh:
        rebuilt = _timed(result, "summaries", lambda: summaries.rebuild())
        say(f"summaries: {rebuilt.communes} communes, {rebuilt.rows} rows")
        _timed(result, "analyze", analyze)
    return result


def analyze() -> None:
    """Fresh planner statistics after bulk loads (PostgreSQL), as autovacuum would give them later:
    without them the first queries plan for the tables as they were, nearly empty."""
    if connection.vendor != "postgresql":
        return
    from .models import CourseTotal, DailyProgress, PeopleCount, TargetProgress

    models = [User, User.groups.through, Team, TeamMembership, Enrollment, StepCompletion, Attempt, Certificate]
    models += [DailyProgress, CourseTotal, PeopleCount, TargetProgress]
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


ENROLMENT_COLUMNS = [
    "user_id",
    "course_id",
    "course_key",
    "commune_id",
    "source",
    "due_date",
    "created_at",
    "started_at",
    "completed_at",
]
COMPLETION_COLUMNS = ["user_id", "step_id", "course_id", "completed_at"]
ATTEMPT_COLUMNS = [
    "user_id",
    "quiz_id",
    "course_key",
    "commune_id",
    "number",
    "status",
    "started_at",
    "submitted_at",
    "graded_at",
    "late",
    "snapshot",
    "answers",
    "score",
    "points_earned",
    "points_possible",
    "passed",
]
CERTIFICATE_COLUMNS = [
    "code",
    "user_id",
    "enrollment_id",
    "course_key",
    "course_id",
    "version",
    "full_name",
    "course_title",
    "hours",
    "commune_id",
    "commune_name",
    "issuer_name",
    "completed_on",
    "issued_on",
    "status",
    "created_at",
    "issued_at",
    "render_token",
    "render_attempts",
    "last_error",
    "revoke_reason",
    "revoke_note",
]
SELF, ASSIGNED = Enrollment.Source.SELF.value, Enrollment.Source.ASSIGNED.value
SUBMITTED, ISSUED = Attempt.Status.SUBMITTED.value, Certificate.Status.ISSUED.value


def _progress_chunk(people, courses, rng, now, today, commune_name, result) -> None:
    """Enrolments of a chunk of cadres, then their step completions, quiz attempts and certificates (tuples)."""
    enrolments, plans = [], []
    local = timezone.get_current_timezone()
    for person in people:
        picks = rng.sample(courses, k=rng.choice((2, 3, 3, 4, 4, 5, 5)))
        for course, steps, quiz_id in picks:
            created = now - dt.timedelta(days=rng.uniform(1, DAYS), seconds=rng.randint(0, 86_400))
            assigned = rng.random() < 0.4
            due = (created.astimezone(local).date() + dt.timedelta(days=rng.randint(20, 90))) if assigned else None
            roll = rng.random()
            started = completed = None
            done_steps = 0
            if roll >= 0.2:
                started = min(now, created + dt.timedelta(hours=rng.uniform(0.5, 72)))
                if roll >= 0.5:
                    done_steps = len(steps)
                    completed = min(now, started + dt.timedelta(days=rng.uniform(0.2, 30)))
                else:
                    done_steps = rng.randint(1, len(steps) - 1)
            enrolments.append(
                (
                    person.pk,
                    course.pk,
                    course.course_key,
                    person.commune_id,
                    ASSIGNED if assigned else SELF,
                    due,
                    created,
                    started,
                    completed,
                )
            )
            plans.append((person, course, steps, quiz_id, started, completed, done_steps))
    with transaction.atomic():
        insert_tuples(Enrollment, ENROLMENT_COLUMNS, enrolments)
    enrolment_ids = {
        (u, c): pk
        for u, c, pk in Enrollment.objects.filter(user_id__in=[p.pk for p in people]).values_list(
            "user_id", "course_id", "pk"
        )
    }
    completions, attempts, certificates = [], [], []
    for person, course, steps, quiz_id, started, completed, done_steps in plans:
        if not done_steps:
            continue
        end = completed or now
        span = max(60.0, (end - started).total_seconds())
        for position, step_id in enumerate(steps[:done_steps]):
            at = started + dt.timedelta(seconds=span * (position + 1) / (done_steps + 1))
            completions.append((person.pk, step_id, course.pk, at))
        reached_quiz = completed is not None or done_steps == len(steps) - 1
        if quiz_id and reached_quiz:
            tries = [completed is not None]
            if completed is not None and rng.random() < 0.3:
                tries = [False, True]
            for number, passed in enumerate(tries, start=1):
                score = rng.randint(60, 100) if passed else rng.randint(10, 59)
                submitted = min(end, started + dt.timedelta(seconds=span * number / (len(tries) + 1)))
                attempts.append(
                    (
                        person.pk,
                        quiz_id,
                        course.course_key,
                        person.commune_id,
                        number,
                        SUBMITTED,
                        submitted - dt.timedelta(minutes=8),
                        submitted,
                        submitted,
                        False,
                        [],
                        {},
                        score,
                        score / 20,
                        5,
                        passed,
                    )
                )
        if completed is not None:
            day = completed.astimezone(local).date()
            certificates.append(
                (
                    _code(rng),
                    person.pk,
                    enrolment_ids[(person.pk, course.pk)],
                    course.course_key,
                    course.pk,
                    1,
                    person.full_name,
                    course.title,
                    course.hours,
                    person.commune_id,
                    commune_name[person.commune_id],
                    "Ban Tuyên giáo và Dân vận",
                    day,
                    day,
                    ISSUED,
                    completed,
                    completed,
                    "",
                    0,
                    "",
                    "",
                    "",
                )
            )
    with transaction.atomic():
        insert_tuples(StepCompletion, COMPLETION_COLUMNS, completions)
        insert_tuples(Attempt, ATTEMPT_COLUMNS, attempts)
        insert_tuples(Certificate, CERTIFICATE_COLUMNS, certificates)
    result.enrolments += len(enrolments)
    result.step_completions += len(completions)
    result.attempts += len(attempts)
    result.certificates += len(certificates)


def existing_size() -> int:
    return User.objects.filter(username__startswith=PREFIX).count()
