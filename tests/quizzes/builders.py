"""Question banks, quizzes and attempts for tests, built through the real models and services."""

import datetime

from django.utils import timezone

from courses import services as course_services
from quizzes.models import Attempt, Choice, Question, QuestionBank, QuestionCategory, QuizPage, ReviewPolicy
from tests.courses.builders import build_course, publish

EXPLANATION_MARK = "GIAITHICH"


def build_question(
    bank: QuestionBank,
    *,
    number: int = 1,
    kind: str = Question.Kind.SINGLE,
    scoring: str = Question.Scoring.ALL_OR_NOTHING,
    choices=None,
    category: QuestionCategory | None = None,
    points: int = 1,
) -> Question:
    """A question whose explanation carries a marker, so a leak is easy to find in a response."""
    if choices is None:
        if kind == Question.Kind.TRUE_FALSE:
            choices = [("Đúng", True), ("Sai", False)]
        elif kind == Question.Kind.MULTIPLE:
            choices = [
                (f"Phương án A{number}", True),
                (f"Phương án B{number}", True),
                (f"Phương án C{number}", False),
                (f"Phương án D{number}", False),
            ]
        else:
            choices = [
                (f"Phương án A{number}", True),
                (f"Phương án B{number}", False),
                (f"Phương án C{number}", False),
                (f"Phương án D{number}", False),
            ]
    question = Question(
        bank=bank,
        category=category,
        kind=kind,
        scoring=scoring,
        points=points,
        stem=f"<p>Câu hỏi số {number} về chữ ký số và định danh điện tử?</p>",
        explanation=f"<p>{EXPLANATION_MARK}-{number}: lời giải thích dạy lại kiến thức.</p>",
    )
    question.save()
    Choice.objects.bulk_create(
        [Choice(question=question, text=text, is_correct=ok, sort_order=i) for i, (text, ok) in enumerate(choices)]
    )
    return question


def build_bank(*, name: str = "Ngân hàng thử nghiệm", questions: int = 12, start: int = 1, mixed: bool = True):
    bank, _created = QuestionBank.objects.get_or_create(name=name)
    kinds = (
        [Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.TRUE_FALSE] if mixed else [Question.Kind.SINGLE]
    )
    for n in range(start, start + questions):
        build_question(bank, number=n, kind=kinds[n % len(kinds)])
    return bank


def build_quiz(course, *, banks, slug="bai-kiem-tra", title="Bài kiểm tra cuối khóa", **fields) -> QuizPage:
    defaults = {
        "question_count": 10,
        "pass_mark": 80,
        "time_limit_seconds": 600,
        "attempt_limit": 3,
        "min_wait_seconds": 0,
        "review_policy": ReviewPolicy.AFTER_SUBMIT,
    }
    defaults.update(fields)
    quiz = QuizPage(title=title, slug=slug, **defaults)
    quiz.banks = list(banks)
    return publish(course, quiz)


def quiz_setup(world, *, questions=12, lessons=1, enrol=True, **quiz_fields):
    """A published course with lessons and a quiz as its last step; the world's cadre enrolled."""
    course, steps = build_course(lessons=lessons)
    bank = build_bank(questions=questions)
    quiz = build_quiz(course, banks=[bank], **quiz_fields)
    if enrol:
        course_services.enrollment_create(user=world.cadre, course=course)
    return course, steps, quiz, bank


def correct_ids(question_ids) -> dict[int, set[int]]:
    result: dict[int, set[int]] = {}
    for choice_id, question_id in Choice.objects.filter(question_id__in=question_ids, is_correct=True).values_list(
        "pk", "question_id"
    ):
        result.setdefault(question_id, set()).add(choice_id)
    return result


def answer_form(attempt: Attempt, *, right: int | None = None) -> dict[str, list[str]]:
    """The form a cadre would post: the first ``right`` questions answered correctly, the rest wrongly."""
    keys = correct_ids([item["q"] for item in attempt.snapshot])
    right = len(attempt.snapshot) if right is None else right
    form = {}
    for index, item in enumerate(attempt.snapshot):
        good = keys.get(item["q"], set())
        if index < right:
            tokens = [token for choice_id, token in item["c"] if choice_id in good]
        else:
            tokens = [next(token for choice_id, token in item["c"] if choice_id not in good)]
        form[f"q-{item['t']}"] = tokens
    return form


def expire(attempt: Attempt, seconds_ago: int = 3600) -> None:
    """Move an attempt's deadline into the past (beyond the grace)."""
    past = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    Attempt.objects.filter(pk=attempt.pk).update(started_at=past - datetime.timedelta(minutes=10), deadline=past)
    attempt.refresh_from_db()
