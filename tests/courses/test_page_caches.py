"""What learner pages keep between requests is dropped, or no longer used, the moment what it shows changes.

The route cache holds whole page rows (``home.routing``), the view-restriction check remembers that no
restriction applies (``courses.view_restrictions``), the outline list is rendered once per state of a
course (``courses.page_cache.outline_html``) and a lesson's weight is measured once per state of the page
(``courses.page_weight``). Each test shows a page (so the cache is filled), changes the thing, and reads
the next response.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import PageViewRestriction

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
