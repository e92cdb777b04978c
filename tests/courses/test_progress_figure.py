"""One progress figure everywhere (issue 10, item 6): a completed course stays 100 % after a
trainer adds a step, on the course page, a step page, "Việc học của tôi", the manager's cadre page
and the team leader's page (``courses.progress.progress_percent``)."""

import re

import pytest
from django.urls import reverse

from courses import services
from courses.models import Enrollment, LessonPage
from courses.progress import progress_percent
from tests.courses.builders import LESSON_BODY, build_course, publish

pytestmark = pytest.mark.django_db


def bar_percent(html: str) -> list[int]:
    return [int(value) for value in re.findall(r'aria-valuenow="(\d+)"', html)]


@pytest.fixture
def completed_then_grown(world):
    """The demo's case: a cadre completes a seven-lesson course, then a trainer adds an eighth."""
    course, steps = build_course(title="Chữ ký số cho cán bộ", lessons=7)
    services.enrollment_create(user=world.cadre, course=course)
    for step in steps:
        services.step_complete(user=world.cadre, step=step)
    assert Enrollment.objects.get(user=world.cadre, course=course).completed_at is not None
    added = publish(course, LessonPage(title="Bài 8: bài mới", slug="bai-8", body=LESSON_BODY))
    return course, added


def test_course_page_keeps_a_completed_course_at_100(client, world, completed_then_grown):
    course, added = completed_then_grown
    client.force_login(world.cadre)
    html = client.get(course.url).content.decode()
    assert "Bạn đã hoàn thành khóa học này." in html
    assert bar_percent(html) == [100]
    assert "Đã xong 7/8" not in html and "88%" not in html
    assert "Hoàn thành ngày" in html
    # The new lesson is still there to read, on its own page with the same figure.
    step_html = client.get(added.url).content.decode()
    assert bar_percent(step_html) == [100]


def test_my_learning_and_manager_pages_agree(client, world, completed_then_grown):
    course, _added = completed_then_grown
    client.force_login(world.cadre)
    assert bar_percent(client.get(reverse("courses:my_learning")).content.decode()) == [100]
    client.force_login(world.manager_a)
    cadre_page = client.get(reverse("reports_admin:cadre", args=[world.cadre.pk])).content.decode()
    assert 'value="100"' in cadre_page and "100%" in cadre_page
    client.force_login(world.leader)
    team_page = client.get(reverse("reports:team_page", args=[world.team_a1.pk])).content.decode()
    assert 100 in bar_percent(team_page)


def test_a_course_not_completed_counts_current_required_steps(client, world):
    course, steps = build_course(lessons=8)
    services.enrollment_create(user=world.cadre, course=course)
    for step in steps[:7]:
        services.step_complete(user=world.cadre, step=step)
    client.force_login(world.cadre)
    html = client.get(course.url).content.decode()
    assert bar_percent(html) == [88]
    assert "Đã xong 7/8 bước bắt buộc." in html
    assert bar_percent(client.get(reverse("courses:my_learning")).content.decode()) == [88]


@pytest.mark.parametrize(
    ("completed", "done", "total", "expected"),
    [
        (True, 7, 8, 100),
        (True, 0, 0, 100),
        (False, 0, 0, 0),
        (False, 7, 8, 88),
        (False, 199, 200, 99),
        (False, 3, 2, 99),
    ],
)
def test_progress_percent_rule(completed, done, total, expected):
    assert progress_percent(completed=completed, required_done=done, required_total=total) == expected
