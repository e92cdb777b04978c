"""Grading rules and reading a submitted form, without the web."""

from decimal import Decimal

import pytest
from django.http import QueryDict

from quizzes.grading import BadAnswers, credit_for, grade_answers, parse_answers
from quizzes.models import Question, QuestionBank
from tests.quizzes.builders import build_question

SNAPSHOT = [
    {"q": 1, "t": "aa", "m": False, "c": [[11, "x1"], [12, "x2"]]},
    {"q": 2, "t": "bb", "m": True, "c": [[21, "y1"], [22, "y2"], [23, "y3"]]},
]


def test_all_or_nothing_and_partial_credit():
    assert credit_for(selected={1}, correct={1}, partial=False) == 1
    assert credit_for(selected={1, 2}, correct={1}, partial=False) == 0
    assert credit_for(selected={1}, correct={1, 2}, partial=False) == 0
    assert credit_for(selected={1}, correct={1, 2}, partial=True) == Decimal("0.5")
    assert credit_for(selected={1, 3}, correct={1, 2}, partial=True) == 0  # one right, one wrong
    assert credit_for(selected={1, 2, 3}, correct={1, 2, 4}, partial=True) == Decimal("0.3333")
    assert credit_for(selected={3}, correct={1, 2}, partial=True) == 0  # never negative
    assert credit_for(selected=set(), correct={1}, partial=True) == 0
    assert credit_for(selected=set(), correct=set(), partial=False) == 0


def test_parse_answers_maps_tokens_to_ids():
    data = QueryDict(mutable=True)
    data.setlist("q-aa", ["x2"])
    data.setlist("q-bb", ["y1", "y3", "y3"])
    data["csrfmiddlewaretoken"] = "ignored"
    assert parse_answers(SNAPSHOT, data) == {"1": [12], "2": [21, 23]}
    assert parse_answers(SNAPSHOT, {"q-aa": [""]}) == {}


@pytest.mark.parametrize(
    "data",
    [
        {"q-aa": ["y1"]},  # a choice of another question
        {"q-zz": ["x1"]},  # a question not drawn
        {"q-1": ["x1"]},  # a database id instead of a token
        {"q-aa": ["11"]},
        {"q-aa": ["x1", "x2"]},  # two answers to a single-choice question
    ],
)
def test_parse_answers_refuses_what_does_not_belong(data):
    with pytest.raises(BadAnswers):
        parse_answers(SNAPSHOT, data)


@pytest.mark.django_db
def test_grade_weights_points_and_skips_deleted_questions(django_assert_num_queries):
    bank = QuestionBank.objects.create(name="Ngân hàng")
    single = build_question(bank, number=1, points=3)
    partial = build_question(bank, number=2, kind=Question.Kind.MULTIPLE, scoring=Question.Scoring.PARTIAL)
    gone = build_question(bank, number=3)
    ids = {
        q.pk: list(q.choices.order_by("sort_order").values_list("pk", "is_correct")) for q in (single, partial, gone)
    }
    snapshot = [
        {"q": pk, "t": f"t{pk}", "m": pk == partial.pk, "c": [[c, f"c{c}"] for c, _ok in ids[pk]]} for pk in ids
    ]
    right_single = [c for c, ok in ids[single.pk] if ok]
    one_of_two = [c for c, ok in ids[partial.pk] if ok][:1]
    gone.delete()
    with django_assert_num_queries(1):
        grade = grade_answers(snapshot, {str(single.pk): right_single, str(partial.pk): one_of_two})
    assert grade.possible == 4
    assert grade.earned == Decimal("3.5")
    assert grade.score == Decimal("87.50")
    assert [item.correct for item in grade.items] == [True, False]
