"""Building certificates for tests: complete a real course through the courses service."""

import io
import unicodedata

from courses import services as course_services
from tests.courses.builders import build_course


def complete(user, course, steps):
    """Enrol ``user`` and complete every step (so the course completes and a certificate is asked for)."""
    course_services.enrollment_create(user=user, course=course)
    for step in steps:
        course_services.step_complete(user=user, step=step)


def issue(django_capture_on_commit_callbacks, user, *, title="Kỹ năng số cơ bản", course=None, steps=None):
    """A course completed by ``user`` with its render run (Celery is eager in tests); the certificate."""
    from certificates.models import Certificate

    if course is None:
        course, steps = build_course(title=title, lessons=1)
    with django_capture_on_commit_callbacks(execute=True):
        complete(user, course, steps)
    return Certificate.objects.get(user=user, course_key=course.course_key, version=1)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return unicodedata.normalize("NFC", text)


def pdf_fonts(data: bytes) -> set[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names
