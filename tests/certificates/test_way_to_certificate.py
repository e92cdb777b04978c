"""The way to the certificate: a completed course shows its certificate's state and leads to it.

Pages: the quiz's result page, the course page, "Việc học của tôi", and the waiting page that
refreshes itself until the PDF is ready. Real quiz attempts, the real completion signal and the
real render task; the render runs when the test says (its on-commit callback), so the pending
state can be seen first.
"""

import re

import pytest
from django.urls import reverse

from certificates.models import Certificate
from certificates.tasks import render_certificate
from courses import services as course_services
from quizzes import services as quiz_services
from tests.certificates.helpers import complete, pdf_text
from tests.conftest import count_queries
from tests.courses.builders import build_course
from tests.quizzes.builders import answer_form, quiz_setup

pytestmark = pytest.mark.django_db

WAITING = "Chứng nhận của bạn đang được chuẩn bị"
READY = "Chứng nhận của bạn đã được cấp"


def _pass_last_quiz(world, client):
    course, steps, quiz, _bank = quiz_setup(world, lessons=1)
    course_services.step_complete(user=world.cadre, step=steps[0])
    client.force_login(world.cadre)
    attempt = quiz_services.attempt_start(user=world.cadre, quiz=quiz)
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]), answer_form(attempt))
    assert response.status_code == 302
    return course, attempt


def test_the_result_page_leads_from_pending_to_the_pdf(client, world):
    course, attempt = _pass_last_quiz(world, client)
    certificate = Certificate.objects.get(user=world.cadre, course_key=course.course_key)
    assert certificate.status == Certificate.Status.PENDING  # its render waits for the commit

    result = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert 'data-quiz-outcome="passed"' in result
    assert 'data-certificate-state="preparing"' in result
    waiting_url = reverse("certificates:for_course", args=[course.pk])
    assert f'href="{waiting_url}"' in result

    # The waiting page says so and refreshes itself, with or without JavaScript.
    waiting = client.get(waiting_url)
    assert waiting.status_code == 200
    body = waiting.content.decode()
    assert WAITING in body
    assert re.search(r'<meta http-equiv="refresh" content="\d+">', body)
    assert reverse("certificates:download", args=[certificate.pk]) not in body

    render_certificate(certificate.pk)
    ready = client.get(waiting_url).content.decode()
    assert READY in ready
    assert 'http-equiv="refresh"' not in ready
    download = reverse("certificates:download", args=[certificate.pk])
    assert f'href="{download}"' in ready
    response = client.get(download)
    assert response.status_code == 200
    assert world.cadre.full_name in pdf_text(b"".join(response.streaming_content))
    # And the result page now links straight to the PDF.
    assert f'href="{download}"' in client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()


def test_course_page_and_my_learning_show_the_certificate(client, world, django_capture_on_commit_callbacks):
    done, done_steps = build_course(title="Khóa đã xong", lessons=1)
    with django_capture_on_commit_callbacks(execute=True):
        complete(world.cadre, done, done_steps)
    certificate = Certificate.objects.get(user=world.cadre, course_key=done.course_key)
    assert certificate.status == Certificate.Status.ISSUED
    waiting, waiting_steps = build_course(title="Khóa đang chờ chứng nhận", lessons=1)
    complete(world.cadre, waiting, waiting_steps)  # no commit: its certificate stays pending
    studying, _steps = build_course(title="Khóa đang học", lessons=2)
    course_services.enrollment_create(user=world.cadre, course=studying)
    client.force_login(world.cadre)

    page = client.get(done.url).content.decode()
    assert "Bạn đã hoàn thành khóa học này." in page
    assert f'href="{reverse("certificates:download", args=[certificate.pk])}"' in page
    assert WAITING in client.get(waiting.url).content.decode()
    assert "data-certificate-state" not in client.get(studying.url).content.decode()

    mine = client.get(reverse("courses:my_learning")).content.decode()
    assert mine.count('data-certificate-state="ready"') == 1
    assert mine.count('data-certificate-state="preparing"') == 1
    assert mine.count("data-certificate-state") == 2
    assert reverse("certificates:for_course", args=[waiting.pk]) in mine


def test_a_revoked_certificate_says_so(client, world, django_capture_on_commit_callbacks):
    course, steps = build_course(title="Khóa bị thu hồi", lessons=1)
    with django_capture_on_commit_callbacks(execute=True):
        complete(world.cadre, course, steps)
    Certificate.objects.filter(user=world.cadre).update(status=Certificate.Status.REVOKED)
    client.force_login(world.cadre)
    page = client.get(course.url).content.decode()
    assert 'data-certificate-state="revoked"' in page
    assert "đã bị thu hồi" in page


def test_the_waiting_page_is_only_for_a_course_one_completed(client, world):
    course, _steps = build_course(title="Khóa chưa xong", lessons=1)
    course_services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    assert client.get(reverse("certificates:for_course", args=[course.pk])).status_code == 404
    client.force_login(world.leader)
    assert client.get(reverse("certificates:for_course", args=[course.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("certificates:for_course", args=[course.pk])).status_code == 302


def test_my_learning_pays_one_query_for_every_certificate_at_once(client, world, django_capture_on_commit_callbacks):
    """The panels cost one query whatever the number of completed courses; none when nothing is completed."""
    client.force_login(world.cadre)
    first, steps = build_course(title="Khóa 0", lessons=1)
    course_services.enrollment_create(user=world.cadre, course=first)

    def measure():
        response = client.get(reverse("courses:my_learning"))
        assert response.status_code == 200
        return response.content.decode()

    measure()
    nothing_completed = count_queries(measure)
    with django_capture_on_commit_callbacks(execute=True):
        for step in steps:
            course_services.step_complete(user=world.cadre, step=step)
    measure()
    one_completed = count_queries(measure)
    assert one_completed == nothing_completed + 1
    for n in range(1, 8):
        course, steps = build_course(title=f"Khóa {n}", lessons=1)
        with django_capture_on_commit_callbacks(execute=True):
            complete(world.cadre, course, steps)
    assert measure().count('data-certificate-state="ready"') == 8
    assert count_queries(measure) == one_completed


def test_the_course_page_pays_at_most_one_query_for_the_certificate(client, world, django_capture_on_commit_callbacks):
    course, steps = build_course(title="Khóa một bài", lessons=2)
    course_services.enrollment_create(user=world.cadre, course=course)
    course_services.step_complete(user=world.cadre, step=steps[0])
    client.force_login(world.cadre)

    def measure():
        response = client.get(course.url)
        assert response.status_code == 200
        return response.content.decode()

    measure()
    studying = count_queries(measure)
    with django_capture_on_commit_callbacks(execute=True):
        course_services.step_complete(user=world.cadre, step=steps[1])
    assert 'data-certificate-state="ready"' in measure()
    assert count_queries(measure) <= studying + 1
