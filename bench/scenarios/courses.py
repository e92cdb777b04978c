"""The course page and a lesson page, as the demo cadre sees them (logged in, enrolled)."""

from urllib.parse import quote

from bench.helpers import cookie_header, session_cookie
from bench.scenarios import Request, Scenario, register


def _setup(ctx):
    from accounts.models import User
    from courses import services
    from courses.models import CoursePage, LessonPage

    cadre = User.objects.get(username="demo_cadre")
    course = CoursePage.objects.live().get(slug="an-toan-thong-tin")
    services.enrollment_create(user=cadre, course=course)
    lesson = LessonPage.objects.child_of(course).live().first()
    ctx.state["courses"] = {
        "cookie": cookie_header(session_cookie(cadre)),
        "course": quote(course.url),
        "lesson": quote(lesson.url),
    }


def _get(key):
    def requests(ctx):
        state = ctx.state["courses"]
        return [Request("GET", state[key], headers=state["cookie"])]

    return requests


register(
    Scenario(
        name="course",
        description="GET a course page (outline and progress), demo cadre logged in and enrolled",
        setup=_setup,
        requests=_get("course"),
    )
)
register(
    Scenario(
        name="lesson",
        description="GET a lesson page (blocks, outline, previous/next), demo cadre logged in and enrolled",
        setup=_setup,
        requests=_get("lesson"),
    )
)
