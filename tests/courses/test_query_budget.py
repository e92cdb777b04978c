"""Learner pages make a fixed, small number of queries, and showing a step writes nothing it already remembers.

Budgets (issue 12): a lesson page ≤ 12 queries, a course page ≤ 12, "my learning" ≤ 8, the same with 5
steps as with 50 (lessons with images, practice tasks) and with 1 enrolment as with 20. Each also checks
what the cadre sees, so a page that got cheaper by showing less would fail. The caches that make this
possible are tested for the changes that must show at once: a publish, a completion, a rename.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from courses import services
from courses.models import CourseIndexPage, Enrollment, LessonPage, PracticePage
from tests.courses.builders import build_course, publish

pytestmark = pytest.mark.django_db

LESSON_BUDGET = 12
COURSE_BUDGET = 12
MY_LEARNING_BUDGET = 8
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|BEGIN|SAVEPOINT)\b", re.IGNORECASE)


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


def _queries(func):
    with CaptureQueriesContext(connection) as ctx:
        func()
    return [query["sql"] for query in ctx.captured_queries]


def _within_budget(measure, grow, *, budget, label):
    """``measure`` makes at most ``budget`` queries, and the same number before and after ``grow``."""
    measure()  # warm what is legitimately made once (renditions, content types, cached routes)
    small = _queries(measure)
    grow()
    measure()
    large = _queries(measure)
    assert len(small) == len(large), f"{label}: {len(small)} queries at the small size, {len(large)} at the large"
    assert len(large) <= budget, f"{label}: {len(large)} queries, budget {budget}:\n" + "\n".join(large)
    return len(large)


def test_course_page_within_budget_whatever_the_steps(client, world):
    course, _ = build_course(lessons=0)
    _add_steps(course, 0, 5)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    expected = {"count": 5}

    def measure():
        response = client.get(course.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert course.title in html
        assert html.count('class="list-group-item') == expected["count"]
        assert "Học tiếp" in html

    def grow():
        _add_steps(course, 5, 45)
        expected["count"] = 50

    count = _within_budget(measure, grow, budget=COURSE_BUDGET, label="course page")
    print(f"course page: {count} queries with 5 and with 50 steps")


def test_lesson_page_within_budget_whatever_the_steps_or_images(client, world):
    course, _ = build_course(lessons=0)
    _add_steps(course, 0, 5)
    services.enrollment_create(user=world.cadre, course=course)
    lesson = LessonPage.objects.child_of(course).first()
    client.force_login(world.cadre)
    expected = {"steps": 5, "screenshots": 1}

    def measure():
        response = client.get(lesson.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert lesson.title in html
        assert "Đã học xong, sang bước tiếp" in html
        assert html.count('class="list-group-item') == expected["steps"]
        assert html.count('alt="Màn hình"') == 2 * expected["screenshots"]

    def grow():
        _add_steps(course, 5, 45)
        lesson.body = _lesson_body(_image(99)) * 6
        lesson.save_revision().publish()
        expected.update(steps=50, screenshots=6)

    count = _within_budget(measure, grow, budget=LESSON_BUDGET, label="lesson page")
    print(f"lesson page: {count} queries with 5 and with 50 steps")


def test_my_learning_within_budget_whatever_the_enrolments(client, world):
    first, _ = build_course(title="Khóa đầu tiên", lessons=3)
    services.enrollment_create(user=world.cadre, course=first)
    client.force_login(world.cadre)
    expected = {"courses": 1}

    def measure():
        response = client.get(reverse("courses:my_learning"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Khóa đầu tiên" in html
        assert sum(f"Khóa {n}" in html for n in range(19)) == expected["courses"] - 1

    def grow():
        for n in range(19):
            course, steps = build_course(title=f"Khóa {n}", lessons=2)
            services.enrollment_create(user=world.cadre, course=course)
            services.step_complete(user=world.cadre, step=steps[0])
        expected["courses"] = 20

    count = _within_budget(measure, grow, budget=MY_LEARNING_BUDGET, label="my learning")
    print(f"my learning: {count} queries with 1 and with 20 enrolments")


# --- Reads do not write ---------------------------------------------------------------------------


def test_showing_a_remembered_step_writes_nothing(client, world):
    course, steps = build_course(lessons=2)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    # The course page first: Wagtail creates the site's settings row on the first page ever shown.
    assert client.get(course.url).status_code == 200

    first_visit = _queries(lambda: client.get(steps[0].url))
    writes = [sql for sql in first_visit if WRITES.match(sql)]
    # The first visit remembers the step and when the cadre started: one UPDATE, no transaction.
    assert len(writes) == 1 and writes[0].lstrip().upper().startswith("UPDATE"), writes
    enrollment = Enrollment.objects.get(user=world.cadre, course=course)
    started = enrollment.started_at
    assert enrollment.last_step_id == steps[0].pk and started is not None

    again = _queries(lambda: client.get(steps[0].url))
    # No UPDATE, no INSERT, and no transaction opened: on SQLite a BEGIN takes the write lock.
    assert [sql for sql in again if WRITES.match(sql)] == []

    response = client.get(steps[1].url)
    assert response.status_code == 200
    enrollment.refresh_from_db()
    assert enrollment.last_step_id == steps[1].pk
    assert enrollment.started_at == started  # set once


def test_completion_still_recorded_once_and_shown_at_once(client, world):
    course, steps = build_course(lessons=2)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    done_badge = '<span class="badge text-bg-success">Đã xong</span>'
    assert done_badge not in client.get(course.url).content.decode()

    for _ in range(2):
        client.post(reverse("courses:lesson_complete", args=[steps[0].pk]))
    html = client.get(course.url).content.decode()
    assert html.count(done_badge) == 1  # the outline shows the completion at once, and once
    assert "Đã xong 1/2 bước bắt buộc" in html
    assert world.cadre.step_completions.filter(step=steps[0]).count() == 1


# --- What is cached is dropped when it changes ----------------------------------------------------


def test_a_published_change_shows_on_the_next_visit(client, world):
    course, steps = build_course(lessons=2)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    lesson = steps[0]
    assert lesson.title in client.get(lesson.url).content.decode()  # its route is cached now

    lesson.title = "Bài 1 đã sửa: ví điện tử"
    lesson.body = [{"type": "paragraph", "value": "<p>Nội dung mới về ví điện tử.</p>"}]
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert "Bài 1 đã sửa: ví điện tử" in html and "Nội dung mới về ví điện tử." in html
    assert "Chữ ký số giúp xác thực" not in html  # the cached rendering of the old body is gone
    assert "Bài 1 đã sửa: ví điện tử" in client.get(course.url).content.decode()  # and the cached outline

    # A new slug: the new URL serves the lesson, the old one no longer does.
    old_url = lesson.url
    lesson.slug = "bai-moi"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert client.get(lesson.url).status_code == 200
    assert client.get(old_url).status_code == 404

    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404


def test_the_header_catalogue_link_follows_the_page_tree(client, world):
    build_course(lessons=1)
    index = CourseIndexPage.objects.get()
    client.force_login(world.cadre)
    assert f'href="{index.url}"' in client.get(reverse("courses:my_learning")).content.decode()

    index.slug = "danh-muc"
    index.save_revision().publish()
    index.refresh_from_db()
    html = client.get(reverse("courses:my_learning")).content.decode()
    assert 'href="/danh-muc/"' in html
    assert client.get("/danh-muc/").status_code == 200


def test_userbar_only_for_people_who_work_in_the_admin(client, world):
    course, _ = build_course(lessons=1)
    client.force_login(world.cadre)
    assert "wagtail-userbar" not in client.get(course.url).content.decode()
    client.force_login(world.trainer)
    assert "wagtail-userbar" in client.get(course.url).content.decode()


def test_organisation_settings_show_at_once_when_saved(client, world):
    from wagtail.models import Site

    from home.models import OrganisationSettings

    course, _ = build_course(lessons=1)
    assert "Ban Tuyên giáo và Dân vận" in client.get(course.url).content.decode()
    settings = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.name = "Ban Tuyên giáo tỉnh Alpha"
    settings.save()
    html = client.get(course.url).content.decode()
    assert "Ban Tuyên giáo tỉnh Alpha" in html
    assert f'href="{CourseIndexPage.objects.get().url}"' in html  # the breadcrumb to the catalogue
