"""Offline reading of one course on a phone: save it, read a lesson with no network, mark it done, sync once."""

import io
import re
import time

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from courses import services
from courses.models import LessonPage, StepCompletion
from tests.courses.builders import LESSON_BODY, build_course
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# The status line once the course is saved ("Đã lưu 2 bài học (… KB). Có thể đọc khi không có mạng.").
SAVED = "() => document.querySelector('[data-offline-status]').textContent.includes('Có thể đọc')"


def login(page, base, username):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def wait_for(condition, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def saved_course(world):
    buffer = io.BytesIO()
    PILImage.new("RGB", (480, 270), "#3a6ea5").save(buffer, format="PNG")
    picture = Image.objects.create(title="Màn hình VNeID", file=ImageFile(buffer, name="vneid.png"))
    course, steps = build_course(title="Định danh điện tử cho cán bộ xã", lessons=2, practice="self_check")
    first = LessonPage.objects.get(pk=steps[0].pk)
    first.body = [
        *LESSON_BODY,
        {"type": "image", "value": {"image": picture.pk, "alt_text": "Màn hình chính của VNeID", "caption": ""}},
    ]
    first.save_revision().publish()
    services.enrollment_create(user=world.cadre, course=course)
    return course, steps


def test_cadre_reads_a_saved_lesson_offline_and_the_completion_is_recorded_once(page, live_server, world, saved_course):
    course, steps = saved_course
    base = live_server.url
    login(page, base, "cadre_a1")

    page.goto(base + course.url)
    page.get_by_role("button", name="Lưu khóa học để đọc khi không có mạng").click()
    status = page.locator("[data-offline-status]")
    page.wait_for_function("() => document.querySelector('[data-offline-status]').textContent.includes('2 bài học')")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_function(SAVED)
    assert re.match(r"Đã lưu 2 bài học \(\d+ KB\)", status.inner_text()), status.inner_text()

    # From now on the service worker controls the pages.
    page.reload()
    assert page.evaluate("() => navigator.serviceWorker.controller !== null")

    page.context.set_offline(True)
    page.goto(base + steps[0].url)
    assert "Chữ ký số là gì?" in page.locator("main").inner_text()
    picture = page.get_by_role("img", name="Màn hình chính của VNeID")
    picture.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const i = document.querySelector('main img'); return i && i.complete && i.naturalWidth > 0; }"
    )
    # A page never saved says so instead of the browser's error.
    page.goto(base + "/learn/my-learning/")
    assert "Không có mạng" in page.locator("h1").inner_text()

    # "Đã học xong" pressed twice while offline: kept on the phone, nothing reaches the server.
    for _ in range(2):
        page.goto(base + steps[0].url)
        page.get_by_role("button", name="Đã học xong, sang bước tiếp").click()
        page.wait_for_load_state()
        assert "Đã ghi nhận khi không có mạng" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="Sang bước tiếp →").get_attribute("href") == steps[1].url
    assert not StepCompletion.objects.filter(user=world.cadre).exists()

    # Back online: the queued press goes by itself and is recorded once.
    page.context.set_offline(False)
    page.goto(base + course.url)
    assert wait_for(lambda: StepCompletion.objects.filter(user=world.cadre).exists())
    page.evaluate("() => navigator.serviceWorker.controller.postMessage({type: 'replay'})")
    page.reload()
    page.wait_for_timeout(1000)
    assert StepCompletion.objects.filter(user=world.cadre, step_id=steps[0].pk).count() == 1
    assert StepCompletion.objects.filter(user=world.cadre).count() == 1
    assert "Đã xong 1/3 bước bắt buộc." in page.locator("main").inner_text()


def test_only_lessons_are_saved_the_other_steps_need_the_network(page, live_server, world, saved_course):
    """Practice tasks and quizzes are not saved: offline they show the "no network" page."""
    course, steps = saved_course
    base = live_server.url
    login(page, base, "cadre_a1")
    page.goto(base + course.url)
    page.get_by_role("button", name="Lưu khóa học để đọc khi không có mạng").click()
    page.wait_for_function("() => document.querySelector('[data-offline-status]').textContent.includes('2 bài học')")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_function(SAVED)
    page.reload()

    page.context.set_offline(True)
    page.goto(base + steps[1].url)
    assert steps[1].title in page.locator("h1").inner_text()
    page.goto(base + steps[2].url)
    assert "Không có mạng" in page.locator("h1").inner_text()
