"""Enrolment and progress through the single progress service."""

import pytest
from django.core.exceptions import PermissionDenied

from courses import services
from courses.models import Enrollment, StepCompletion
from courses.signals import course_completed
from tests.courses.builders import build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed_events():
    events = []

    def listener(sender, enrollment, user, course, **kwargs):
        events.append((enrollment.pk, user.pk, course.pk))

    course_completed.connect(listener)
    yield events
    course_completed.disconnect(listener)


def test_enrolment_records_the_commune_at_enrolment_and_is_idempotent(world):
    course, _ = build_course()
    first = services.enrollment_create(user=world.cadre, course=course)
    again = services.enrollment_create(user=world.cadre, course=course)
    assert first.pk == again.pk
    assert first.commune == world.commune_a1
    assert first.course_key == course.course_key
    # Moving the cadre later does not move the enrolment.
    world.cadre.commune = world.commune_a2
    world.cadre.save()
    first.refresh_from_db()
    assert first.commune == world.commune_a1


def test_completing_every_required_step_completes_the_course_once(world, completed_events):
    course, steps = build_course(lessons=3, optional=(3,))
    services.enrollment_create(user=world.cadre, course=course)
    services.step_complete(user=world.cadre, step=steps[0])
    assert completed_events == []
    services.step_complete(user=world.cadre, step=steps[1])
    enrollment = Enrollment.objects.get(user=world.cadre, course=course)
    assert enrollment.completed_at is not None
    assert completed_events == [(enrollment.pk, world.cadre.pk, course.pk)]
    # The optional step and repeats change nothing.
    services.step_complete(user=world.cadre, step=steps[2])
    services.step_complete(user=world.cadre, step=steps[1])
    assert len(completed_events) == 1
    assert StepCompletion.objects.filter(user=world.cadre, course=course).count() == 3


def test_completing_a_step_twice_records_one_completion(world):
    course, steps = build_course()
    services.enrollment_create(user=world.cadre, course=course)
    _, created_first = services.step_complete(user=world.cadre, step=steps[0])
    _, created_second = services.step_complete(user=world.cadre, step=steps[0])
    assert (created_first, created_second) == (True, False)
    assert StepCompletion.objects.filter(user=world.cadre, step=steps[0]).count() == 1


def test_the_database_refuses_a_second_completion_row(world):
    from django.db import IntegrityError

    course, steps = build_course()
    StepCompletion.objects.create(user=world.cadre, step=steps[0], course=course)
    with pytest.raises(IntegrityError):
        StepCompletion.objects.create(user=world.cadre, step=steps[0], course=course)


def test_ordered_course_keeps_later_steps_locked_on_the_server(world):
    course, steps = build_course(lessons=3, sequential=True)
    services.enrollment_create(user=world.cadre, course=course)
    with pytest.raises(PermissionDenied):
        services.step_complete(user=world.cadre, step=steps[1])
    services.step_complete(user=world.cadre, step=steps[0])
    services.step_complete(user=world.cadre, step=steps[1])


def test_progress_needs_an_enrolment(world):
    course, steps = build_course()
    with pytest.raises(PermissionDenied):
        services.step_complete(user=world.cadre, step=steps[0])


def test_a_required_step_added_later_is_needed_by_those_in_progress_not_by_those_done(world, completed_events):
    """The documented rule (courses/services.py): completion is judged at the time of each completion."""
    from courses.models import LessonPage
    from tests.courses.builders import LESSON_BODY, publish

    course, steps = build_course(lessons=2)
    for person in (world.cadre, world.leader):
        services.enrollment_create(user=person, course=course)
    services.step_complete(user=world.cadre, step=steps[0])
    services.step_complete(user=world.cadre, step=steps[1])  # the cadre finishes the course
    services.step_complete(user=world.leader, step=steps[0])  # the leader is half-way

    added = publish(course, LessonPage(title="Bài mới bắt buộc", slug="bai-moi", body=LESSON_BODY))

    services.step_complete(user=world.leader, step=steps[1])
    assert Enrollment.objects.get(user=world.cadre, course=course).completed_at is not None
    assert Enrollment.objects.get(user=world.leader, course=course).completed_at is None
    services.step_complete(user=world.leader, step=added)
    assert Enrollment.objects.get(user=world.leader, course=course).completed_at is not None
    assert len(completed_events) == 2


def test_withdrawing_keeps_history_and_enrolling_again_resumes(world):
    course, steps = build_course()
    services.enrollment_create(user=world.cadre, course=course)
    services.step_complete(user=world.cadre, step=steps[0])
    services.enrollment_withdraw(user=world.cadre, course=course)
    assert Enrollment.objects.get(user=world.cadre, course=course).withdrawn_at is not None
    assert StepCompletion.objects.filter(user=world.cadre).count() == 1
    services.enrollment_create(user=world.cadre, course=course)
    assert Enrollment.objects.get(user=world.cadre, course=course).withdrawn_at is None
