"""A real browser on a phone-sized screen: the demo cadre logs in and sees the home page in Vietnamese."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_people(live_server):
    call_command("import_localities", province="24", verbosity=0)
    from home.demo.people import DEMO_PASSWORD, seed_people

    people = seed_people()
    return people, DEMO_PASSWORD


def test_demo_cadre_logs_in_on_a_phone_and_sees_vietnamese(page, live_server, demo_people):
    people, password = demo_people
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.viewport_size == {"width": 390, "height": 844}

    page.get_by_role("link", name="Đăng nhập để học").click()
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill("demo_cadre")
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()

    page.wait_for_url(live_server.url + "/")
    assert "Xin chào, Nguyễn Thị Lan." in page.locator("main").inner_text()
    # On a phone the menu is a <details> closed behind its summary; opening it shows "Đăng xuất".
    page.locator("details.site-menu > summary").click()
    assert page.get_by_role("button", name="Đăng xuất").is_visible()


def test_wrong_password_shows_one_vietnamese_message(page, live_server, demo_people):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill("0912 000 001")
    page.get_by_label("Mật khẩu").fill("khong-dung")
    page.get_by_role("button", name="Đăng nhập").click()
    assert "Tên đăng nhập, số điện thoại hoặc mật khẩu không đúng" in page.locator("main").inner_text()
