"""Quizzes: submitting a fresh attempt (the grading path) and showing an open attempt.

``quiz-submit`` sends each POST once, on an attempt opened for it: every request grades
ten questions, writes the graded items and, on a cadre's first pass, completes the quiz
step through the courses progress service. The bench course has a required lesson the
bench cadres never finish, so no course completes and no certificate is rendered: what
is measured is grading, not PDF rendering. Attempts are opened in bulk by the factory
(outside the timed window) with snapshots drawn like ``quizzes.grading.draw_snapshot``.
"""

import random
import secrets
from urllib.parse import quote

from bench.helpers import cookie_header, csrf_pair, form_post, session_cookie
from bench.scenarios import Request, Scenario, register

COURSE_SLUG = "bench-quiz"
USER_PREFIX = "bench_quiz_"
QUESTIONS = 10


def _setup(ctx):
    if "quiz" in ctx.state:
        return
    from django.db import transaction

    from accounts.models import User
    from courses.models import CourseIndexPage, CoursePage, LessonPage
    from quizzes.models import Choice, Question, QuestionBank, QuizPage, ReviewPolicy

    with transaction.atomic():
        index = CourseIndexPage.objects.first()
        course = CoursePage.objects.filter(slug=COURSE_SLUG).first()
        if course is None:
            course = CoursePage(title="Khóa học đo hiệu năng bài kiểm tra", slug=COURSE_SLUG, intro="<p>Bench.</p>")
            index.add_child(instance=course)
            course.save_revision().publish()
            lesson = LessonPage(title="Bài học chưa học", slug="bai-hoc", body=[])
            course.add_child(instance=lesson)
            lesson.save_revision().publish()
        bank, created = QuestionBank.objects.get_or_create(name="Ngân hàng đo hiệu năng")
        if created:
            for number in range(1, 31):
                question = Question(
                    bank=bank,
                    kind=Question.Kind.MULTIPLE if number % 3 == 0 else Question.Kind.SINGLE,
                    stem=f"<p>Câu hỏi đo hiệu năng số {number}?</p>",
                    explanation="<p>Giải thích.</p>",
                )
                question.save()
                Choice.objects.bulk_create(
                    [
                        Choice(
                            question=question, text=f"Lựa chọn {n}", is_correct=n in (0, 2 if number % 3 == 0 else 0)
                        )
                        for n in range(4)
                    ]
                )
        quiz = QuizPage.objects.child_of(course).first()
        if quiz is None:
            quiz = QuizPage(
                title="Bài kiểm tra đo hiệu năng",
                slug="bai-kiem-tra",
                question_count=QUESTIONS,
                pass_mark=60,
                time_limit_seconds=3600,
                attempt_limit=0,
                min_wait_seconds=0,
                review_policy=ReviewPolicy.AFTER_SUBMIT,
            )
            quiz.banks = [bank]
            course.add_child(instance=quiz)
            quiz.save_revision().publish()
        taker, _ = User.objects.get_or_create(username=f"{USER_PREFIX}taker", defaults={"full_name": "Bench taker"})
    candidates = list(Question.objects.filter(bank=bank).values_list("pk", "kind"))
    choices, correct = {}, {}
    for choice_id, question_id, is_correct in Choice.objects.filter(question__bank=bank).values_list(
        "pk", "question_id", "is_correct"
    ):
        choices.setdefault(question_id, []).append(choice_id)
        if is_correct:
            correct.setdefault(question_id, set()).add(choice_id)
    ctx.state["quiz"] = {
        "quiz": quiz,
        "course": course,
        "candidates": candidates,
        "choices": choices,
        "correct": correct,
        "users": [],
        "cookies": {},
        "rng": random.Random(7),  # noqa: S311 - load data, not security
    }
    _enrol([taker], course)
    from quizzes import services

    attempt = services.attempt_start(user=taker, quiz=quiz)
    ctx.state["quiz"]["take"] = (quote(f"/learn/quizzes/attempts/{attempt.pk}/"), cookie_header(session_cookie(taker)))


def _enrol(users, course):
    from courses.models import Enrollment

    Enrollment.objects.bulk_create(
        [Enrollment(user=user, course=course, course_key=course.course_key) for user in users], ignore_conflicts=True
    )


def _users(state, count):
    """At least ``count`` bench cadres, enrolled, each with a logged-in session."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    have = len(state["users"])
    if have < count:
        names = [f"{USER_PREFIX}{n:05d}" for n in range(have, count)]
        password = make_password(None)
        User.objects.bulk_create(
            [User(username=name, full_name=f"Cán bộ đo hiệu năng {name[-5:]}", password=password) for name in names],
            ignore_conflicts=True,
        )
        new = list(User.objects.filter(username__in=names).order_by("username"))
        _enrol(new, state["course"])
        for user in new:
            state["cookies"][user.pk] = session_cookie(user)
        state["users"].extend(new)
    return state["users"][:count]


def _token(taken):
    while True:
        token = secrets.token_urlsafe(6)
        if token not in taken:
            taken.add(token)
            return token


def _snapshot(state):
    rng = state["rng"]
    taken: set[str] = set()
    items = []
    for question_id, kind in rng.sample(state["candidates"], QUESTIONS):
        order = list(state["choices"][question_id])
        rng.shuffle(order)
        items.append(
            {"q": question_id, "t": _token(taken), "m": kind == "multiple", "c": [[c, _token(taken)] for c in order]}
        )
    return items


def _fresh_attempts(state, users):
    """One new open attempt per cadre (any attempt left open by an earlier phase is closed first)."""
    from django.db.models import Max
    from django.utils import timezone

    from quizzes.models import Attempt

    quiz = state["quiz"]
    now = timezone.now()
    Attempt.objects.filter(quiz=quiz, user__in=users, status=Attempt.Status.OPEN).update(
        status=Attempt.Status.EXPIRED, score=0, passed=False, submitted_at=now, graded_at=now
    )
    last = dict(
        Attempt.objects.filter(quiz=quiz, user__in=users)
        .values("user_id")
        .annotate(n=Max("number"))
        .values_list("user_id", "n")
    )
    deadline = now + quiz.time_limit
    attempts = [
        Attempt(
            user=user,
            quiz=quiz,
            course_key=state["course"].course_key,
            number=last.get(user.pk, 0) + 1,
            started_at=now,
            deadline=deadline,
            snapshot=_snapshot(state),
        )
        for user in users
    ]
    return Attempt.objects.bulk_create(attempts, batch_size=500)


def _answers(state, attempt):
    rng = state["rng"]
    fields = []
    for item in attempt.snapshot:
        good = state["correct"].get(item["q"], set())
        right = rng.random() < 0.7
        tokens = [t for c, t in item["c"] if (c in good) is right]
        fields.extend((f"q-{item['t']}", token) for token in (tokens if right else tokens[:1]))
    return fields


def _submissions(ctx):
    state = ctx.state["quiz"]
    users = _users(state, ctx.pool_size())
    csrf_cookie, token = csrf_pair()
    requests = []
    for attempt in _fresh_attempts(state, users):
        body, headers = form_post([("csrfmiddlewaretoken", token), *_answers(state, attempt)])
        headers |= cookie_header(state["cookies"][attempt.user_id], csrf_cookie)
        requests.append(Request("POST", f"/learn/quizzes/attempts/{attempt.pk}/submit/", headers, body))
    return requests


register(
    Scenario(
        name="quiz-submit",
        description=f"POST a quiz submission on a fresh attempt: grade {QUESTIONS} questions, record items, complete",
        setup=_setup,
        requests=_submissions,
        expect_status=302,
        reuse=False,
    )
)

register(
    Scenario(
        name="quiz-take",
        description=f"GET an open attempt ({QUESTIONS} questions, choices by token, no answer key)",
        setup=_setup,
        requests=lambda ctx: [Request("GET", ctx.state["quiz"]["take"][0], ctx.state["quiz"]["take"][1])],
    )
)
