"""The attempt lifecycle on the server: start, draw, save, submit, expire, limits, waits and completion."""

import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses import services as course_services
from courses.models import Enrollment, StepCompletion
from quizzes import services
from quizzes.grading import BadAnswers
from quizzes.models import Attempt, AttemptItem, Choice
from quizzes.tasks import close_attempt, close_expired_attempts
from tests.quizzes.builders import answer_form, expire, quiz_setup

pytestmark = pytest.mark.django_db


def test_start_snapshots_drawn_questions_and_choice_order_with_tokens(world):
    _course, _steps, quiz, bank = quiz_setup(world, questions=15, question_count=10)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    assert attempt.number == 1 and attempt.is_open
    assert len(attempt.snapshot) == 10
    question_ids = [item["q"] for item in attempt.snapshot]
    assert len(set(question_ids)) == 10
    assert set(question_ids) <= set(bank.questions.values_list("pk", flat=True))
    tokens = [item["t"] for item in attempt.snapshot] + [t for item in attempt.snapshot for _c, t in item["c"]]
    assert len(tokens) == len(set(tokens)), "tokens are unique within the attempt"
    for item in attempt.snapshot:
        own = set(Choice.objects.filter(question_id=item["q"]).values_list("pk", flat=True))
        assert {choice_id for choice_id, _t in item["c"]} == own
        assert all(not token.isdigit() for _c, token in item["c"])
    assert attempt.deadline == attempt.started_at + datetime.timedelta(seconds=600)
    assert attempt.commune == world.cadre.commune
    assert attempt.course_key == _course.course_key


def test_draws_differ_between_cadres_and_shuffle_choices(world):
    _course, _steps, quiz, _bank = quiz_setup(world, questions=30, question_count=10)
    course_services.enrollment_create(user=world.leader, course=_course)
    first = services.attempt_start(user=world.cadre, quiz=quiz, rng=random.Random(1))
    second = services.attempt_start(user=world.leader, quiz=quiz, rng=random.Random(2))
    assert [i["q"] for i in first.snapshot] != [i["q"] for i in second.snapshot]
    # Over many draws, the correct choice of single-choice questions is not always first.
    firsts_correct = []
    for seed in range(20):
        from quizzes.grading import draw_snapshot

        for item in draw_snapshot(quiz, random.Random(seed)):
            if not item["m"] and len(item["c"]) == 4:
                firsts_correct.append(Choice.objects.get(pk=item["c"][0][0]).is_correct)
    assert 0 < sum(firsts_correct) < len(firsts_correct)


def test_starting_twice_resumes_the_open_attempt(world):
    _course, _steps, quiz, _bank = quiz_setup(world)
    first = services.attempt_start(user=world.cadre, quiz=quiz)
    again = services.attempt_start(user=world.cadre, quiz=quiz)
    assert first.pk == again.pk
    assert Attempt.objects.filter(user=world.cadre, quiz=quiz).count() == 1


def test_database_allows_one_open_attempt_and_unique_numbers(world):
    _course, _steps, quiz, _bank = quiz_setup(world)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    fields = {"user": world.cadre, "quiz": quiz, "course_key": attempt.course_key, "snapshot": []}
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(number=2, **fields)
    services.attempt_submit(user=world.cadre, attempt=attempt, data={})
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(number=1, **fields)
    Attempt.objects.create(number=2, **fields)


def test_a_graded_attempt_must_carry_a_score(world):
    _course, _steps, quiz, _bank = quiz_setup(world)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.filter(pk=attempt.pk).update(status=Attempt.Status.SUBMITTED)


def test_must_be_enrolled_and_unlocked(world):
    course, _steps, quiz, _bank = quiz_setup(world, enrol=False)
    with pytest.raises(PermissionDenied):
        services.attempt_start(user=world.cadre, quiz=quiz)
    course.sequential = True
    course.save_revision().publish()
    course_services.enrollment_create(user=world.cadre, course=course)
    quiz.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.attempt_start(user=world.cadre, quiz=quiz)


def test_passing_completes_the_step_and_the_course_in_the_grading_transaction(world):
    course, steps, quiz, _bank = quiz_setup(world, lessons=1)
    course_services.step_complete(user=world.cadre, step=steps[0])
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    graded, now = services.attempt_submit(user=world.cadre, attempt=attempt, data=answer_form(attempt))
    assert now and graded.status == Attempt.Status.SUBMITTED
    assert graded.score == Decimal("100.00") and graded.passed
    assert StepCompletion.objects.filter(user=world.cadre, step_id=quiz.pk).exists()
    assert Enrollment.objects.get(user=world.cadre, course=course).completed_at is not None
    assert AttemptItem.objects.filter(attempt=graded).count() == 10


def test_failing_does_not_complete_and_scores_the_share_of_points(world):
    _course, _steps, quiz, _bank = quiz_setup(world)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    graded, _ = services.attempt_submit(user=world.cadre, attempt=attempt, data=answer_form(attempt, right=7))
    assert graded.score == Decimal("70.00") and not graded.passed
    assert not StepCompletion.objects.filter(user=world.cadre, step_id=quiz.pk).exists()
    assert AttemptItem.objects.filter(attempt=graded, correct=True).count() == 7


def test_best_attempt_counts_and_a_later_failure_keeps_the_completion(world):
    _course, _steps, quiz, _bank = quiz_setup(world, attempt_limit=0)
    first = services.attempt_start(user=world.cadre, quiz=quiz)
    services.attempt_submit(user=world.cadre, attempt=first, data=answer_form(first, right=9))
    second = services.attempt_start(user=world.cadre, quiz=quiz)
    services.attempt_submit(user=world.cadre, attempt=second, data=answer_form(second, right=2))
    from quizzes.selectors import quiz_state

    state = quiz_state(quiz=quiz, user=world.cadre)
    assert state.passed and state.best_score == Decimal("90.00")
    assert StepCompletion.objects.filter(user=world.cadre, step_id=quiz.pk).count() == 1


def test_double_submit_and_replay_grade_exactly_once(world):
    _course, _steps, quiz, _bank = quiz_setup(world, attempt_limit=0)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    wrong = answer_form(attempt, right=0)
    right = answer_form(attempt)
    graded, first = services.attempt_submit(user=world.cadre, attempt=attempt, data=wrong)
    stale = Attempt.objects.get(pk=attempt.pk)
    again, second = services.attempt_submit(user=world.cadre, attempt=stale, data=right)
    assert (first, second) == (True, False)
    assert again.score == Decimal("0.00") and not again.passed
    assert AttemptItem.objects.filter(attempt=attempt).count() == 10
    # A new attempt does not revive the old form either.
    services.attempt_start(user=world.cadre, quiz=quiz)
    _, third = services.attempt_submit(user=world.cadre, attempt=stale, data=right)
    assert third is False
    assert Attempt.objects.get(pk=attempt.pk).score == Decimal("0.00")


def test_foreign_choices_and_unknown_questions_are_refused_and_nothing_is_graded(world):
    _course, _steps, quiz, _bank = quiz_setup(world)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    first, second = attempt.snapshot[0], attempt.snapshot[1]
    swapped = {f"q-{first['t']}": [second["c"][0][1]]}
    with pytest.raises(BadAnswers):
        services.attempt_submit(user=world.cadre, attempt=attempt, data=swapped)
    with pytest.raises(BadAnswers):
        services.attempt_submit(user=world.cadre, attempt=attempt, data={"q-notours": [first["c"][0][1]]})
    with pytest.raises(BadAnswers):
        services.attempt_submit(user=world.cadre, attempt=attempt, data={f"q-{first['t']}": [str(first["c"][0][0])]})
    single = next(item for item in attempt.snapshot if not item["m"])
    with pytest.raises(BadAnswers):
        services.attempt_submit(
            user=world.cadre, attempt=attempt, data={f"q-{single['t']}": [t for _c, t in single["c"]]}
        )
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.score is None
    assert not AttemptItem.objects.filter(attempt=attempt).exists()


def test_attempt_limit_is_enforced_on_the_server(world):
    _course, _steps, quiz, _bank = quiz_setup(world, attempt_limit=2)
    for _ in range(2):
        attempt = services.attempt_start(user=world.cadre, quiz=quiz)
        services.attempt_submit(user=world.cadre, attempt=attempt, data={})
    with pytest.raises(ValidationError) as refused:
        services.attempt_start(user=world.cadre, quiz=quiz)
    assert refused.value.code == "limit"


def test_minimum_wait_between_attempts(world):
    _course, _steps, quiz, _bank = quiz_setup(world, min_wait_seconds=600)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    services.attempt_submit(user=world.cadre, attempt=attempt, data={})
    with pytest.raises(ValidationError) as refused:
        services.attempt_start(user=world.cadre, quiz=quiz)
    assert refused.value.code == "wait"
    assert "10 phút" in refused.value.messages[0]
    Attempt.objects.filter(pk=attempt.pk).update(submitted_at=timezone.now() - datetime.timedelta(seconds=601))
    assert services.attempt_start(user=world.cadre, quiz=quiz).number == 2


def test_the_wait_is_told_in_whole_minutes_rounded_up_and_in_seconds_under_a_minute(world):
    _course, _steps, quiz, _bank = quiz_setup(world, min_wait_seconds=600)
    start = timezone.now() - datetime.timedelta(hours=1)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz, now=start)
    services.attempt_submit(user=world.cadre, attempt=attempt, data={}, now=start)

    def told_at(seconds_after_submit):
        with pytest.raises(ValidationError) as refused:
            services.attempt_start(
                user=world.cadre, quiz=quiz, now=start + datetime.timedelta(seconds=seconds_after_submit)
            )
        return refused.value.messages[0]

    assert "chờ thêm 2 phút" in told_at(540)  # a minute and a second: two minutes
    assert "chờ thêm 1 phút" in told_at(541)
    assert "chờ thêm 31 giây" in told_at(570)
    assert "chờ thêm 1 giây" in told_at(599.5)


def test_open_and_close_dates(world):
    now = timezone.now()
    _course, _steps, quiz, _bank = quiz_setup(world, opens_at=now + datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as refused:
        services.attempt_start(user=world.cadre, quiz=quiz)
    assert refused.value.code == "not_open"
    quiz.opens_at = now - datetime.timedelta(hours=2)
    quiz.closes_at = now - datetime.timedelta(hours=1)
    quiz.save()
    with pytest.raises(ValidationError) as refused:
        services.attempt_start(user=world.cadre, quiz=quiz)
    assert refused.value.code == "closed"


def test_deadline_is_capped_by_the_close_date(world):
    closes = timezone.now() + datetime.timedelta(minutes=2)
    _course, _steps, quiz, _bank = quiz_setup(world, closes_at=closes, time_limit_seconds=3600)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    assert attempt.deadline == closes


def test_submitting_late_is_recorded_and_grades_only_answers_saved_in_time(world):
    _course, _steps, quiz, _bank = quiz_setup(world, attempt_limit=0)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    services.attempt_save_answers(user=world.cadre, attempt=attempt, data=answer_form(attempt, right=5))
    expire(attempt)
    graded, now = services.attempt_submit(user=world.cadre, attempt=attempt, data=answer_form(attempt))
    assert now and graded.late and graded.status == Attempt.Status.SUBMITTED
    assert graded.score == Decimal("50.00")
    # Never counted twice: the sweeper finds nothing left to close.
    assert close_expired_attempts() == 0


def test_within_the_grace_the_submission_counts_in_full(world, settings):
    settings.KNS_QUIZ_GRACE_SECONDS = 30
    _course, _steps, quiz, _bank = quiz_setup(world)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(seconds=10))
    attempt.refresh_from_db()
    graded, _ = services.attempt_submit(user=world.cadre, attempt=attempt, data=answer_form(attempt))
    assert not graded.late and graded.score == Decimal("100.00")


def test_autosave_refused_after_the_deadline_and_the_attempt_is_closed(world):
    _course, _steps, quiz, _bank = quiz_setup(world)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    services.attempt_save_answers(user=world.cadre, attempt=attempt, data=answer_form(attempt))
    expire(attempt)
    with pytest.raises(ValidationError):
        services.attempt_save_answers(user=world.cadre, attempt=attempt, data=answer_form(attempt, right=0))
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED and attempt.passed
    assert attempt.submitted_at == attempt.deadline


def test_the_sweeper_closes_and_grades_expired_attempts_once(world):
    _course, _steps, quiz, _bank = quiz_setup(world)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    services.attempt_save_answers(user=world.cadre, attempt=attempt, data=answer_form(attempt, right=8))
    assert close_expired_attempts() == 0  # still in time
    expire(attempt)
    assert close_expired_attempts() == 1
    assert close_expired_attempts() == 0
    assert close_attempt(attempt.pk) is False
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED
    assert attempt.score == Decimal("80.00") and attempt.passed
    assert StepCompletion.objects.filter(user=world.cadre, step_id=quiz.pk).exists()
    assert AttemptItem.objects.filter(attempt=attempt).count() == 10


def test_next_access_closes_an_expired_attempt(world, client):
    _course, _steps, quiz, _bank = quiz_setup(world)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    expire(attempt)
    client.force_login(world.cadre)
    response = client.get(quiz.url)
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED and attempt.score == Decimal("0.00")


def test_a_pass_while_not_enrolled_completes_the_step_on_return(world, client):
    course, _steps, quiz, _bank = quiz_setup(world)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    course_services.enrollment_withdraw(user=world.cadre, course=course)
    graded, _ = services.attempt_submit(user=world.cadre, attempt=attempt, data=answer_form(attempt))
    assert graded.passed
    assert not StepCompletion.objects.filter(user=world.cadre, step_id=quiz.pk).exists()
    course_services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    assert client.get(quiz.url).status_code == 200
    assert StepCompletion.objects.filter(user=world.cadre, step_id=quiz.pk).exists()


def test_no_questions_no_attempt(world):
    _course, _steps, quiz, bank = quiz_setup(world, questions=3)
    bank.questions.update(is_active=False)
    with pytest.raises(ValidationError) as refused:
        services.attempt_start(user=world.cadre, quiz=quiz)
    assert refused.value.code == "empty"
    assert not Attempt.objects.exists()
