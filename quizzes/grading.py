"""Drawing questions, reading a submitted form and grading it: the pure parts of an attempt.

The form never carries a database id. Each drawn question and each of its choices
gets a random token when the attempt starts (kept in ``Attempt.snapshot``); the
form's field names are ``q-<question token>`` and its values choice tokens. A
submitted form is read only through the snapshot, so a field for a question that
was not drawn, or a choice token of another question, is refused as a whole
(``BadAnswers``) and nothing is graded.
"""

import random
import secrets
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from .models import Choice, Question

FIELD_PREFIX = "q-"
TOKEN_BYTES = 6  # 8 URL-safe characters; unique within an attempt, meaningless outside it

UNKNOWN_QUESTION = _(
    "Bài làm gửi lên có câu hỏi không thuộc lần làm bài này. Bài chưa được chấm: hãy mở lại bài làm và nộp lại."
)
FOREIGN_CHOICE = _(
    "Bài làm gửi lên có lựa chọn không thuộc câu hỏi tương ứng. Bài chưa được chấm: hãy mở lại bài làm và nộp lại."
)
ONE_CHOICE_ONLY = _(
    "Một câu hỏi chỉ có một đáp án đúng nhưng bài gửi lên chọn nhiều lựa chọn. Bài chưa được chấm: "
    "hãy mở lại bài làm và nộp lại."
)

_system_random = random.SystemRandom()


class BadAnswers(Exception):
    """A submitted form that does not match the attempt's snapshot. Nothing is saved or graded."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _token(taken: set[str]) -> str:
    while True:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        if token not in taken:
            taken.add(token)
            return token


def candidate_questions(quiz) -> list[tuple[int, str]]:
    """(id, kind) of the active questions a quiz may draw from: its banks, limited to its categories if any."""
    questions = Question.objects.filter(bank__in=quiz.banks.all(), is_active=True)
    category_ids = list(quiz.categories.values_list("pk", flat=True))
    if category_ids:
        questions = questions.filter(category_id__in=category_ids)
    return list(questions.order_by("pk").values_list("pk", "kind"))


def draw_snapshot(quiz, rng: random.Random | None = None) -> list[dict]:
    """Draw ``quiz.question_count`` questions at random, shuffle them and their choices, and give out tokens.

    True/false questions keep their "Đúng, Sai" order; every other question's choices are shuffled.
    Three queries, whatever the size of the banks or the number drawn.
    """
    rng = rng or _system_random
    candidates = candidate_questions(quiz)
    drawn = rng.sample(candidates, min(quiz.question_count, len(candidates)))
    choices: dict[int, list[int]] = defaultdict(list)
    for choice_id, question_id in (
        Choice.objects.filter(question_id__in=[pk for pk, _kind in drawn])
        .order_by("sort_order", "pk")
        .values_list("pk", "question_id")
    ):
        choices[question_id].append(choice_id)
    taken: set[str] = set()
    snapshot = []
    for question_id, kind in drawn:
        order = list(choices[question_id])
        if len(order) < 2:
            continue  # a broken question (no choices) is never shown
        if kind != Question.Kind.TRUE_FALSE:
            rng.shuffle(order)
        snapshot.append(
            {
                "q": question_id,
                "t": _token(taken),
                "m": kind == Question.Kind.MULTIPLE,
                "c": [[choice_id, _token(taken)] for choice_id in order],
            }
        )
    return snapshot


def field_name(item: dict) -> str:
    return f"{FIELD_PREFIX}{item['t']}"


def parse_answers(snapshot: list[dict], data: Mapping) -> dict[str, list[int]]:
    """Map a submitted form (``QueryDict`` or ``{name: [values]}``) onto the snapshot's ids.

    Other fields (the CSRF token, buttons) are ignored; any ``q-`` field is checked.
    """
    by_token = {item["t"]: item for item in snapshot}
    answers: dict[str, list[int]] = {}
    for name in data:
        if not name.startswith(FIELD_PREFIX):
            continue
        item = by_token.get(name[len(FIELD_PREFIX) :])
        if item is None:
            raise BadAnswers(UNKNOWN_QUESTION)
        values = data.getlist(name) if hasattr(data, "getlist") else data[name]
        if isinstance(values, str):
            values = [values]
        tokens = {token: choice_id for choice_id, token in item["c"]}
        selected = set()
        for value in values:
            if value == "":
                continue
            if value not in tokens:
                raise BadAnswers(FOREIGN_CHOICE)
            selected.add(tokens[value])
        if len(selected) > 1 and not item.get("m"):
            raise BadAnswers(ONE_CHOICE_ONLY)
        if selected:
            answers[str(item["q"])] = sorted(selected)
    return answers


def selected_tokens(snapshot: list[dict], answers: Mapping) -> set[str]:
    """The choice tokens of saved answers, to tick them again when the form is shown."""
    chosen = set()
    for item in snapshot:
        picked = set(answers.get(str(item["q"]), ()))
        chosen.update(token for choice_id, token in item["c"] if choice_id in picked)
    return chosen


@dataclass
class ItemGrade:
    question_id: int
    position: int
    selected: list[int]
    credit: Decimal
    points: int

    @property
    def correct(self) -> bool:
        return self.credit == 1


@dataclass
class Grade:
    items: list[ItemGrade] = field(default_factory=list)
    earned: Decimal = Decimal(0)
    possible: int = 0

    @property
    def score(self) -> Decimal:
        if not self.possible:
            return Decimal("0.00")
        return (Decimal(100) * self.earned / self.possible).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def credit_for(*, selected: set[int], correct: set[int], partial: bool) -> Decimal:
    """All or nothing: exactly the correct set. Partial: (right − wrong) ÷ number correct, never below 0."""
    if not correct:
        return Decimal(0)
    if not partial:
        return Decimal(1) if selected == correct else Decimal(0)
    right = len(selected & correct)
    wrong = len(selected - correct)
    value = Decimal(max(0, right - wrong)) / Decimal(len(correct))
    return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def grade_answers(snapshot: list[dict], answers: Mapping) -> Grade:
    """Grade saved answers against the questions' current keys. One query, whatever the number of questions.

    A question deleted since the attempt started is left out of the total.
    """
    question_ids = [item["q"] for item in snapshot]
    correct: dict[int, set[int]] = defaultdict(set)
    known: dict[int, set[int]] = defaultdict(set)
    meta: dict[int, tuple[str, str, int]] = {}
    for choice_id, question_id, is_correct, kind, scoring, points in Choice.objects.filter(
        question_id__in=question_ids
    ).values_list("pk", "question_id", "is_correct", "question__kind", "question__scoring", "question__points"):
        known[question_id].add(choice_id)
        if is_correct:
            correct[question_id].add(choice_id)
        meta[question_id] = (kind, scoring, points)
    grade = Grade()
    for position, item in enumerate(snapshot, start=1):
        question_id = item["q"]
        if question_id not in meta:
            continue
        kind, scoring, points = meta[question_id]
        selected = set(answers.get(str(question_id), ())) & known[question_id]
        partial = kind == Question.Kind.MULTIPLE and scoring == Question.Scoring.PARTIAL
        credit = credit_for(selected=selected, correct=correct[question_id], partial=partial)
        grade.items.append(
            ItemGrade(
                question_id=question_id, position=position, selected=sorted(selected), credit=credit, points=points
            )
        )
        grade.earned += credit * points
        grade.possible += points
    return grade
