"""Pages get ASCII slugs from Vietnamese titles, "đ" folded to "d" (accounts.slugs), however they are made."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from accounts.slugs import AsciiSlugInput
from courses.models import CoursePage, LessonPage
from tests.courses.builders import LESSON_BODY, build_course, course_index

pytestmark = pytest.mark.django_db


class _Form(HTMLParser):
    """The fields of the page editor's form as a browser would post them untouched."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def _form_data(html: str) -> dict[str, str]:
    parser = _Form()
    parser.feed(html)
    return parser.data


def test_a_page_saved_without_a_slug_gets_one_folded_from_its_title():
    course, _ = build_course(title="Khóa gốc", lessons=0)
    lesson = course.add_child(instance=LessonPage(title="Bài 1: Chữ ký số – Đăng ký định danh", body=LESSON_BODY))
    assert lesson.slug == "bai-1-chu-ky-so-dang-ky-dinh-danh"
    again = course.add_child(instance=LessonPage(title="Bài 1: Chữ ký số – Đăng ký định danh", body=LESSON_BODY))
    assert again.slug == "bai-1-chu-ky-so-dang-ky-dinh-danh-2"


@pytest.mark.parametrize(
    "typed,expected",
    [("bài-1-chữ-ký-số-đ", "bai-1-chu-ky-so-d"), ("Đồng-Nai", "dong-nai")],
)
def test_a_trainer_posting_the_page_editor_gets_an_ascii_slug(client, world, typed, expected):
    index = course_index()
    client.force_login(world.trainer)
    add = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", index.pk])
    page = client.get(add)
    assert page.status_code == 200
    data = _form_data(page.content.decode())
    data.update(
        title="Đường dây nóng Đồng Nai", slug=typed, intro=rich_text("<p>Giới thiệu.</p>"), outcomes=rich_text("")
    )
    response = client.post(add, data)
    assert response.status_code == 302, response.context["form"].errors
    assert CoursePage.objects.get(title="Đường dây nóng Đồng Nai").slug == expected


def test_the_slug_field_folds_vietnamese_in_the_browser_too():
    """The page editor's JavaScript runs these regexes before its own rules, which drop "đ"."""
    formatters = AsciiSlugInput().attrs["data-w-slug-formatters-value"]
    assert '"d"' in formatters and "\\u0111" in formatters
