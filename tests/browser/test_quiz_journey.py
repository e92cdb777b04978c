"""A real browser on a phone: a cadre fails a timed quiz, waits, passes it; and a quiz whose time runs out.

Data is built in each test (transactional database: the harness rebuilds the site tree),
with a small wait and a small time limit so the journeys take seconds.
"""

import re

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from courses import services as course_services
from quizzes.models import Attempt, Choice
from tests.courses.builders import build_course
from tests.factories import PASSWORD, UserFactory
from tests.quizzes.builders import build_bank, build_quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _course_with_quiz(cadre, **quiz_fields):
    course, steps = build_course(title="Kỹ năng số cơ bản cho cán bộ cơ sở", lessons=1)
    bank = build_bank(questions=6, mixed=False)
    quiz = build_quiz(course, banks=[bank], question_count=5, **quiz_fields)
    course_services.enrollment_create(user=cadre, course=course)
    course_services.step_complete(user=cadre, step=steps[0])
    return course, quiz


def _tokens(attempt: Attempt, *, correct: bool) -> list[str]:
    keys = set(
        Choice.objects.filter(question_id__in=[i["q"] for i in attempt.snapshot], is_correct=True).values_list(
            "pk", flat=True
        )
    )
    picked = []
    for item in attempt.snapshot:
        matching = [token for choice_id, token in item["c"] if (choice_id in keys) is correct]
        picked.append(matching[0])
    return picked


def _open_attempt(cadre, quiz) -> Attempt:
    return Attempt.objects.get(user=cadre, quiz=quiz, status=Attempt.Status.OPEN)


def _answer(page, attempt, *, correct: bool):
    for token in _tokens(attempt, correct=correct):
        page.locator(f'input[value="{token}"]').check()


def _log_in_with_cookie(context, user, base_url):
    client = Client()
    client.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": base_url}])


def test_demo_cadre_fails_a_timed_quiz_waits_and_passes(page, live_server):
    cadre = UserFactory(username="demo_cadre", full_name="Nguyễn Thị Lan", roles=["Cadres"])
    course, quiz = _course_with_quiz(cadre, time_limit_seconds=600, min_wait_seconds=3, attempt_limit=3)

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill("demo_cadre")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + "/")

    page.goto(live_server.url + quiz.url)
    assert page.viewport_size == {"width": 390, "height": 844}
    expect(page.locator("main")).to_contain_text("Thời gian làm bài: 10 phút")
    page.get_by_role("button", name="Bắt đầu làm bài").click()

    # First attempt: every answer wrong. The countdown runs and answers autosave.
    expect(page.locator("[data-quiz-timer]")).to_contain_text(re.compile(r"Thời gian còn lại: (9|10):\d\d"))
    attempt = _open_attempt(cadre, quiz)
    _answer(page, attempt, correct=False)
    expect(page.locator("[data-save-status]")).to_contain_text("Đã lưu lúc")
    assert len(Attempt.objects.get(pk=attempt.pk).answers) == 5
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator("[data-quiz-outcome]")).to_contain_text("Chưa đạt")
    expect(page.locator("[data-quiz-score]")).to_have_text("0%")

    # The wait between attempts: the button unlocks itself after three seconds.
    page.get_by_role("link", name="Về bài kiểm tra").click()
    retry = page.get_by_role("button", name="Làm lại bài kiểm tra")
    expect(retry).to_be_disabled()
    expect(retry).to_be_enabled(timeout=10_000)
    retry.click()

    attempt = _open_attempt(cadre, quiz)
    assert attempt.number == 2
    _answer(page, attempt, correct=True)
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator("[data-quiz-outcome]")).to_contain_text("Đạt. Bước học này đã được ghi nhận hoàn thành.")
    expect(page.locator("[data-quiz-score]")).to_have_text("100%")

    page.get_by_role("link", name="Về bài kiểm tra").click()
    expect(page.locator("main")).to_contain_text("Bạn đã hoàn thành bước này.")
    expect(page.locator("main")).to_contain_text("Bạn đã đạt bài kiểm tra này. Điểm cao nhất: 100%.")
    assert course_services.active_enrollment(user=cadre, course=course).completed_at is not None


def test_time_runs_out_and_the_countdown_hands_the_quiz_in(page, live_server, settings):
    settings.KNS_QUIZ_GRACE_SECONDS = 3
    cadre = UserFactory(username="canbo_het_gio", roles=["Cadres"])
    _course, quiz = _course_with_quiz(cadre, time_limit_seconds=6)
    _log_in_with_cookie(page.context, cadre, live_server.url)

    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    attempt = _open_attempt(cadre, quiz)
    page.locator(f'input[value="{_tokens(attempt, correct=True)[0]}"]').check()

    # Nobody presses "Nộp bài": at zero the page hands the attempt in, and the server grades it.
    expect(page.locator("[data-quiz-outcome]")).to_contain_text("Chưa đạt", timeout=15_000)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and not attempt.late
    assert attempt.score == 20 and attempt.items.count() == 5
    expect(page.locator("main")).to_contain_text("20%")


def test_time_runs_out_without_javascript_and_the_server_closes_the_attempt(browser, live_server, settings):
    settings.KNS_QUIZ_GRACE_SECONDS = 1
    cadre = UserFactory(username="canbo_khong_js", roles=["Cadres"])
    _course, quiz = _course_with_quiz(cadre, time_limit_seconds=3)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844}, locale="vi-VN")
    try:
        _log_in_with_cookie(context, cadre, live_server.url)
        page = context.new_page()
        page.goto(live_server.url + quiz.url)
        page.get_by_role("button", name="Bắt đầu làm bài").click()
        attempt = _open_attempt(cadre, quiz)
        for token in _tokens(attempt, correct=True)[:2]:
            page.locator(f'input[value="{token}"]').check()
        page.get_by_role("button", name="Lưu tạm, làm tiếp sau").click()
        expect(page.locator("main")).to_contain_text("Đã lưu bài làm")

        page.wait_for_timeout(4_500)  # past the deadline and the grace; nothing was submitted
        page.reload()
        expect(page.locator("main")).to_contain_text("Đã hết giờ làm bài")
        expect(page.locator("main")).to_contain_text("Hết giờ, hệ thống tự thu bài")
        expect(page.locator("[data-quiz-score]")).to_have_text("40%")
        attempt.refresh_from_db()
        assert attempt.status == Attempt.Status.EXPIRED and attempt.score == 40
    finally:
        context.close()
