"""An evidence upload larger than the limit is refused from its Content-Length, before its body is
read: the request below declares 50 MB but carries a few bytes, so any attempt to read the body
(the CSRF check, the form) would fail in the test client's payload; refused, it never is."""

import pytest
from django.test import Client
from django.urls import reverse

from courses import services
from courses.models import Evidence
from tests.courses.builders import build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(world):
    course, steps = build_course(title="Thực hành nộp minh chứng", lessons=0, practice="evidence")
    services.enrollment_create(user=world.cadre, course=course)
    return steps[0]


def test_a_declared_oversize_upload_is_refused_before_the_body_is_read(world, practice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.cadre)
    client.get(practice.url)  # a real form page: the CSRF cookie is set, so CSRF alone would not refuse

    response = client.post(
        reverse("courses:evidence_submit", args=[practice.pk]),
        data=b"--x--\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
        follow=True,
    )

    assert response.status_code == 200
    assert "Tệp quá lớn: tối đa 10 MB." in response.content.decode()
    assert not Evidence.objects.exists()


def test_an_upload_within_the_limit_still_needs_the_csrf_token(world, practice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.cadre)
    url = reverse("courses:evidence_submit", args=[practice.pk])

    refused = client.post(url, {"file": SimpleUploadedFile("a.pdf", pdf, content_type="application/pdf")})
    assert refused.status_code == 403 and not Evidence.objects.exists()

    client.get(practice.url)  # the page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        url, {"file": SimpleUploadedFile("a.pdf", pdf, content_type="application/pdf"), "csrfmiddlewaretoken": token}
    )
    assert accepted.status_code == 302 and Evidence.objects.filter(user=world.cadre).count() == 1
