"""Dashboard reads: per-commune pass rates and best scores, and the trainers' item analysis."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from quizzes.models import Attempt, AttemptItem
from quizzes.selectors import commune_quiz_stats, item_analysis
from tests.factories import UserFactory
from tests.quizzes.builders import quiz_setup

pytestmark = pytest.mark.django_db


def _graded(user, quiz, number, score, *, commune=None, course_key=None, when=None, status="submitted"):
    return Attempt.objects.create(
        user=user,
        quiz=quiz,
        course_key=course_key or quiz_course_key(quiz),
        commune=commune if commune is not None else user.commune,
        number=number,
        status=status,
        submitted_at=when or timezone.now(),
        graded_at=when or timezone.now(),
        score=Decimal(score),
        passed=Decimal(score) >= quiz.pass_mark,
        snapshot=[],
    )


def quiz_course_key(quiz):
    from courses.services import course_of

    return course_of(quiz).course_key


def test_commune_stats_count_best_scores_and_passers(world, django_assert_num_queries):
    course, _steps, quiz, _bank = quiz_setup(world, pass_mark=80)
    a1_second = UserFactory(commune=world.commune_a1)
    a2_cadre = UserFactory(commune=world.commune_a2)
    _graded(world.cadre, quiz, 1, 50)
    _graded(world.cadre, quiz, 2, 90)  # best 90, passed
    _graded(a1_second, quiz, 1, 60)  # best 60, not passed
    _graded(a2_cadre, quiz, 1, 100)
    _graded(a2_cadre, quiz, 2, 40)  # best 100, passed
    Attempt.objects.create(
        user=world.leader, quiz=quiz, course_key=course.course_key, commune=world.commune_a1, number=1, snapshot=[]
    )  # open: not counted

    with django_assert_num_queries(1):
        rows = commune_quiz_stats()
    by_commune = {row["commune_id"]: row for row in rows}
    assert by_commune[world.commune_a1.pk] == {
        "commune_id": world.commune_a1.pk,
        "attempts": 3,
        "takers": 2,
        "passers": 1,
        "pass_rate": 0.5,
        "avg_best_score": 75.0,
    }
    assert by_commune[world.commune_a2.pk]["avg_best_score"] == 100.0
    assert by_commune[world.commune_a2.pk]["pass_rate"] == 1.0

    assert [r["commune_id"] for r in commune_quiz_stats(commune_ids=[world.commune_a2.pk])] == [world.commune_a2.pk]
    assert commune_quiz_stats(course_key=uuid.uuid4()) == []
    assert commune_quiz_stats(course_key=course.course_key) == rows
    later = timezone.now() + datetime.timedelta(days=1)
    assert commune_quiz_stats(since=later) == []
    assert commune_quiz_stats(until=later) == rows


def test_commune_stats_use_the_commune_at_the_time_of_the_attempt(world):
    _course, _steps, quiz, _bank = quiz_setup(world)
    _graded(world.cadre, quiz, 1, 90)
    world.cadre.commune = world.commune_b1
    world.cadre.save()
    rows = commune_quiz_stats()
    assert [r["commune_id"] for r in rows] == [world.commune_a1.pk]


def test_commune_stats_make_one_query_whatever_the_size(world, assert_constant_queries):
    _course, _steps, quiz, _bank = quiz_setup(world)
    _graded(world.cadre, quiz, 1, 90)

    def grow():
        for n in range(30):
            _graded(UserFactory(commune=[world.commune_a1, world.commune_a2, world.commune_b1][n % 3]), quiz, 1, n * 3)

    assert assert_constant_queries(lambda: commune_quiz_stats(), grow, label="commune_quiz_stats") == 1


def test_item_analysis_discrimination(world, django_assert_max_num_queries):
    _course, _steps, quiz, bank = quiz_setup(world, questions=3, question_count=3, attempt_limit=0)
    discriminating, easy, inverted = list(bank.questions.order_by("pk"))
    for number in range(1, 26):
        score = number * 4  # 4 .. 100
        attempt = _graded(world.cadre, quiz, number, score)
        AttemptItem.objects.bulk_create(
            [
                AttemptItem(
                    attempt=attempt, question=discriminating, position=1, credit=int(score >= 52), correct=score >= 52
                ),
                AttemptItem(attempt=attempt, question=easy, position=2, credit=1, correct=True),
                AttemptItem(attempt=attempt, question=inverted, position=3, credit=int(score < 52), correct=score < 52),
            ]
        )
    with django_assert_max_num_queries(6):
        analysis = item_analysis(quiz=quiz)
    assert analysis.graded == 25 and analysis.has_discrimination
    rows = {row.question_id: row for row in analysis.rows}
    assert rows[discriminating.pk].discrimination == 1.0
    assert rows[easy.pk].discrimination == 0.0 and rows[easy.pk].facility == 1.0
    assert rows[inverted.pk].discrimination == -1.0
    assert rows[discriminating.pk].upper == 7 and rows[discriminating.pk].lower == 7


def test_item_analysis_needs_enough_attempts(world):
    _course, _steps, quiz, bank = quiz_setup(world, questions=1, question_count=1, attempt_limit=0)
    question = bank.questions.get()
    for number in range(1, 6):
        attempt = _graded(world.cadre, quiz, number, number * 20)
        AttemptItem.objects.create(attempt=attempt, question=question, position=1, credit=1, correct=True)
    analysis = item_analysis(quiz=quiz)
    assert not analysis.has_discrimination
    assert analysis.rows[0].discrimination is None and analysis.rows[0].facility == 1.0
