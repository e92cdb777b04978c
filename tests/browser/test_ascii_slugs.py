"""Typing a Vietnamese title in the page editor fills an ASCII slug, "đ" as "d" (Wagtail's own script drops it)."""

import pytest

from tests.courses.builders import course_index
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_trainer_typing_a_vietnamese_title_gets_an_ascii_slug(page, live_server):
    from accounts.roles import sync_roles

    UserFactory(username="slug_trainer", full_name="Phạm Minh Tâm", commune=None, roles=["Trainers"])
    sync_roles()
    index = course_index()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "slug_trainer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()

    page.goto(live_server.url + f"/admin/pages/add/courses/coursepage/{index.pk}/")
    page.locator("#id_title").press_sequentially("Bài 1: Chữ ký số – Đường dây nóng Đồng Nai")
    page.locator("#id_title").blur()
    page.wait_for_function("() => document.querySelector('#id_slug').value.endsWith('nai')")
    assert page.locator("#id_slug").input_value() == "bai-1-chu-ky-so-duong-day-nong-dong-nai"
    # A slug typed by hand is folded too when the field loses focus.
    panel = page.locator("#id_slug").evaluate("el => el.closest('[role=tabpanel]').id")
    page.locator(f'[role=tab][aria-controls="{panel}"]').click()
    page.locator("#id_slug").fill("Đắk Lắk")
    page.locator("#id_slug").blur()
    page.wait_for_function("() => document.querySelector('#id_slug').value === 'dak-lak'")
