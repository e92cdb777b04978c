"""Grading rules, drawing questions and reading a submitted form, without the web."""

import random
from decimal import Decimal

import pytest
from django.http import QueryDict

from quizzes.grading import (
    BadAnswers,
    Grade,
    candidate_questions,
    credit_for,
    draw_snapshot,
    field_name,
    grade_answers,
    parse_answers,
    selected_tokens,
)
from quizzes.models import Choice, Question, QuestionBank, QuestionCategory
from tests.courses.builders import build_course
from tests.quizzes.builders import build_bank, build_question, build_quiz

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


def quiz_over(*banks, **fields):
    course, _steps = build_course(lessons=1)
    return build_quiz(course, banks=banks, **fields)


@pytest.mark.django_db
def test_only_active_questions_of_the_chosen_categories_are_drawn():
    bank = QuestionBank.objects.create(name="Ngân hàng nhóm")
    safety = QuestionCategory.objects.create(name="An toàn thông tin")
    other = QuestionCategory.objects.create(name="Dịch vụ công")
    wanted = [build_question(bank, number=n, category=safety) for n in (1, 2)]
    elsewhere = build_question(bank, number=3, category=other)
    retired = build_question(bank, number=4, category=safety)
    retired.is_active = False
    retired.save()
    quiz = quiz_over(bank, question_count=10)
    # No category chosen: every active question of the banks.
    assert [pk for pk, _kind in candidate_questions(quiz)] == sorted(q.pk for q in [*wanted, elsewhere])
    quiz.categories = [safety]
    quiz.save()
    assert [pk for pk, _kind in candidate_questions(quiz)] == sorted(q.pk for q in wanted)
    assert {item["q"] for item in draw_snapshot(quiz, random.Random(3))} == {q.pk for q in wanted}


@pytest.mark.django_db
def test_a_quiz_asks_question_count_questions_or_all_there_are():
    bank = build_bank(questions=6)
    assert len(draw_snapshot(quiz_over(bank, question_count=4), random.Random(1))) == 4
    assert len(draw_snapshot(quiz_over(bank, question_count=20, slug="lon"), random.Random(1))) == 6


@pytest.mark.django_db
def test_true_false_keeps_its_order_multiple_choice_is_marked_and_broken_questions_are_not_shown():
    bank = QuestionBank.objects.create(name="Ngân hàng kiểu câu")
    true_false = build_question(bank, number=1, kind=Question.Kind.TRUE_FALSE)
    multiple = build_question(bank, number=2, kind=Question.Kind.MULTIPLE)
    single = build_question(bank, number=3)
    one_choice = build_question(bank, number=4, choices=[("Chỉ một phương án", True)])
    quiz = quiz_over(bank, question_count=10)
    for seed in range(8):
        snapshot = {item["q"]: item for item in draw_snapshot(quiz, random.Random(seed))}
        assert one_choice.pk not in snapshot
        assert set(snapshot) == {true_false.pk, multiple.pk, single.pk}
        in_order = list(true_false.choices.order_by("sort_order").values_list("pk", flat=True))
        assert [choice_id for choice_id, _token in snapshot[true_false.pk]["c"]] == in_order  # "Đúng" then "Sai"
        assert snapshot[multiple.pk]["m"] is True
        assert snapshot[single.pk]["m"] is False and snapshot[true_false.pk]["m"] is False
        for item in snapshot.values():
            assert len(item["t"]) == 8 and all(len(token) == 8 for _c, token in item["c"])


def test_a_form_field_is_named_after_the_question_token_and_read_back():
    assert field_name(SNAPSHOT[0]) == "q-aa"
    # A plain dict whose value is one string (not a list) is one answer.
    assert parse_answers(SNAPSHOT, {"q-aa": "x1", "nut": "gui"}) == {"1": [11]}
    assert parse_answers(SNAPSHOT, {"q-bb": ["", "y2"]}) == {"2": [22]}
    # A field that only looks like a question ("q" without the dash) is another field of the page.
    assert parse_answers(SNAPSHOT, {"qaa": ["x1"]}) == {}


def test_one_answer_to_a_multiple_choice_question_is_accepted():
    assert parse_answers(SNAPSHOT, {"q-bb": ["y3"]}) == {"2": [23]}
    with pytest.raises(BadAnswers) as refused:
        parse_answers(SNAPSHOT, {"q-aa": ["x1", "x2"]})
    # The quiz page shows the refusal's message to the cadre (quizzes/views.py).
    assert "chỉ có một đáp án đúng" in str(refused.value.message)


def test_saved_answers_are_ticked_again_when_the_form_is_shown():
    assert selected_tokens(SNAPSHOT, {"1": [12], "2": [21, 23]}) == {"x2", "y1", "y3"}
    assert selected_tokens(SNAPSHOT, {"2": [99]}) == set()
    assert selected_tokens(SNAPSHOT, {}) == set()


def test_the_score_is_a_percentage_rounded_half_up_to_two_places():
    assert Grade(earned=Decimal(1), possible=32).score == Decimal("3.13")
    assert Grade(earned=Decimal(2), possible=3).score == Decimal("66.67")
    assert Grade(earned=Decimal(4), possible=4).score == Decimal("100.00")
    assert Grade().score == Decimal("0.00")


@pytest.mark.django_db
def test_grading_ignores_choices_of_other_questions_and_numbers_items_from_one():
    bank = QuestionBank.objects.create(name="Ngân hàng chấm")
    first = build_question(bank, number=1, points=2)
    second = build_question(
        bank, number=2, kind=Question.Kind.SINGLE, scoring=Question.Scoring.PARTIAL
    )  # partial credit applies to multiple-choice questions only
    right_first = Choice.objects.get(question=first, is_correct=True).pk
    right_second = Choice.objects.get(question=second, is_correct=True).pk
    snapshot = [
        {"q": q.pk, "t": f"t{q.pk}", "m": False, "c": [[c, f"c{c}"] for c in q.choices.values_list("pk", flat=True)]}
        for q in (first, second)
    ]
    grade = grade_answers(snapshot, {str(first.pk): [right_second], str(second.pk): [right_second]})
    assert [item.position for item in grade.items] == [1, 2]
    assert grade.items[0].selected == [] and grade.items[0].credit == 0
    assert grade.items[1].correct and grade.items[1].points == 1
    assert (grade.earned, grade.possible, grade.score) == (Decimal(1), 3, Decimal("33.33"))
    full = grade_answers(snapshot, {str(first.pk): [right_first], str(second.pk): [right_second]})
    assert full.score == Decimal("100.00") and all(item.correct for item in full.items)


def test_the_csrf_token_first_in_the_form_does_not_hide_the_answers_after_it():
    # A browser posts the form's hidden CSRF field before the questions.
    assert parse_answers(SNAPSHOT, {"csrfmiddlewaretoken": ["t"], "q-aa": ["x1"], "q-bb": ["y2"]}) == {
        "1": [11],
        "2": [22],
    }


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        ({"q-zz": ["x1"]}, "câu hỏi không thuộc lần làm bài này"),
        ({"q-aa": ["y1"]}, "lựa chọn không thuộc câu hỏi tương ứng"),
    ],
)
def test_a_refused_form_tells_the_cadre_what_did_not_belong(data, shown):
    with pytest.raises(BadAnswers) as refused:
        parse_answers(SNAPSHOT, data)
    assert shown in str(refused.value.message)


@pytest.mark.django_db
def test_half_the_answers_of_an_all_or_nothing_question_earn_nothing_even_after_a_deleted_question():
    bank = QuestionBank.objects.create(name="Ngân hàng tất cả hoặc không")
    gone = build_question(bank, number=1)
    strict = build_question(bank, number=2, kind=Question.Kind.MULTIPLE)  # all or nothing is the default scoring
    snapshot = [
        {
            "q": q.pk,
            "t": f"t{q.pk}",
            "m": q is strict,
            "c": [[c, f"c{c}"] for c in q.choices.values_list("pk", flat=True)],
        }
        for q in (gone, strict)
    ]
    one_of_two = Choice.objects.filter(question=strict, is_correct=True).order_by("pk").values_list("pk", flat=True)[:1]
    gone.delete()  # deleted after the attempt started: left out, and the questions after it still count
    grade = grade_answers(snapshot, {str(strict.pk): list(one_of_two)})
    assert [(item.question_id, item.position) for item in grade.items] == [(strict.pk, 2)]
    assert grade.items[0].credit == 0 and not grade.items[0].correct
    assert (grade.earned, grade.possible, grade.score) == (Decimal(0), 1, Decimal("0.00"))
