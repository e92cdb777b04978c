"""Phone first, in a real browser at 390×844: the menu works with JavaScript off, progress is readable."""

import pytest

from courses import services
from courses.models import LessonPage
from tests.courses.builders import build_course
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(
        java_script_enabled=False, viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    context.close()


# With JavaScript off, Playwright's role and label queries do not run in Chromium; CSS and text ones do.
def login(page, base, username):
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()


def open_menu(page):
    menu = page.locator("details.site-menu")
    assert menu.get_attribute("open") is None
    page.locator("details.site-menu > summary").click()
    assert menu.get_attribute("open") is not None
    return page.locator("nav[aria-label='Điều hướng chính']")


def menu_link(scope, name):
    return scope.locator("a.site-menu-link", has_text=name)


def assert_on_screen(page, locator):
    box = locator.bounding_box()
    assert box is not None, "not displayed"
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box


@pytest.mark.parametrize(
    ("username", "links"),
    [
        (
            "cadre_a1",
            {
                "Khóa học": "Khóa học",
                "Việc học của tôi": "Việc học của tôi",
                "Chứng nhận của tôi": "Chứng nhận của tôi",
                "Trần Thị Học Viên": "Tài khoản",
                "Đổi mật khẩu": "Đổi mật khẩu",
            },
        ),
        (
            "leader_a1",
            {
                "Khóa học": "Khóa học",
                "Việc học của tôi": "Việc học của tôi",
                "Chứng nhận của tôi": "Chứng nhận của tôi",
                "Duyệt minh chứng": "Duyệt minh chứng",
                "Tổ của tôi": "Tổ công nghệ số thôn Đông",
                "Lê Văn Tổ Trưởng": "Tài khoản",
                "Đổi mật khẩu": "Đổi mật khẩu",
            },
        ),
    ],
)
def test_every_menu_link_opens_at_390px_with_javascript_off(no_js_page, live_server, world, username, links):
    build_course(title="Chữ ký số cho cán bộ xã")  # the catalogue exists, so its link is in the menu
    page = no_js_page
    base = live_server.url
    login(page, base, username)

    for name, heading in links.items():
        page.goto(base + "/")
        # Closed, the menu hides its links; a tap on "Menu" (a <details>, no script) shows them all.
        assert not menu_link(page, name).first.is_visible()
        nav = open_menu(page)
        link = menu_link(nav, name)
        assert link.count() == 1
        assert_on_screen(page, link)
        link.click()
        page.wait_for_load_state()
        assert heading in page.locator("h1").first.inner_text(), f"{name} led to {page.url}"

    page.goto(base + "/")
    nav = open_menu(page)
    logout = nav.locator("button", has_text="Đăng xuất")
    assert_on_screen(page, logout)
    logout.click()
    page.wait_for_load_state()
    page.goto(base + "/")
    open_menu(page)
    assert menu_link(page, "Đăng nhập").is_visible()


def progress_course(title, *, lessons, done, complete=False, cadre):
    course, steps = build_course(title=title, lessons=lessons)
    services.enrollment_create(user=cadre, course=course)
    for step in steps[: len(steps) if complete else done]:
        services.step_complete(user=cadre, step=LessonPage.objects.get(pk=step.pk))
    return course, steps


def measure(page, meter):
    return meter.evaluate(
        """(el) => {
            const track = el.querySelector('.progress-meter-track').getBoundingClientRect();
            const fill = el.querySelector('.progress-meter-fill').getBoundingClientRect();
            const label = el.querySelector('.progress-meter-label');
            const box = label.getBoundingClientRect();
            return {track: track.width, fill: fill.width, left: box.left, right: box.right,
                    clipped: label.scrollWidth > label.clientWidth, text: label.textContent.trim(),
                    value: Number(el.getAttribute('aria-valuenow'))};
        }"""
    )


def check_bar(reading, value):
    assert reading["value"] == value
    assert reading["text"] == f"{value}%"
    # The bar uses the width of the phone (it was 19–27 px whatever the value) ...
    assert reading["track"] > 200, reading
    # ... its fill is the value's share of it ...
    assert abs(reading["fill"] - reading["track"] * value / 100) <= 1.5, reading
    # ... and its label is whole and on screen.
    assert not reading["clipped"], reading
    assert 0 <= reading["left"] and reading["right"] <= PHONE["width"], reading


def test_progress_bar_is_proportional_and_its_label_readable_at_390px(page, live_server, world):
    cadre = world.cadre
    cases = {
        0: progress_course("Tiến độ 0", lessons=1, done=0, cadre=cadre),
        5: progress_course("Tiến độ 5", lessons=20, done=1, cadre=cadre),
        50: progress_course("Tiến độ 50", lessons=2, done=1, cadre=cadre),
        88: progress_course("Tiến độ 88", lessons=8, done=7, cadre=cadre),
        100: progress_course("Tiến độ 100", lessons=1, done=1, complete=True, cadre=cadre),
    }
    base = live_server.url
    login(page, base, "cadre_a1")

    page.goto(base + "/learn/my-learning/")
    readings = {}
    for card in page.locator("article.card").all():
        title = card.locator("h2").inner_text()
        readings[int(title.rsplit(" ", 1)[-1])] = measure(page, card.get_by_role("progressbar"))
    assert set(readings) == set(cases)
    for value, reading in readings.items():
        check_bar(reading, value)

    # On a step page the bar sits at the top of the lesson: the same, whatever the value.
    for value, (_course, steps) in cases.items():
        page.goto(base + steps[-1].url)
        check_bar(measure(page, page.get_by_role("progressbar")), value)


def wav_bytes(seconds: int, rate: int = 16000) -> bytes:
    """A real, playable recording (a quiet tone): Chromium decodes WAV in a <video> as in an <audio>."""
    import io
    import math
    import struct
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        tone = [int(3000 * math.sin(2 * math.pi * 440 * n / rate)) for n in range(rate)]
        second = struct.pack(f"<{rate}h", *tone)
        out.writeframes(second * seconds)
    return buffer.getvalue()


def test_lesson_video_seeks_on_a_phone(page, live_server, world):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    data = wav_bytes(90)
    document = Document(title="Bài giảng", file=ContentFile(data, name="bai-giang.wav"))
    document.file_size = len(data)
    document.save()
    course, steps = build_course(title="Video trên điện thoại", lessons=1)
    lesson = LessonPage.objects.get(pk=steps[0].pk)
    lesson.body = [{"type": "video", "value": {"title": "Bài giảng", "video": document.pk, "duration_seconds": 90}}]
    lesson.save_revision().publish()
    services.enrollment_create(user=world.cadre, course=course)

    answers = []
    page.on(
        "response",
        lambda response: (
            answers.append((response.status, response.request.headers.get("range")))
            if "/documents/" in response.url
            else None
        ),
    )
    base = live_server.url
    login(page, base, "cadre_a1")
    page.goto(base + lesson.url)
    # Nothing is fetched before the cadre asks (preload="none"); the size is shown.
    assert answers == []
    assert "1:30" in page.locator("main figure").inner_text()

    result = page.evaluate(
        """async () => {
            const video = document.querySelector('main video');
            video.muted = true;
            await video.play();
            video.pause();
            const seekable = video.seekable.length ? video.seekable.end(0) : 0;
            video.currentTime = 75;
            await new Promise((done) => video.addEventListener('seeked', done, {once: true}));
            return {duration: video.duration, seekable: seekable, time: video.currentTime};
        }"""
    )
    assert abs(result["duration"] - 90) < 0.5, result
    # The player knows it can reach every second: the server said it takes ranges.
    assert abs(result["seekable"] - 90) < 0.5, result
    assert abs(result["time"] - 75) < 0.5, result
    # Every answer to the player was a part of the file (Chromium's media requests always send Range).
    assert answers and all(status == 206 for status, _range in answers), answers
