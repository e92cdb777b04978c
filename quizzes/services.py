"""Writes with rules for quizzes: starting, autosaving, submitting and closing attempts.

Score policy: **the best attempt counts**. An attempt passes when its score
reaches the quiz's pass mark at the moment it is graded; the first passing
attempt completes the step through ``courses.services.step_complete`` inside the
grading transaction, and nothing later (a weaker attempt, a changed pass mark)
takes the completion back. Statistics use each cadre's best score.

Races: an attempt is graded by one conditional UPDATE (``status = open`` →
graded), so a double submit, two tabs, a replayed form and the expiry sweeper
racing the cadre all end in exactly one graded attempt. A partial unique
constraint allows one open attempt per cadre and quiz; attempt numbers are unique
per cadre and quiz, which also holds the attempt limit when two starts race.

Time: the deadline is the start plus the time limit (capped at the close date).
Answers are accepted until the deadline plus a small grace
(``KNS_QUIZ_GRACE_SECONDS``, 15 s by default). A submission after that is
recorded as late and graded on the answers saved in time; an attempt nobody
submits is closed and graded on its saved answers by the periodic sweep or on the
cadre's next visit, whichever comes first.
"""

import datetime
import logging
import random

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from courses.models import StepCompletion
from courses.page_cache import course_at
from courses.services import NOT_ENROLLED, active_enrollment, course_of, ensure_unlocked, step_complete

from .grading import Grade, draw_snapshot, grade_answers, parse_answers
from .models import Attempt, AttemptItem, QuizPage, grace_seconds

logger = logging.getLogger(__name__)

NOT_OPEN_YET = _("Bài kiểm tra chưa mở. Hãy quay lại từ %(when)s.")
CLOSED = _("Bài kiểm tra đã đóng.")
NO_ATTEMPTS_LEFT = _("Bạn đã dùng hết số lần làm bài kiểm tra này.")
NO_QUESTIONS = _("Bài kiểm tra chưa có câu hỏi. Hãy báo cho giảng viên phụ trách khóa học.")
TRY_AGAIN = _("Không bắt đầu được lần làm bài mới. Hãy thử lại.")
ATTEMPT_CLOSED = _("Lần làm bài này đã kết thúc, không thể lưu thêm câu trả lời.")


def _wait_message(seconds: int) -> str:
    minutes, rest = divmod(max(1, seconds), 60)
    if minutes:
        return ngettext(
            "Bạn cần chờ thêm %(count)d phút nữa mới được làm lại.",
            "Bạn cần chờ thêm %(count)d phút nữa mới được làm lại.",
            minutes + (1 if rest else 0),
        ) % {"count": minutes + (1 if rest else 0)}
    return ngettext(
        "Bạn cần chờ thêm %(count)d giây nữa mới được làm lại.",
        "Bạn cần chờ thêm %(count)d giây nữa mới được làm lại.",
        rest,
    ) % {"count": rest}


def _grace() -> datetime.timedelta:
    return datetime.timedelta(seconds=grace_seconds())


def _deadline(quiz: QuizPage, start: datetime.datetime) -> datetime.datetime | None:
    ends = [moment for moment in (quiz.time_limit and start + quiz.time_limit, quiz.closes_at) if moment]
    return min(ends) if ends else None


def next_start_at(quiz: QuizPage, last_submitted_at: datetime.datetime | None) -> datetime.datetime | None:
    if not quiz.min_wait_seconds or last_submitted_at is None:
        return None
    return last_submitted_at + datetime.timedelta(seconds=quiz.min_wait_seconds)


# --- Starting -----------------------------------------------------------------------------------


def attempt_start(
    *, user: User, quiz: QuizPage, rng: random.Random | None = None, now: datetime.datetime | None = None
) -> Attempt:
    """Start an attempt, or return the one already open (resuming is not a new attempt).

    Checks, on the server: enrolled and step unlocked, the open and close dates,
    the attempt limit and the minimum wait since the last graded attempt. ``now``
    is for demo data and imports of past results; requests never pass it.

    The checks read outside any transaction and the INSERT is a transaction of its
    own: the constraints (one open attempt, unique numbers) settle races, and SQLite
    never has to upgrade a read lock to a write lock under load.
    """
    course = course_of(quiz)
    if active_enrollment(user=user, course=course) is None:
        raise PermissionDenied(NOT_ENROLLED)
    ensure_unlocked(user=user, step=quiz, course=course)
    now = now or timezone.now()
    attempts_close_expired(user=user, quiz=quiz, now=now)

    open_attempt = Attempt.objects.filter(user=user, quiz=quiz, status=Attempt.Status.OPEN).first()
    if open_attempt is not None:
        return open_attempt

    if quiz.opens_at and now < quiz.opens_at:
        raise ValidationError(
            NOT_OPEN_YET % {"when": date_format(timezone.localtime(quiz.opens_at), "SHORT_DATETIME_FORMAT")},
            code="not_open",
        )
    if quiz.closes_at and now >= quiz.closes_at:
        raise ValidationError(CLOSED, code="closed")
    history = Attempt.objects.filter(user=user, quiz=quiz).aggregate(last=Max("number"), ended=Max("submitted_at"))
    number = (history["last"] or 0) + 1
    if quiz.attempt_limit and number > quiz.attempt_limit:
        raise ValidationError(NO_ATTEMPTS_LEFT, code="limit")
    allowed_at = next_start_at(quiz, history["ended"])
    if allowed_at and now < allowed_at:
        raise ValidationError(_wait_message(int((allowed_at - now).total_seconds()) + 1), code="wait")

    snapshot = draw_snapshot(quiz, rng)
    if not snapshot:
        raise ValidationError(NO_QUESTIONS, code="empty")
    attempt = Attempt(
        user=user,
        quiz=quiz,
        course_key=course.course_key,
        commune_id=user.commune_id,
        number=number,
        started_at=now,
        deadline=_deadline(quiz, now),
        snapshot=snapshot,
    )
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:
        # Two starts at once (two tabs, a double click): the other one won; resume it.
        open_attempt = Attempt.objects.filter(user=user, quiz=quiz, status=Attempt.Status.OPEN).first()
        if open_attempt is None:
            raise ValidationError(TRY_AGAIN, code="race") from None
        return open_attempt
    return attempt


# --- Answering ----------------------------------------------------------------------------------


def attempt_save_answers(*, user: User, attempt: Attempt, data) -> datetime.datetime:
    """Autosave: replace the saved answers with the whole form, while the attempt is open and in time.

    Raises ``BadAnswers`` (nothing saved) for a form that does not match the attempt,
    ``ValidationError`` when the attempt is over (and closes it if its time ran out).
    """
    answers = parse_answers(attempt.snapshot, data)
    now = timezone.now()
    in_time = Q(deadline__isnull=True) | Q(deadline__gte=now - _grace())
    saved = Attempt.objects.filter(Q(pk=attempt.pk, user=user, status=Attempt.Status.OPEN) & in_time).update(
        answers=answers, last_saved_at=now
    )
    if not saved:
        attempt_expire(attempt_id=attempt.pk, now=now)
        raise ValidationError(ATTEMPT_CLOSED, code="closed")
    attempt.answers, attempt.last_saved_at = answers, now
    return now


def attempt_submit(*, user: User, attempt: Attempt, data, now: datetime.datetime | None = None) -> tuple[Attempt, bool]:
    """Grade an attempt once. Returns (attempt, graded_now); a repeat or a replay changes nothing.

    A form that does not match the attempt raises ``BadAnswers`` before anything is written.
    Within the deadline plus grace the submitted answers are graded; later, the
    submission is recorded as late and the answers saved in time are graded.

    In time, the answers are graded before the transaction (one read of the keys, no lock
    held) and one conditional UPDATE closes the attempt with its answers and its score: it
    is the first statement of the grading transaction and the only one that can decide who
    grades, so a double submit, two tabs or two app servers still grade exactly once.
    """
    if attempt.user_id != user.pk:
        raise PermissionDenied
    attempt.user = user
    answers = parse_answers(attempt.snapshot, data)
    now = now or timezone.now()
    if not attempt.accepts_answers_at(now):
        return _submit_late(attempt, now=now)
    grade: Grade = grade_answers(attempt.snapshot, answers)
    passed = _passes(attempt.quiz, grade)
    with transaction.atomic():
        claimed = _claim(
            attempt,
            now=now,
            status=Attempt.Status.SUBMITTED,
            submitted_at=now,
            late=False,
            answers=answers,
            score=grade.score,
            points_earned=grade.earned,
            points_possible=grade.possible,
            passed=passed,
        )
        if not claimed:
            attempt.refresh_from_db()
            return attempt, False
        _record(attempt, grade=grade, passed=passed)
    attempt.status, attempt.submitted_at, attempt.late, attempt.graded_at = Attempt.Status.SUBMITTED, now, False, now
    attempt.answers, attempt.score, attempt.passed = answers, grade.score, passed
    attempt.points_earned, attempt.points_possible = grade.earned, grade.possible
    return attempt, True


@transaction.atomic
def _submit_late(attempt: Attempt, *, now) -> tuple[Attempt, bool]:
    """After the deadline plus grace: recorded as late, graded on the answers saved in time."""
    late = {"status": Attempt.Status.SUBMITTED, "submitted_at": now, "late": True, "score": 0, "passed": False}
    if not _claim(attempt, now=now, **late):
        attempt.refresh_from_db()
        return attempt, False
    # Read after the claim: an autosave accepted just before the deadline may have landed since the attempt was read.
    answers = Attempt.objects.filter(pk=attempt.pk).values_list("answers", flat=True).get() or {}
    _grade(attempt, answers=answers, now=now)
    attempt.status, attempt.submitted_at, attempt.late = Attempt.Status.SUBMITTED, now, True
    return attempt, True


@transaction.atomic
def attempt_expire(*, attempt_id: int, now: datetime.datetime | None = None) -> bool:
    """Close and grade an open attempt whose deadline (plus grace) has passed. Idempotent."""
    now = now or timezone.now()
    claimed = Attempt.objects.filter(pk=attempt_id, status=Attempt.Status.OPEN, deadline__lt=now - _grace()).update(
        status=Attempt.Status.EXPIRED,
        submitted_at=F("deadline"),
        graded_at=now,
        late=False,
        score=0,
        passed=False,
    )
    if not claimed:
        return False
    attempt = Attempt.objects.select_related("quiz", "user").get(pk=attempt_id)
    _grade(attempt, answers=attempt.answers or {}, now=now)
    return True


def attempts_close_expired(
    *, user: User | None = None, quiz: QuizPage | None = None, now: datetime.datetime | None = None, limit: int = 500
) -> int:
    """Close the open attempts whose time ran out (all of them, or one cadre's). Returns how many."""
    now = now or timezone.now()
    due = Attempt.objects.filter(status=Attempt.Status.OPEN, deadline__lt=now - _grace())
    if user is not None:
        due = due.filter(user=user)
    if quiz is not None:
        due = due.filter(quiz=quiz)
    closed = 0
    for attempt_id in due.order_by("deadline").values_list("pk", flat=True)[:limit]:
        closed += attempt_expire(attempt_id=attempt_id, now=now)
    return closed


def _claim(attempt: Attempt, *, now, **fields) -> bool:
    """The one conditional UPDATE that decides which request grades the attempt.

    It is the first statement of the grading transaction, so the transaction starts
    by taking the write lock (SQLite) or the row lock (PostgreSQL); whoever comes
    second finds the attempt no longer open and changes nothing. A submission in time
    writes its answers and its score here; a late one or an expiry writes a score of 0,
    set by ``_grade`` in the same transaction, so no one ever sees a graded attempt
    without its score.
    """
    return bool(Attempt.objects.filter(pk=attempt.pk, status=Attempt.Status.OPEN).update(graded_at=now, **fields))


def _passes(quiz: QuizPage, grade: Grade) -> bool:
    return grade.possible > 0 and grade.score >= quiz.pass_mark


def _grade(attempt: Attempt, *, answers: dict, now) -> None:
    """Score a claimed attempt on the answers it holds (saved in time), record its items, complete on a pass."""
    grade: Grade = grade_answers(attempt.snapshot, answers)
    passed = _passes(attempt.quiz, grade)
    Attempt.objects.filter(pk=attempt.pk).update(
        score=grade.score,
        points_earned=grade.earned,
        points_possible=grade.possible,
        passed=passed,
    )
    attempt.answers, attempt.graded_at, attempt.score, attempt.passed = answers, now, grade.score, passed
    attempt.points_earned, attempt.points_possible = grade.earned, grade.possible
    _record(attempt, grade=grade, passed=passed)


def _record(attempt: Attempt, *, grade: Grade, passed: bool) -> None:
    """In the grading transaction, after the claim: one row per question and, on a pass, the step completed."""
    AttemptItem.objects.bulk_create(
        [
            AttemptItem(
                attempt_id=attempt.pk,
                question_id=item.question_id,
                position=item.position,
                selected=item.selected,
                credit=item.credit,
                correct=item.correct,
            )
            for item in grade.items
        ]
    )
    # A cadre who passed before (a retake): the step is complete already and nothing would change.
    # ``step_done`` is what the submit view read with the attempt; completions are never taken back.
    if passed and not getattr(attempt, "step_done", False):
        _complete_step(user=attempt.user, quiz=attempt.quiz)


def _complete_step(*, user: User, quiz: QuizPage) -> bool:
    """A pass completes the quiz step, in the grading transaction. Not enrolled any more: kept for later."""
    if getattr(quiz, "_cached_parent_obj", None) is None:
        # The course from the page cache, as step pages take it (dropped on every publish), rather than
        # a query of the whole course row: ``course_of`` uses a parent already loaded.
        quiz._cached_parent_obj = course_at(quiz.path[: -quiz.steplen])
    try:
        with transaction.atomic():
            step_complete(user=user, step=quiz)
    except PermissionDenied as refusal:
        logger.info("Quiz %s passed by user %s but the step was not completed: %s", quiz.pk, user.pk, refusal)
        return False
    return True


def quiz_visit(*, user: User, quiz: QuizPage) -> None:
    """What a visit to the quiz page settles: expired attempts graded, a pass not yet recorded completed."""
    attempts_close_expired(user=user, quiz=quiz)
    pass_not_recorded = (
        Attempt.objects.filter(user=user, quiz=quiz, passed=True)
        .exclude(Exists(StepCompletion.objects.filter(user=user, step_id=quiz.pk)))
        .exists()
    )
    if pass_not_recorded and active_enrollment(user=user, course=course_of(quiz)) is not None:
        with transaction.atomic():
            _complete_step(user=user, quiz=quiz)
