"""``certificates`` listens to ``courses``: a completed course asks for a certificate.

The signal is sent inside the completing transaction, so the pending certificate is inserted in
that same transaction (it exists if and only if the completion committed) and the render is
queued on commit.
"""

from django.dispatch import receiver

from courses.signals import course_completed


@receiver(course_completed, dispatch_uid="certificates.request_on_completion")
def request_certificate(sender, enrollment, user, course, **kwargs):
    from .services import certificate_request

    certificate_request(enrollment=enrollment, course=course)
