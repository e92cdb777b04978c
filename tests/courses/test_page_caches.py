"""What learner pages keep between requests is dropped, or no longer used, the moment what it shows changes.

The route cache holds whole page rows (``home.routing``), the view-restriction check remembers that no
restriction applies (``courses.view_restrictions``), the outline list is rendered once per state of a
course (``courses.page_cache.outline_html``) and a lesson's weight is measured once per state of the page
(``courses.page_weight``), the header and footer are rendered once per state they show
(``home.templatetags.kns_chrome``) and a lesson's reading time is counted once per publish. Each test
shows a page (so the cache is filled), changes the thing, and reads the next response.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from accounts.models import User
from accounts.roles import TRAINERS
from courses import services
from courses.models import LessonPage
from courses.page_weight import weight_key
from tests.courses.builders import build_course

pytestmark = pytest.mark.django_db

DONE = '<span class="badge text-bg-success">Đã xong</span>'
LOCKED = '<span class="badge text-bg-secondary">Chưa mở</span>'


def _outline(html: str) -> str:
    return html[html.index('<ol class="list-group') :]


def test_outline_on_a_lesson_shows_a_completion_at_once(client, world):
    course, steps = build_course(lessons=3, sequential=True)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    before = _outline(client.get(steps[0].url).content.decode())
    assert before.count(DONE) == 0 and before.count(LOCKED) == 2

    client.post(reverse("courses:lesson_complete", args=[steps[0].pk]))
    after = _outline(client.get(steps[0].url).content.decode())
    assert after.count(DONE) == 1 and after.count(LOCKED) == 1  # done, and the next step opened
    assert f'href="{steps[1].url}"' in after


def test_two_cadres_at_different_points_each_see_their_own_outline(client, world):
    course, steps = build_course(lessons=2)
    for person in (world.cadre, world.leader):
        services.enrollment_create(user=person, course=course)
    services.step_complete(user=world.leader, step=LessonPage.objects.get(pk=steps[1].pk))

    client.force_login(world.leader)
    assert _outline(client.get(steps[0].url).content.decode()).count(DONE) == 1
    client.force_login(world.cadre)
    assert _outline(client.get(steps[0].url).content.decode()).count(DONE) == 0
    # The same state shares one rendering: the cadre who catches up sees the leader's outline.
    services.step_complete(user=world.cadre, step=LessonPage.objects.get(pk=steps[1].pk))
    assert _outline(client.get(steps[0].url).content.decode()).count(DONE) == 1


def test_outline_follows_enrolment(client, world):
    course, steps = build_course(lessons=2)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    assert f'<a href="{steps[1].url}"' in _outline(client.get(course.url).content.decode())

    services.enrollment_withdraw(user=world.cadre, course=course)
    withdrawn = _outline(client.get(course.url).content.decode())
    assert f'<a href="{steps[1].url}"' not in withdrawn  # titles only, no links, once withdrawn
    assert steps[1].title in withdrawn


def test_a_page_saved_without_a_publish_is_served_as_saved(client, world):
    course, steps = build_course(lessons=2)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    assert "· tự chọn" not in client.get(steps[0].url).content.decode()  # the route now holds the row

    lesson = LessonPage.objects.get(pk=steps[0].pk)
    lesson.is_required = False
    lesson.save()
    assert "· tự chọn" in client.get(steps[0].url).content.decode()


def test_a_view_restriction_set_in_the_admin_holds_at_once(client, world):
    course, steps = build_course(lessons=1)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    assert client.get(steps[0].url).status_code == 200  # "no restriction" is remembered now

    restriction = PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.create(name="Chỉ nhóm thử nghiệm")])
    # Wagtail sends someone outside the groups to its login page instead of showing the page.
    for url in (steps[0].url, course.url):
        refused = client.get(url)
        assert refused.status_code == 302 and "/_util/login/" in refused["Location"]

    restriction.delete()
    assert client.get(steps[0].url).status_code == 200


def _weight(html: str) -> str:
    return re.search(r"Dung lượng trang: ([^<]+)</p>", html).group(1)


def test_page_weight_is_measured_once_per_state_of_the_lesson(client, world):
    course, steps = build_course(lessons=1)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    first = _weight(client.get(steps[0].url).content.decode())

    # The next views reuse the figure measured: one planted under the key is what they show.
    key = weight_key(steps[0].pk)
    assert cache.get(key) is not None
    cache.set(key, 123_456_789)
    assert _weight(client.get(steps[0].url).content.decode()) == "117,7\xa0MB"

    # A publish measures again: the real figure, grown by the longer body.
    lesson = LessonPage.objects.get(pk=steps[0].pk)
    paragraph = "".join(
        f"<p>Đoạn {n}: chữ ký số, định danh điện tử, mật khẩu một lần {n * 7919}.</p>" for n in range(300)
    )
    lesson.body = [{"type": "paragraph", "value": paragraph}]
    lesson.save_revision().publish()
    grown = _weight(client.get(steps[0].url).content.decode())
    assert grown not in ("117,7\xa0MB", first)
    assert float(grown.split("\xa0")[0].replace(",", ".")) > float(first.split("\xa0")[0].replace(",", "."))


# --- The header and the footer (home.templatetags.kns_chrome) -------------------------------------


def _menu(html: str) -> str:
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def test_header_shows_a_name_corrected_and_a_role_given_at_once(client, world):
    course, steps = build_course(lessons=1)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    first = _menu(client.get(course.url).content.decode())
    assert "Trần Thị Học Viên" in first and "Duyệt minh chứng" not in first

    User.objects.filter(pk=world.cadre.pk).update(full_name="Trần Thị Học Viên Mới")
    assert "Trần Thị Học Viên Mới" in _menu(client.get(steps[0].url).content.decode())
    world.cadre.groups.add(Group.objects.get(name=TRAINERS))
    assert "Duyệt minh chứng" in _menu(client.get(course.url).content.decode())
    # Someone else with the state the cadre had sees their own name, not a rendering of the cadre's.
    client.force_login(world.leader)
    leader = _menu(client.get(course.url).content.decode())
    assert "Lê Văn Tổ Trưởng" in leader and "Trần Thị Học Viên" not in leader


def test_header_forms_carry_this_request_token_and_this_page_address(world):
    from django.test import Client

    course, steps = build_course(lessons=2)
    services.enrollment_create(user=world.cadre, course=course)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.cadre)
    for url in (steps[0].url, steps[1].url, course.url + "?tab=1&x=%3Cb%3E"):
        html = browser.get(url).content.decode()
        assert f'<input name="next" type="hidden" value="{escape(url)}">' in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', _menu(html)).group(1)
    assert "Mark" not in token
    # The logout form's token is this browser's: the POST passes the CSRF check.
    response = browser.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert browser.get(steps[0].url).status_code == 302  # logged out


def test_header_follows_the_language(client, world):
    course, _ = build_course(lessons=1)
    client.force_login(world.cadre)
    assert "Việc học của tôi" in _menu(client.get(course.url).content.decode())
    client.cookies["kns_language"] = "en"
    english = _menu(client.get(course.url).content.decode())
    assert "Việc học của tôi" not in english and 'value="en" lang="en" selected' in english


def test_footer_shows_the_organisation_contacts_when_saved(client, world):
    from wagtail.models import Site

    from home.models import OrganisationSettings

    course, _ = build_course(lessons=1)
    client.force_login(world.cadre)
    assert "0912 000 111" not in client.get(course.url).content.decode()
    organisation = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    organisation.contact_phone = "0912 000 111"
    organisation.save()
    footer = client.get(course.url).content.decode().split("<footer", 1)[1]
    assert 'href="tel:0912 000 111"' in footer


def test_reading_time_follows_a_published_body(client, world):
    course, steps = build_course(lessons=1)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    assert "Đọc khoảng 1 phút" in client.get(steps[0].url).content.decode()
    lesson = LessonPage.objects.get(pk=steps[0].pk)
    lesson.body = [{"type": "paragraph", "value": "<p>" + "chữ " * 1000 + "</p>"}]
    lesson.save_revision().publish()
    assert "Đọc khoảng 5 phút" in client.get(steps[0].url).content.decode()  # 1,000 words at 200 a minute


def test_course_page_shows_a_published_intro_and_a_new_cover_at_once(client, world):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from courses.models import CoursePage

    course, _ = build_course(lessons=1)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    first = client.get(course.url).content.decode()
    assert "Sau khóa học, bạn có thể" not in first and "<img" not in first.split("<main", 1)[1]

    image = get_image_model().objects.create(title="Bìa", file=get_test_image_file(filename="bia.png"))
    page = CoursePage.objects.get(pk=course.pk)
    page.intro = "<p>Giới thiệu mới: ví điện tử.</p>"
    page.outcomes = "<ul><li>Dùng ví điện tử an toàn.</li></ul>"
    page.cover_image = image
    page.save_revision().publish()
    html = client.get(course.url).content.decode()
    assert "Giới thiệu mới: ví điện tử." in html and "Dùng ví điện tử an toàn." in html
    cover = re.search(r'<img[^>]+src="([^"]+)"', html.split("<main", 1)[1]).group(1)
    assert "bia" in cover
    # The "save for offline" card of an enrolled cadre names this course.
    assert f'data-manifest-url="{reverse("courses:offline_manifest", args=[course.pk])}"' in html

    # A new file for the same image is a new rendition URL, shown at once (saving an image drops the cache).
    image.file = get_test_image_file(filename="bia-moi.png")
    image.save()
    image.renditions.all().delete()
    assert "bia-moi" in client.get(course.url).content.decode()
