"""Reads for quiz pages, results and dashboards, each in a fixed number of queries.

Nothing here returns a correct flag or an explanation for an attempt that is
still open: ``take_context`` does not even load them, and ``result_context``
loads them only once the review policy allows (checked here, on the server).
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Max, Prefetch, Q, Sum, When
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model

from courses.models import CoursePage

from .grading import field_name, selected_tokens
from .models import Attempt, AttemptItem, Choice, Question, QuizPage, ReviewPolicy
from .services import next_start_at

GRADED = (Attempt.Status.SUBMITTED, Attempt.Status.EXPIRED)
IMAGE_SPEC = "max-800x600"


def _questions_with_images(question_ids, *fields):
    images = get_image_model().objects.prefetch_renditions(IMAGE_SPEC)
    return {
        question.pk: question
        for question in Question.objects.filter(pk__in=question_ids)
        .only("pk", "kind", "image", *fields)
        .prefetch_related(Prefetch("image", queryset=images))
    }


# --- The quiz page --------------------------------------------------------------------------------


@dataclass
class AttemptRow:
    attempt: Attempt
    url: str
    show_score: bool


@dataclass
class QuizState:
    quiz: QuizPage
    rows: list[AttemptRow] = field(default_factory=list)
    open_attempt: Attempt | None = None
    best_score: Decimal | None = None
    passed: bool = False
    used: int = 0
    left: int | None = None
    can_start: bool = False
    blocked: str = ""  # "not_open" | "closed" | "limit" | "wait" | ""
    next_start_at: object = None
    wait_seconds: int = 0
    show_scores: bool = True


def quiz_state(*, quiz: QuizPage, user) -> QuizState:
    """The cadre's attempts on a quiz and whether they may start one now. One query."""
    state = QuizState(quiz=quiz, show_scores=quiz.review_policy != ReviewPolicy.NOTHING)
    if not user.is_authenticated:
        return state
    now = timezone.now()
    attempts = list(Attempt.objects.filter(user=user, quiz=quiz).defer("snapshot", "answers").order_by("-number"))
    graded = [a for a in attempts if a.is_graded]
    state.rows = [
        AttemptRow(attempt=a, url=reverse("quizzes:result", args=[a.pk]), show_score=state.show_scores) for a in graded
    ]
    state.open_attempt = next((a for a in attempts if a.is_open), None)
    state.used = len(attempts)
    state.passed = any(a.passed for a in graded)
    if graded:
        state.best_score = max(a.score for a in graded)
    if quiz.attempt_limit:
        state.left = max(0, quiz.attempt_limit - state.used)
    last_end = max((a.submitted_at for a in graded), default=None)
    state.next_start_at = next_start_at(quiz, last_end)
    if state.open_attempt is not None:
        state.can_start = True
    elif quiz.opens_at and now < quiz.opens_at:
        state.blocked = "not_open"
    elif quiz.closes_at and now >= quiz.closes_at:
        state.blocked = "closed"
    elif state.left == 0:
        state.blocked = "limit"
    elif state.next_start_at and now < state.next_start_at:
        state.blocked = "wait"
        state.wait_seconds = math.ceil((state.next_start_at - now).total_seconds())
    else:
        state.can_start = True
    return state


# --- Taking an attempt ----------------------------------------------------------------------------


@dataclass
class TakeChoice:
    token: str
    text: str
    checked: bool


@dataclass
class TakeQuestion:
    number: int
    name: str
    stem: str
    image: object
    multiple: bool
    choices: list[TakeChoice]


def take_context(*, attempt: Attempt, now=None) -> dict:
    """The attempt's questions and choices in its own order, by token. No correct flag is loaded.

    Two queries (three with images), whatever the number of questions.
    """
    now = now or timezone.now()
    snapshot = attempt.snapshot
    question_ids = [item["q"] for item in snapshot]
    questions = _questions_with_images(question_ids, "stem")
    texts = dict(Choice.objects.filter(question_id__in=question_ids).values_list("pk", "text"))
    chosen = selected_tokens(snapshot, attempt.answers or {})
    items = []
    for item in snapshot:
        question = questions.get(item["q"])
        if question is None:
            continue
        items.append(
            TakeQuestion(
                number=len(items) + 1,
                name=field_name(item),
                stem=question.stem,
                image=question.image,
                multiple=bool(item.get("m")),
                choices=[
                    TakeChoice(token=token, text=texts[choice_id], checked=token in chosen)
                    for choice_id, token in item["c"]
                    if choice_id in texts
                ],
            )
        )
    return {
        "attempt": attempt,
        "questions": items,
        "answered": sum(1 for item in items if any(c.checked for c in item.choices)),
        "remaining_seconds": attempt.remaining_seconds(now),
    }


# --- Results and review ---------------------------------------------------------------------------


def review_allows_answers(*, quiz: QuizPage, passed_any: bool, now) -> bool:
    """May a cadre see the correct answers and explanations of a graded attempt?"""
    policy = quiz.review_policy
    if policy == ReviewPolicy.AFTER_SUBMIT:
        return True
    if policy == ReviewPolicy.AFTER_PASS:
        return passed_any
    if policy == ReviewPolicy.AFTER_CLOSE:
        return bool(quiz.closes_at and now >= quiz.closes_at)
    return False


@dataclass
class ReviewChoice:
    text: str
    chosen: bool
    correct: bool


@dataclass
class ReviewQuestion:
    number: int
    stem: str
    image: object
    multiple: bool
    choices: list[ReviewChoice]
    explanation: str
    credit: Decimal

    @property
    def is_correct(self) -> bool:
        return self.credit == 1

    @property
    def is_partial(self) -> bool:
        return 0 < self.credit < 1


def result_context(*, attempt: Attempt, now=None) -> dict:
    """A graded attempt as its review policy allows: outcome, score, and answers with explanations."""
    assert attempt.is_graded, "an open attempt has no result"
    now = now or timezone.now()
    quiz = attempt.quiz
    show_score = quiz.review_policy != ReviewPolicy.NOTHING
    passed_any = attempt.passed
    if quiz.review_policy == ReviewPolicy.AFTER_PASS and not passed_any:
        passed_any = Attempt.objects.filter(user_id=attempt.user_id, quiz=quiz, passed=True).exists()
    show_answers = review_allows_answers(quiz=quiz, passed_any=passed_any, now=now)
    context = {
        "attempt": attempt,
        "quiz_page": quiz,
        "show_score": show_score,
        "show_answers": show_answers,
        "review": [],
        "review_later": quiz.review_policy in (ReviewPolicy.AFTER_PASS, ReviewPolicy.AFTER_CLOSE) and not show_answers,
    }
    if not show_answers:
        return context
    question_ids = [item["q"] for item in attempt.snapshot]
    questions = _questions_with_images(question_ids, "stem", "explanation")
    choices = {
        pk: (text, is_correct)
        for pk, text, is_correct in Choice.objects.filter(question_id__in=question_ids).values_list(
            "pk", "text", "is_correct"
        )
    }
    credits = dict(AttemptItem.objects.filter(attempt=attempt).values_list("question_id", "credit"))
    answers = attempt.answers or {}
    for item in attempt.snapshot:
        question = questions.get(item["q"])
        if question is None:
            continue
        picked = set(answers.get(str(item["q"]), ()))
        context["review"].append(
            ReviewQuestion(
                number=len(context["review"]) + 1,
                stem=question.stem,
                image=question.image,
                multiple=bool(item.get("m")),
                choices=[
                    ReviewChoice(text=choices[choice_id][0], chosen=choice_id in picked, correct=choices[choice_id][1])
                    for choice_id, _token in item["c"]
                    if choice_id in choices
                ],
                explanation=question.explanation,
                credit=credits.get(item["q"], Decimal(0)),
            )
        )
    return context


@dataclass
class HistoryRow:
    attempt: Attempt
    course: CoursePage | None
    show_score: bool


def my_attempts(*, user) -> list[HistoryRow]:
    """Every attempt of a cadre, newest first, with its quiz and course. Two queries."""
    attempts = list(
        Attempt.objects.filter(user=user).select_related("quiz").defer("snapshot", "answers").order_by("-started_at")
    )
    parent_paths = {a.quiz.path[: -QuizPage.steplen] for a in attempts}
    courses = {c.path: c for c in CoursePage.objects.filter(path__in=parent_paths)} if parent_paths else {}
    return [
        HistoryRow(
            attempt=a,
            course=courses.get(a.quiz.path[: -QuizPage.steplen]),
            show_score=a.quiz.review_policy != ReviewPolicy.NOTHING,
        )
        for a in attempts
    ]


# --- Dashboards -----------------------------------------------------------------------------------


def commune_quiz_stats(*, commune_ids=None, course_key=None, since=None, until=None) -> list[dict]:
    """Per commune: graded attempts, cadres who took a quiz, cadres who passed, pass rate, average best score.

    One query, whatever the number of attempts or communes. Each attempt counts in
    the commune the cadre belonged to when taking it; a cadre's best score and
    pass are taken over their attempts there. ``since``/``until`` (aware datetimes)
    bound when the attempt ended. Rows are ordered by commune id:
    ``{"commune_id", "attempts", "takers", "passers", "pass_rate", "avg_best_score"}``
    (``pass_rate`` from 0 to 1, ``avg_best_score`` in percent). Quizzes of every
    course count unless ``course_key`` names one.
    """
    attempts = Attempt.objects.filter(status__in=GRADED, commune__isnull=False)
    if commune_ids is not None:
        attempts = attempts.filter(commune_id__in=list(commune_ids))
    if course_key is not None:
        attempts = attempts.filter(course_key=course_key)
    if since is not None:
        attempts = attempts.filter(submitted_at__gte=since)
    if until is not None:
        attempts = attempts.filter(submitted_at__lt=until)
    per_cadre = (
        attempts.values(c=F("commune_id"), u=F("user_id"))
        .annotate(
            n=Count("id"),
            best=Max("score"),
            ok=Max(Case(When(passed=True, then=1), default=0, output_field=IntegerField())),
        )
        .order_by()
    )
    sql, params = per_cadre.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c, SUM(n), COUNT(*), SUM(ok), AVG(best) FROM ({sql}) per_cadre GROUP BY c ORDER BY c",  # noqa: S608
            params,
        )
        rows = cursor.fetchall()
    return [
        {
            "commune_id": commune_id,
            "attempts": int(n_attempts),
            "takers": int(takers),
            "passers": int(passers or 0),
            "pass_rate": round(int(passers or 0) / int(takers), 4) if takers else 0.0,
            "avg_best_score": round(float(avg_best), 2) if avg_best is not None else None,
        }
        for commune_id, n_attempts, takers, passers, avg_best in rows
    ]


# --- Item analysis (trainers) ---------------------------------------------------------------------

MIN_ATTEMPTS_FOR_DISCRIMINATION = 20
MIN_GROUP_ANSWERS = 5
GROUP_SHARE = 0.27


@dataclass
class ItemRow:
    question_id: int
    text: str
    answers: int
    correct: int
    upper: int
    upper_correct: int
    lower: int
    lower_correct: int
    enough_data: bool

    @property
    def facility(self) -> float | None:
        return self.correct / self.answers if self.answers else None

    @property
    def discrimination(self) -> float | None:
        if not self.enough_data:
            return None
        return self.upper_correct / self.upper - self.lower_correct / self.lower


@dataclass
class ItemAnalysis:
    quiz: QuizPage
    graded: int
    takers: int
    passers: int
    average: float | None
    rows: list[ItemRow]
    has_discrimination: bool


def item_analysis(*, quiz: QuizPage) -> ItemAnalysis:
    """Per question drawn in a quiz: how many answered it, the share correct and a discrimination index.

    The discrimination index is the upper-lower index: the share correct among the
    attempts in the top 27 % by score minus the share in the bottom 27 %. It needs
    at least 20 graded attempts, and 5 answers to the question in each group.
    A fixed number of queries, whatever the number of attempts.
    """
    graded = Attempt.objects.filter(quiz=quiz, status__in=GRADED)
    totals = graded.aggregate(
        n=Count("id"),
        takers=Count("user_id", distinct=True),
        average=Sum("score"),
    )
    passers = graded.filter(passed=True).values("user_id").distinct().count()
    n = totals["n"] or 0
    hi = lo = None
    if n >= MIN_ATTEMPTS_FOR_DISCRIMINATION:
        k = max(1, math.ceil(GROUP_SHARE * n))
        scores = graded.order_by("score").values_list("score", flat=True)
        lo, hi = scores[k - 1], scores[n - k]
        if lo >= hi:  # everyone scored alike: the groups cannot be told apart
            hi = lo = None
    enough = hi is not None
    aggregates = {
        "answers": Count("id"),
        "right": Count("id", filter=Q(correct=True)),
    }
    if enough:
        aggregates |= {
            "upper": Count("id", filter=Q(attempt__score__gte=hi)),
            "upper_right": Count("id", filter=Q(attempt__score__gte=hi, correct=True)),
            "lower": Count("id", filter=Q(attempt__score__lte=lo)),
            "lower_right": Count("id", filter=Q(attempt__score__lte=lo, correct=True)),
        }
    per_question = (
        AttemptItem.objects.filter(attempt__quiz=quiz, attempt__status__in=GRADED)
        .values("question_id", "question__stem_text")
        .annotate(**aggregates)
        .order_by("question_id")
    )
    rows = []
    for row in per_question:
        upper, lower = row.get("upper", 0), row.get("lower", 0)
        rows.append(
            ItemRow(
                question_id=row["question_id"],
                text=row["question__stem_text"],
                answers=row["answers"],
                correct=row["right"],
                upper=upper,
                upper_correct=row.get("upper_right", 0),
                lower=lower,
                lower_correct=row.get("lower_right", 0),
                enough_data=enough and upper >= MIN_GROUP_ANSWERS and lower >= MIN_GROUP_ANSWERS,
            )
        )
    rows.sort(key=lambda r: (r.facility if r.facility is not None else 2, r.question_id))
    return ItemAnalysis(
        quiz=quiz,
        graded=n,
        takers=totals["takers"] or 0,
        passers=passers,
        average=round(float(totals["average"]) / n, 2) if n else None,
        rows=rows,
        has_discrimination=enough,
    )


def quiz_summaries() -> list[dict]:
    """Every quiz with its graded attempts, cadres and passers, for the trainers' results index. Two queries."""
    quizzes = list(QuizPage.objects.order_by("path"))
    counts = {
        row["quiz_id"]: row
        for row in Attempt.objects.filter(status__in=GRADED)
        .values("quiz_id")
        .annotate(
            graded=Count("id"),
            takers=Count("user_id", distinct=True),
            passers=Count("user_id", distinct=True, filter=Q(passed=True)),
        )
        .order_by()
    }
    return [
        {
            "quiz": quiz,
            "graded": counts.get(quiz.pk, {}).get("graded", 0),
            "takers": counts.get(quiz.pk, {}).get("takers", 0),
            "passers": counts.get(quiz.pk, {}).get("passers", 0),
        }
        for quiz in quizzes
    ]
