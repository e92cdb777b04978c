"""Issue 15's journey in real browsers: a trainer shows the check-in QR code; a cadre's phone opens the code's
URL and is recorded present; a stale code is refused; the blended course completes and its certificate
is issued."""

import datetime

import pytest
from django.utils import timezone

from blended.checkin import current_window, make_token, read_token
from blended.models import Attendance, Invitation, SessionStepPage, TrainingSession
from courses import services as course_services
from courses.models import Enrollment
from tests.courses.builders import build_course, publish
from tests.factories import PASSWORD, CommuneFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def room(live_server):
    from accounts.roles import sync_roles

    commune = CommuneFactory(name="Xã Tân Lập")
    cadre = UserFactory(username="hoc_vien", full_name="Nguyễn Thị Mai", commune=commune, roles=["Cadres"])
    trainer = UserFactory(username="giang_vien", full_name="Phạm Minh Tâm", commune=None, roles=["Trainers"])
    sync_roles()
    course, steps = build_course(title="Dịch vụ công trực tuyến (kết hợp)", lessons=1, sequential=True)
    step = publish(course, SessionStepPage(title="Buổi thực hành tại xã", slug="buoi-thuc-hanh"))
    course_services.enrollment_create(user=cadre, course=course)
    course_services.step_complete(user=cadre, step=steps[0])
    now = timezone.now()
    session = TrainingSession.objects.create(
        title="Thực hành nộp hồ sơ trực tuyến",
        course=course,
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=2),
        place="Hội trường UBND xã Tân Lập",
        commune=commune,
        trainer=trainer,
        created_by=trainer,
    )
    Invitation.objects.create(session=session, user=cadre, invited_by=trainer)
    return {"cadre": cadre, "trainer": trainer, "course": course, "step": step, "session": session}


def test_trainer_shows_the_code_and_a_cadre_checks_in_and_completes_the_course(browser, live_server, room):
    from certificates.models import Certificate

    base = live_server.url
    session = room["session"]

    # The trainer's screen (a projector: desktop size).
    trainer = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    screen = trainer.new_page()
    screen.goto(base + "/admin/login/")
    screen.fill("#id_username", "giang_vien")
    screen.fill("#id_password", PASSWORD)
    screen.click("button[type=submit]")
    screen.wait_for_load_state()
    screen.goto(f"{base}/admin/training_sessions/checkin/{session.pk}/")
    assert screen.locator("#kns-checkin-qr svg").is_visible()
    path = screen.locator("#kns-checkin").get_attribute("data-checkin-path")
    assert read_token(path.rstrip("/").rsplit("/", 1)[1], session_id=session.pk)

    # The cadre's phone, not logged in, opens the code's URL: login first, then back to the code.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True)
    cadre = phone.new_page()
    cadre.goto(base + path)
    cadre.get_by_label("Tên đăng nhập hoặc số điện thoại").fill("hoc_vien")
    cadre.get_by_label("Mật khẩu").fill(PASSWORD)
    cadre.get_by_role("button", name="Đăng nhập").click()
    cadre.wait_for_url(base + path)

    # A code two windows old (a photo of the screen, a forwarded link) is refused, and records nothing.
    stale = make_token(session.pk, current_window() - 2)
    cadre.goto(f"{base}/learn/sessions/checkin/{stale}/")
    assert "Mã QR này đã hết hạn" in cadre.locator("main").inner_text()
    assert not Attendance.objects.exists()

    # The current code: "Có mặt" records the cadre present, once.
    cadre.goto(base + path)
    assert "Thực hành nộp hồ sơ trực tuyến" in cadre.locator("main").inner_text()
    cadre.get_by_role("button", name="Có mặt").click()
    cadre.wait_for_load_state()
    assert "Đã ghi nhận bạn có mặt" in cadre.locator("main").inner_text()
    attendance = Attendance.objects.get()
    assert (attendance.user, attendance.method) == (room["cadre"], "checkin")

    # The session step completed the blended course; its certificate was issued.
    enrollment = Enrollment.objects.get(user=room["cadre"], course=room["course"])
    assert enrollment.completed_at is not None
    certificate = Certificate.objects.get(user=room["cadre"], course_key=room["course"].course_key)
    assert certificate.status == "issued"
    cadre.goto(base + "/learn/my-learning/")
    assert "Hoàn thành ngày" in cadre.locator("main").inner_text()

    # The trainer's screen counts the cadre present (the roster too).
    screen.goto(f"{base}/admin/training_sessions/roster/{session.pk}/")
    assert "Nguyễn Thị Mai" in screen.locator("main").inner_text()
    assert screen.locator("[data-present]").get_attribute("data-present") == "1"
    trainer.close()
    phone.close()
