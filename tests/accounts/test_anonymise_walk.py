"""Anonymising reaches everything: after it, no page that showed the person (public or admin, as each
role that could see them) shows their name, username or phone; their certificates say they were
valid without naming anyone; the PDFs and evidence files are gone; and the counts stay."""

import json

import pytest
from django.db.models import Count
from django.urls import reverse

from accounts.services import person_anonymise
from certificates.models import Certificate
from courses import services as course_services
from courses.models import Enrollment, Evidence
from courses.storage import private_storage
from quizzes.models import Attempt
from tests.accounts.everything import PHONE, did_everything
from tests.courses.builders import build_course

pytestmark = pytest.mark.django_db

NAME = "Trần Thị Học Viên"
# The name and phone in every form a page could print them (JSON escapes, folded for search).
TRACES = (
    NAME,
    json.dumps(NAME)[1:-1],
    "Tran Thi Hoc Vien",
    "cadre_a1",
    PHONE,
    "0987654321",
    "0987 654 321",
    "987654321",
    "hoc.vien@example.invalid",
)


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    from django.core.cache import cache

    cache.clear()
    settings.KNS_VERIFY_RATE_LIMIT = 1000


def _pages(world, done, pending_evidence):
    cadre, certificate, team = world.cadre, done.certificate, world.team_a1
    admin_pages = [
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:index") + "?q=Tr%E1%BA%A7n",
        reverse("wagtailusers_users:edit", args=[cadre.pk]),
        reverse("wagtailusers_users:history", args=[cadre.pk]),
        reverse("kns_people_chooser:choose"),
        reverse("teams:index"),
        reverse("teams:edit", args=[team.pk]),
        reverse("teams:history", args=[team.pk]),
        reverse("issued_certificates:index"),
        reverse("issued_certificates:inspect", args=[certificate.pk]),
        reverse("issued_certificates:history", args=[certificate.pk]),
        reverse("reports_admin:overview"),
        reverse("reports_admin:commune", args=[world.commune_a1.pk]),
        reverse("reports_admin:team", args=[team.pk]),
        reverse("reports_admin:cadre", args=[cadre.pk]),
    ]
    return [
        (None, reverse("certificates:verify", kwargs={"code": certificate.display_code})),
        *[(world.superuser, url) for url in [*admin_pages, reverse("wagtailadmin_reports:site_history")]],
        *[(world.manager_a, url) for url in admin_pages],
        (world.leader, reverse("reports:team_page", args=[team.pk])),
        (world.leader, reverse("courses:review_list")),
        (world.trainer, reverse("courses:review_list")),
        (world.leader, reverse("courses:evidence_file", args=[pending_evidence.pk])),
    ]


def _walk(client, pages) -> dict[str, list[str]]:
    """Each page as its viewer sees it; the traces of the person found on it."""
    found = {}
    for viewer, url in pages:
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        if response.status_code == 404:
            found[url] = []
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        found[f"{viewer} {url}"] = [trace for trace in TRACES if trace in text]
    return found


def _counts():
    return {
        "certificates": dict(Certificate.objects.values_list("status").annotate(n=Count("pk"))),
        "by_commune": list(Certificate.objects.values_list("commune_id", "course_key").annotate(n=Count("pk"))),
        "enrolments": list(Enrollment.objects.values_list("commune_id", "completed_at").order_by("pk")),
        "evidence": list(Evidence.objects.values_list("status").annotate(n=Count("pk"))),
        "attempts": list(Attempt.objects.values_list("commune_id", "passed", "score").order_by("pk")),
    }


def test_after_anonymising_no_page_shows_the_person_and_the_counts_stay(
    client, world, django_capture_on_commit_callbacks
):
    done = did_everything(world, django_capture_on_commit_callbacks)
    # A second task whose evidence still waits for the team leader (so the review list shows it).
    course, steps = build_course(title="Dịch vụ công trực tuyến", lessons=0, practice="evidence")
    course_services.enrollment_create(user=world.cadre, course=course)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.accounts.everything import EVIDENCE_PDF

    pending = course_services.evidence_submit(
        user=world.cadre,
        practice=steps[0],
        upload=SimpleUploadedFile("tran-thi-hoc-vien.pdf", EVIDENCE_PDF, content_type="application/pdf"),
        note="Số của tôi 0987 654 321",
    )
    # The manager edited the person once (a log entry with the name in its label).
    client.force_login(world.manager_a)
    client.post(
        reverse("wagtailusers_users:edit", args=[world.cadre.pk]),
        {
            "username": world.cadre.username,
            "full_name": NAME,
            "phone": PHONE,
            "commune": world.commune_a1.pk,
            "is_active": "on",
            "groups": list(world.cadre.groups.values_list("pk", flat=True)),
        },
    )
    pages = _pages(world, done, pending)
    before = _walk(client, pages)
    # The walk is worth something only if the pages showed the person to begin with.
    showed = [url for url, traces in before.items() if traces]
    assert len(showed) >= 15, before
    files = [done.certificate.pdf.name, done.evidence.file.name, pending.file.name]
    assert all(private_storage.exists(name) for name in files)
    counts = _counts()

    with django_capture_on_commit_callbacks(execute=True):
        person_anonymise(person=world.cadre, actor=world.superuser)

    after = _walk(client, pages)
    leftovers = {url: traces for url, traces in after.items() if traces}
    assert leftovers == {}, leftovers
    assert _counts() == counts
    assert not any(private_storage.exists(name) for name in files)

    # The verify page: valid when issued, the holder's details removed, nothing to compare a name with.
    page = client.get(reverse("certificates:verify", kwargs={"code": done.certificate.display_code}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Thông tin người được cấp đã được xóa theo yêu cầu của họ" in text
    assert "đã được hệ thống cấp hợp lệ" in text
    assert "Xã An Bình" not in text and "Người dùng đã ẩn danh" not in text
    assert "Chữ ký số cho cán bộ cơ sở" in text and done.certificate.display_code in text
    certificate = Certificate.objects.get(pk=done.certificate.pk)
    assert (certificate.status, certificate.pdf.name, certificate.commune_name) == ("issued", "", "")
    assert certificate.commune_id == world.commune_a1.pk  # still counted where it was earned
    # The PDF cannot be downloaded any more, by anyone.
    client.force_login(world.superuser)
    assert client.get(reverse("certificates:download", args=[certificate.pk])).status_code == 404


def test_an_anonymised_holders_certificate_is_neither_rendered_reissued_nor_retried(
    world, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    from certificates.services import certificate_reissue, certificate_retry
    from tests.certificates.helpers import complete

    course, steps = build_course(title="Khóa chưa kịp in", lessons=1)
    complete(world.cadre, course, steps)  # the render is queued on commit, which never runs here
    pending = Certificate.objects.get(user=world.cadre, course_key=course.course_key)
    assert pending.status == "pending"

    with django_capture_on_commit_callbacks(execute=True):
        person_anonymise(person=world.cadre, actor=world.superuser)

    pending.refresh_from_db()
    assert pending.status == "failed" and not pending.pdf and pending.full_name.startswith("Người dùng đã ẩn danh")
    with pytest.raises(ValidationError):
        certificate_retry(certificate=pending, by=world.superuser)
    with pytest.raises(ValidationError):
        certificate_reissue(certificate=pending, by=world.superuser)
