"""A cadre who did everything the platform records about a person, through the real services:
an enrolment, a completed lesson, practice evidence (a file) approved by the team leader, a passed
quiz, the certificate that followed (a real PDF), a team membership, a message sent to them."""

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from courses import services as course_services
from tests.courses.builders import build_course
from tests.quizzes.builders import answer_form, build_bank, build_quiz

PHONE = "+84987654321"  # not the example phone the forms print
EVIDENCE_PDF = b"%PDF-1.4\n% minh chung cua hoc vien\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Everything:
    course: object
    quiz: object
    evidence: object
    attempt: object
    certificate: object
    message: object


def did_everything(world, capture) -> Everything:
    from certificates.models import Certificate
    from notifications import kinds
    from notifications.services import notify
    from quizzes import services as quiz_services

    cadre = world.cadre
    cadre.phone = PHONE
    cadre.email = "hoc.vien@example.invalid"
    cadre.save()
    course, steps = build_course(title="Chữ ký số cho cán bộ cơ sở", lessons=1, practice="evidence")
    quiz = build_quiz(course, banks=[build_bank(questions=4)], question_count=4, pass_mark=50)
    with capture(execute=True):
        course_services.enrollment_create(user=cadre, course=course)
        course_services.step_complete(user=cadre, step=steps[0])
        upload = SimpleUploadedFile("bai-cua-tran-thi-hoc-vien.pdf", EVIDENCE_PDF, content_type="application/pdf")
        evidence = course_services.evidence_submit(
            user=cadre, practice=steps[1], upload=upload, note="Trần Thị Học Viên, gọi 0987 654 321"
        )
        course_services.evidence_review(reviewer=world.leader, evidence=evidence, approve=True, comment="Tốt")
        attempt = quiz_services.attempt_start(user=cadre, quiz=quiz)
        attempt, _late = quiz_services.attempt_submit(user=cadre, attempt=attempt, data=answer_form(attempt))
        message = notify(cadre, kinds.REMINDER, {"course": course.title})
    certificate = Certificate.objects.get(user=cadre, course_key=course.course_key)
    evidence.refresh_from_db()
    assert certificate.status == "issued", certificate.last_error
    assert attempt.passed
    return Everything(course, quiz, evidence, attempt, certificate, message)
