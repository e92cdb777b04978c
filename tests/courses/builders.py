"""Building real Wagtail course trees for tests."""

from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, LessonPage, PracticePage
from home.models import HomePage

LESSON_BODY = [
    {"type": "heading", "value": {"text": "Chữ ký số là gì?", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Chữ ký số giúp xác thực văn bản điện tử, thay cho chữ ký tay.</p>"},
    {"type": "key_takeaways", "value": {"title": "Ghi nhớ", "points": ["Không chia sẻ mã OTP."]}},
]


def course_index() -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.get()
        index = home.add_child(instance=CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
        index.save_revision().publish()
    return index


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_course(
    *, title="Kỹ năng số cơ bản", lessons=2, practice=None, sequential=False, optional=(), slug=None
) -> tuple[CoursePage, list]:
    """A published course with ``lessons`` lessons and, if asked, a practice task ("self_check" or "evidence")."""
    index = course_index()
    course = publish(
        index,
        CoursePage(
            title=title,
            slug=slug or f"khoa-{CoursePage.objects.count() + 1}",
            intro="<p>Giới thiệu khóa học.</p>",
            sequential=sequential,
        ),
    )
    steps = []
    for number in range(1, lessons + 1):
        steps.append(
            publish(
                course,
                LessonPage(
                    title=f"Bài {number}: chữ ký số và định danh điện tử",
                    slug=f"bai-{number}",
                    body=LESSON_BODY,
                    is_required=number not in optional,
                ),
            )
        )
    if practice:
        steps.append(
            publish(
                course,
                PracticePage(
                    title="Thực hành: hướng dẫn người dân kích hoạt định danh điện tử",
                    slug="thuc-hanh",
                    instructions="<p>Hướng dẫn một người dân kích hoạt tài khoản.</p>",
                    checklist=[
                        {"type": "item", "value": "Kiểm tra điện thoại"},
                        {"type": "item", "value": "Kích hoạt"},
                    ],
                    completion=practice,
                ),
            )
        )
    return course, steps
