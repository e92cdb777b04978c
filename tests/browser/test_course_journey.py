"""The course journey in a real browser on a phone: enrol, learn, practise, get approved; a trainer publishes."""

import pytest
from PIL import Image

from courses.models import Evidence, LessonPage, StepCompletion
from tests.courses.builders import build_course
from tests.factories import PASSWORD, CommuneFactory, TeamFactory, TeamMembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(live_server):
    commune = CommuneFactory(name="Phường Kinh Bắc")
    cadre = UserFactory(username="demo_cadre", full_name="Nguyễn Thị Lan", commune=commune, roles=["Cadres"])
    leader = UserFactory(
        username="demo_leader", full_name="Trần Văn Hùng", commune=commune, roles=["Cadres", "Team leaders"]
    )
    team = TeamFactory(commune=commune, name="Tổ công nghệ số cộng đồng Kinh Bắc")
    TeamMembershipFactory(team=team, user=leader, role="leader")
    TeamMembershipFactory(team=team, user=cadre, role="member")
    trainer = UserFactory(username="demo_trainer", full_name="Phạm Minh Tâm", commune=None, roles=["Trainers"])
    from accounts.roles import sync_roles

    sync_roles()
    return {"cadre": cadre, "leader": leader, "trainer": trainer}


def login(page, base, username):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def logout(page):
    page.context.clear_cookies()


def progress(page) -> int:
    return int(page.get_by_role("progressbar").first.get_attribute("aria-valuenow"))


def test_cadre_learns_practises_and_leader_approves(page, live_server, people, tmp_path):
    course, steps = build_course(title="Kỹ năng số cơ bản cho cán bộ cơ sở", lessons=2, practice="evidence")
    base = live_server.url

    login(page, base, "demo_cadre")
    page.goto(base + course.url)
    page.get_by_role("button", name="Ghi danh và bắt đầu học").click()
    page.wait_for_url(base + steps[0].url)
    assert progress(page) == 0

    page.get_by_role("button", name="Đã học xong, sang bước tiếp").click()
    page.wait_for_url(base + steps[1].url)
    assert progress(page) == 33
    page.get_by_role("button", name="Đã học xong, sang bước tiếp").click()
    page.wait_for_url(base + steps[2].url)
    assert progress(page) == 67

    photo = tmp_path / "minh-chung.jpg"
    Image.new("RGB", (320, 240), "white").save(photo, format="JPEG")
    page.get_by_label("Ảnh hoặc tệp PDF minh chứng").set_input_files(str(photo))
    page.get_by_role("button", name="Nộp minh chứng").click()
    page.wait_for_load_state()
    assert "Đã nộp minh chứng" in page.locator("main").inner_text()
    assert "Minh chứng của bạn đang chờ duyệt." in page.locator("main").inner_text()
    assert Evidence.objects.filter(user=people["cadre"], status="submitted").count() == 1

    logout(page)
    login(page, base, "demo_leader")
    page.goto(base + "/learn/review/")
    assert "Nguyễn Thị Lan" in page.locator("main").inner_text()
    page.get_by_label("Nhận xét (bắt buộc khi trả lại)").fill("Ảnh rõ, đã che thông tin cá nhân.")
    page.get_by_role("button", name="Duyệt", exact=True).click()
    page.wait_for_load_state()
    assert "Không có minh chứng nào đang chờ duyệt." in page.locator("main").inner_text()

    logout(page)
    login(page, base, "demo_cadre")
    page.goto(base + course.url)
    assert progress(page) == 100
    assert "Bạn đã hoàn thành khóa học này." in page.locator("main").inner_text()
    assert StepCompletion.objects.filter(user=people["cadre"]).count() == 3


def test_trainer_creates_and_publishes_a_lesson_in_the_admin(page, live_server, people):
    course, _ = build_course(title="An toàn thông tin", lessons=1)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "demo_trainer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()

    page.goto(live_server.url + f"/admin/pages/add/courses/lessonpage/{course.pk}/")
    page.fill("#id_title", "Mật khẩu mạnh và xác thực hai lớp")
    page.locator("#id_summary").fill("Cách đặt mật khẩu khó đoán và bật xác thực hai lớp.")
    # The lesson body is a StreamField: add a paragraph block and type into its rich-text editor.
    page.locator(".c-sf-add-button").first.click()
    page.get_by_text("Đoạn văn", exact=True).click()
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type("Mật khẩu mạnh có ít nhất 12 ký tự và không dùng lại ở nơi khác.")
    # Draftail writes the editor's content into the form's hidden input a moment after typing stops.
    page.wait_for_function("() => (document.querySelector('[name=\"body-0-value\"]').value || '').includes('12')")
    # Wagtail keeps "Publish" in the footer's action menu, behind "more actions".
    page.get_by_role("button", name="Thao tác khác").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Xuất bản").click()
    page.wait_for_load_state()
    assert "Mật khẩu mạnh và xác thực hai lớp" in page.locator("body").inner_text()
    lesson = LessonPage.objects.get(title="Mật khẩu mạnh và xác thực hai lớp")
    assert lesson.live
    assert lesson.get_parent().pk == course.pk
    assert "ít nhất 12 ký tự" in lesson.plain_text, lesson.body.raw_data
