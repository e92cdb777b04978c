"""Issue 10's journey in a real browser: a province rolls a course out to a commune, without e-mail.

A province manager creates an assignment rule for a commune in the admin; a cadre imported
afterwards (through the admin's cadre import) is assigned the course with its due date; the manager
prints the commune's login sheets; the cadre logs in for the first time with the code read back from
that PDF (pypdf), from the address its QR code opens, sets a password and sees the course and its due
date in "Việc học của tôi"; later, having forgotten the password, asks for a code by SMS. The SMS
gateway is a real HTTP server on 127.0.0.1 (tests/notifications/gateway.py): it must receive exactly
one message per notice.
"""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import formats, translation
from pypdf import PdfReader

from tests.courses.builders import build_course
from tests.factories import PASSWORD, CommuneFactory, ManagerScopeFactory, ProvinceFactory
from tests.notifications.gateway import running_gateway

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = re.compile(r"\b(\d{4} \d{4})\b")
PHONE = "0912 777 001"


@pytest.fixture
def gateway(settings):
    with running_gateway() as gateway:
        settings.NOTIFY_CHANNELS = ["sms"]
        settings.NOTIFY_BACKENDS = {**settings.NOTIFY_BACKENDS, "sms": "http"}
        settings.NOTIFY_SMS_URL = gateway.url
        yield gateway


@pytest.fixture
def province(live_server, settings):
    settings.PUBLIC_BASE_URL = live_server.url
    from accounts.roles import sync_roles

    sync_roles()
    province = ProvinceFactory(name="Tỉnh Bắc Ninh")
    commune = CommuneFactory(province=province, name="Xã Tam Giang", code="09001")
    CommuneFactory(province=province, name="Xã Yên Trung", code="09002")
    manager = ManagerScopeFactory(
        user__username="quanly_tinh", user__full_name="Lê Thu Hà", user__commune=commune, province=province
    ).user
    course, _steps = build_course(title="Chuyển đổi số cho cán bộ cơ sở", lessons=2)
    return {"commune": commune, "manager": manager, "course": course}


def admin_login(page, base):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "quanly_tinh")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_province_rolls_a_course_out_to_a_commune_without_email(page, live_server, province, gateway, tmp_path):
    base = live_server.url
    due = dt.date.today() + dt.timedelta(days=30)
    course = province["course"]

    # 1. The province manager assigns the course to the commune (a rule), with a due date.
    admin_login(page, base)
    page.goto(base + "/admin/assignments/new/")
    page.select_option("#id_course", value=str(course.pk))
    page.select_option("#id_commune", value=str(province["commune"].pk))
    page.fill("#id_due_date", due.isoformat())
    page.get_by_role("button", name="Giao khóa học").last.click()
    page.wait_for_load_state()
    assert "Đã tạo quy tắc giao khóa học" in page.locator("body").inner_text()
    assert gateway.received == []  # nobody lives in the commune yet

    # 2. A cadre is imported afterwards, through the admin's cadre import (check, then import).
    sheet = tmp_path / "can-bo-tam-giang.csv"
    sheet.write_text(
        "Tên đăng nhập,Họ và tên,Số điện thoại,Mã xã phường\nhoa.tran,Trần Thị Hoa," + PHONE + ",09001\n",
        encoding="utf-8",
    )
    page.goto(base + "/admin/cadre-import/")
    page.set_input_files("input[type=file]", str(sheet))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Nhập").click()
    page.wait_for_load_state()
    assert "Đã nhập xong" in page.locator("body").inner_text()

    # The rule reached her: one SMS, to her number, naming the course.
    assert len(gateway.received) == 1
    assignment_sms = gateway.received[0].body
    assert assignment_sms["to"] == "+84912777001"
    assert course.title in assignment_sms["text"]

    # 3. The manager prints the commune's login sheets and downloads the PDF.
    page.goto(base + "/admin/login-sheets/")
    page.select_option("#id_commune", value=str(province["commune"].pk))
    page.get_by_role("button", name="Chọn").click()
    page.wait_for_load_state()
    assert page.locator("[data-kns-sheet-count]").inner_text() == "1"
    page.get_by_role("button", name="In phiếu").click()
    page.wait_for_load_state()
    with page.expect_download() as download_info:
        page.locator("[data-kns-sheet-download]").click()
    pdf = download_info.value.path().read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Trần Thị Hoa" in text and "hoa.tran" in text
    code = CODE.search(text[text.index("hoa.tran") :]).group(1)
    printed_url = re.search(r"(http://\S+/accounts/code/\?username=hoa\.tran)", text.replace("\n", "")).group(1)

    # 4. The cadre, on her phone, opens the sheet's address (what its QR code holds) and types the code.
    cadre = page.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    phone = cadre.new_page()
    phone.goto(printed_url)
    assert phone.get_by_label("Tên đăng nhập hoặc số điện thoại").input_value() == "hoa.tran"
    phone.get_by_label("Mã đăng nhập một lần").fill(code)
    phone.get_by_role("button", name="Đăng nhập").click()
    phone.wait_for_url(re.compile(r"/accounts/password/new/"))
    new_password = "Tam-Giang-2026-hoc"
    phone.fill("#id_new_password1", new_password)
    phone.fill("#id_new_password2", new_password)
    phone.get_by_role("button", name="Lưu mật khẩu").click()
    phone.wait_for_load_state()

    # The course is there, with its due date.
    phone.goto(base + reverse("courses:my_learning"))
    mine = phone.locator("main").inner_text()
    assert course.title in mine
    with translation.override("vi"):
        assert "Hạn " + formats.date_format(due, "SHORT_DATE_FORMAT") in mine

    # 5. Months later she has forgotten the password: a code by SMS, one message, and she is in again.
    cadre.clear_cookies()
    phone.goto(base + "/accounts/login/")
    phone.get_by_role("link", name="Quên mật khẩu? Nhận mã đăng nhập qua tin nhắn").click()
    phone.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(PHONE)
    phone.get_by_role("button", name="Gửi mã cho tôi").click()
    phone.wait_for_load_state()
    assert len(gateway.received) == 2
    code_sms = gateway.received[1].body
    assert code_sms["to"] == "+84912777001"
    sms_code = CODE.search(code_sms["text"]).group(1)
    assert phone.get_by_label("Tên đăng nhập hoặc số điện thoại").input_value() == PHONE
    phone.get_by_label("Mã đăng nhập một lần").fill(sms_code)
    phone.get_by_role("button", name="Đăng nhập").click()
    phone.wait_for_url(re.compile(r"/accounts/password/new/"))
    cadre.close()

    # Exactly one message per notice: the assignment and the code, nothing twice.
    from notifications.models import Message

    assert sorted(Message.objects.values_list("kind", "status")) == [
        ("assignment", "sent"),
        ("one_time_code", "sent"),
    ]
    assert len(gateway.received) == 2
