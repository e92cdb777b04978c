"""Races, on PostgreSQL: threads with their own connections hit the same attempt at the same moment.

SQLite serialises writers (and ignores SELECT ... FOR UPDATE), so these run on PostgreSQL only.
"""

import threading

import pytest
from django.db import connection

from courses import services as course_services
from courses.models import StepCompletion
from quizzes import services
from quizzes.models import Attempt, AttemptItem
from tests.conftest import skip_unless_postgres
from tests.quizzes.builders import answer_form, expire, quiz_setup

pytestmark = [pytest.mark.postgres, skip_unless_postgres(), pytest.mark.django_db(transaction=True)]

THREADS = 6


def _race(*calls):
    """Run the calls at once, each in its own thread and connection; return results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - collected for the assertions
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_parallel_submits_grade_exactly_once(world, transactional_db):
    course, steps, quiz, _bank = quiz_setup(world, attempt_limit=0)
    course_services.step_complete(user=world.cadre, step=steps[0])
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    forms = [answer_form(attempt, right=n % 2 * 10) for n in range(THREADS)]

    def submit(form):
        return lambda: services.attempt_submit(
            user=world.cadre, attempt=Attempt.objects.select_related("quiz").get(pk=attempt.pk), data=form
        )[1]

    results = _race(*[submit(form) for form in forms])
    assert sorted(results, key=str) == sorted([True] + [False] * (THREADS - 1), key=str), results
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert AttemptItem.objects.filter(attempt=attempt).count() == 10
    assert StepCompletion.objects.filter(user=world.cadre, step_id=quiz.pk).count() == int(attempt.passed)


def test_parallel_starts_open_one_attempt(world, transactional_db):
    _course, _steps, quiz, _bank = quiz_setup(world)
    results = _race(*[lambda: services.attempt_start(user=world.cadre, quiz=quiz).pk for _ in range(THREADS)])
    assert all(isinstance(r, int) for r in results), results
    assert len(set(results)) == 1
    assert Attempt.objects.filter(user=world.cadre, quiz=quiz).count() == 1


def test_parallel_starts_respect_the_attempt_limit(world, transactional_db):
    _course, _steps, quiz, _bank = quiz_setup(world, attempt_limit=2)
    first = services.attempt_start(user=world.cadre, quiz=quiz)
    services.attempt_submit(user=world.cadre, attempt=first, data={})
    _race(*[lambda: services.attempt_start(user=world.cadre, quiz=quiz).pk for _ in range(THREADS)])
    assert Attempt.objects.filter(user=world.cadre, quiz=quiz).count() == 2


def test_the_sweeper_and_a_late_submit_grade_once(world, transactional_db):
    _course, _steps, quiz, _bank = quiz_setup(world)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    services.attempt_save_answers(user=world.cadre, attempt=attempt, data=answer_form(attempt, right=6))
    expire(attempt)
    form = answer_form(attempt)

    def late_submit():
        fresh = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
        return services.attempt_submit(user=world.cadre, attempt=fresh, data=form)[1]

    calls = [late_submit, lambda: services.attempt_expire(attempt_id=attempt.pk)] * (THREADS // 2)
    results = _race(*calls)
    assert results.count(True) == 1, results
    attempt.refresh_from_db()
    assert attempt.score == 60 and AttemptItem.objects.filter(attempt=attempt).count() == 10
