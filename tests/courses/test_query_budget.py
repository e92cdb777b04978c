"""Learner pages make the same number of queries whatever the number of steps, enrolments or images."""

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from courses import services
from courses.models import LessonPage, PracticePage
from tests.courses.builders import build_course, publish

pytestmark = pytest.mark.django_db


def _image(n):
    return get_image_model().objects.create(title=f"Ảnh {n}", file=get_test_image_file(filename=f"anh-{n}.png"))


def _lesson_body(image):
    return [
        {"type": "heading", "value": {"text": "Các bước", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Làm theo hướng dẫn.</p>"},
        {"type": "image", "value": {"image": image.pk, "alt_text": "Màn hình", "caption": "Bước 1"}},
        {
            "type": "step_by_step",
            "value": {
                "title": "Cài đặt",
                "steps": [{"text": "<p>Mở ứng dụng.</p>", "screenshot": image.pk, "screenshot_alt": "Màn hình"}],
            },
        },
    ]


def _add_steps(course, start, count):
    for n in range(start, start + count):
        if n % 3 == 2:
            publish(
                course,
                PracticePage(
                    title=f"Thực hành {n}",
                    slug=f"thuc-hanh-{n}",
                    instructions="<p>Làm.</p>",
                    checklist=[{"type": "item", "value": "Việc"}],
                ),
            )
        else:
            publish(course, LessonPage(title=f"Bài {n}", slug=f"bai-{n}", body=_lesson_body(_image(n))))


def test_course_page_queries_do_not_grow_with_steps(client, world, assert_constant_queries):
    course, _ = build_course(lessons=0)
    _add_steps(course, 0, 5)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)

    def measure():
        assert client.get(course.url).status_code == 200

    count = assert_constant_queries(measure, lambda: _add_steps(course, 5, 45), label="course page")
    print(f"course page: {count} queries with 5 and with 50 steps")


def test_step_page_queries_do_not_grow_with_steps_or_images(client, world, assert_constant_queries):
    course, _ = build_course(lessons=0)
    _add_steps(course, 0, 5)
    services.enrollment_create(user=world.cadre, course=course)
    lesson = LessonPage.objects.child_of(course).first()
    client.force_login(world.cadre)

    def measure():
        assert client.get(lesson.url).status_code == 200

    def grow():
        _add_steps(course, 5, 45)
        lesson.body = _lesson_body(_image(99)) * 6
        lesson.save_revision().publish()

    count = assert_constant_queries(measure, grow, label="lesson page")
    print(f"lesson page: {count} queries with 5 and with 50 steps")


def test_my_learning_queries_do_not_grow_with_enrolments(client, world, assert_constant_queries):
    first, _ = build_course(lessons=3)
    services.enrollment_create(user=world.cadre, course=first)
    client.force_login(world.cadre)

    def measure():
        assert client.get(reverse("courses:my_learning")).status_code == 200

    def grow():
        for n in range(19):
            course, steps = build_course(title=f"Khóa {n}", lessons=2)
            services.enrollment_create(user=world.cadre, course=course)
            services.step_complete(user=world.cadre, step=steps[0])

    count = assert_constant_queries(measure, grow, label="my learning")
    print(f"my learning: {count} queries with 1 and with 20 enrolments")
