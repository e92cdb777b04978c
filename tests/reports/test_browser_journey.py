"""The manager's journey in a real browser: drill down to a commune, filter by course, export XLSX
(opened with openpyxl); a commune manager cannot reach another commune."""

import io

import pytest
from openpyxl import load_workbook

from accounts.roles import CADRES, MANAGERS, sync_roles
from reports import summaries
from tests.factories import PASSWORD, CommuneFactory, ManagerScopeFactory, ProvinceFactory, UserFactory
from tests.reports import helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def province(live_server):
    sync_roles()
    bac_ninh = ProvinceFactory(name="Tỉnh Bắc Ninh")
    home = CommuneFactory(province=bac_ninh, name="Phường Kinh Bắc")
    other = CommuneFactory(province=bac_ninh, name="Xã Tam Đa", latitude="21.250000", longitude="106.150000")
    manager = ManagerScopeFactory(
        user__username="demo_manager", user__full_name="Lê Thu Hà", user__commune=home, province=bac_ninh
    ).user
    commune_manager = ManagerScopeFactory(
        user__username="demo_commune_manager", user__full_name="Hoàng Đức Long", user__commune=home, commune=home
    ).user
    for user in (manager, commune_manager):
        user.is_staff = False
        user.save()
    assert manager.groups.filter(name=MANAGERS).exists()
    basics, _ = helpers.course(title="Kỹ năng số cơ bản")
    security, _ = helpers.course(title="An toàn thông tin")
    people = []
    for n, name in enumerate(["Nguyễn Thị Lan", "Trần Văn Hùng", "Phạm Minh Tâm"]):
        cadre = UserFactory(full_name=name, commune=home, phone=f"+8491200000{n}", roles=[CADRES])
        helpers.enrol(cadre, basics, completed=n == 0, started=n == 1)
        if n < 2:
            helpers.enrol(cadre, security, started=True)
        people.append(cadre)
    far = UserFactory(full_name="Đỗ Văn Xa", commune=other, roles=[CADRES])
    helpers.enrol(far, basics, completed=True)
    summaries.rebuild()
    return {"home": home, "other": other, "basics": basics, "security": security, "people": people}


def admin_login(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_manager_drills_down_filters_and_exports(page, live_server, province):
    base = live_server.url
    admin_login(page, base, "demo_manager")
    page.goto(base + "/admin/progress/")
    page.get_by_role("link", name="Tỉnh Bắc Ninh").first.click()
    page.wait_for_load_state()
    assert "Xã Tam Đa" in page.content()
    page.get_by_role("link", name="Phường Kinh Bắc").first.click()
    page.wait_for_load_state()
    assert "/admin/progress/commune/" in page.url
    assert "Nguyễn Thị Lan" in page.content()

    page.get_by_label("Khóa học").first.select_option(label="An toàn thông tin")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state()
    assert f"course={province['security'].course_key}" in page.url

    # Exports start by POST: each table has its own small form (the teams table comes first).
    form = page.locator("form.kns-exports").filter(has=page.locator('input[name="table"][value="cadres"]'))
    assert f"course={province['security'].course_key}" in form.get_attribute("action")
    with page.expect_download() as download_info:
        form.get_by_role("button", name="XLSX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(open(download.path(), "rb").read())).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[0] == "Họ và tên" and header[7] == "Khóa đã ghi danh"
    by_name = {row[0]: row for row in body}
    assert set(by_name) == {"Nguyễn Thị Lan", "Trần Văn Hùng", "Phạm Minh Tâm"}
    # Filtered by the security course: two cadres enrolled in it, one not.
    assert [by_name[name][7] for name in ("Nguyễn Thị Lan", "Trần Văn Hùng", "Phạm Minh Tâm")] == [1, 1, 0]
    assert by_name["Nguyễn Thị Lan"][2] == "+84912000000"


def test_commune_manager_cannot_reach_another_commune(page, live_server, province):
    base = live_server.url
    admin_login(page, base, "demo_commune_manager")
    page.goto(base + "/admin/progress/")
    assert "Phường Kinh Bắc" in page.content() and "Xã Tam Đa" not in page.content()
    response = page.goto(base + f"/admin/progress/commune/{province['other'].pk}/")
    assert response.status in (403, 404)
    assert "Đỗ Văn Xa" not in page.content()
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        base + f"/admin/progress/commune/{province['other'].pk}/",
        form={"export": "xlsx", "table": "cadres", "csrfmiddlewaretoken": token},
        headers={"Referer": base + "/admin/progress/"},
    )
    assert response.status in (403, 404)
