"""The admin: scoped listing and actions, bulk reissue and ZIP jobs, templates with a live PDF preview, the log."""

import io
import zipfile

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates import services
from certificates.models import Certificate, CertificateJob, CertificateTemplate, placeholder_errors
from tests.certificates.helpers import issue, pdf_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SNIPPET = "wagtailsnippets_certificates_certificatetemplate"


@pytest.fixture
def certificate(world, django_capture_on_commit_callbacks):
    return issue(django_capture_on_commit_callbacks, world.cadre, title="Chuyển đổi số cơ sở")


@pytest.fixture
def other_province_certificate(world, django_capture_on_commit_callbacks):
    person = UserFactory(full_name="Hoàng Văn Tỉnh Bê", commune=world.commune_b1, roles=["Cadres"])
    return issue(django_capture_on_commit_callbacks, person, title="Chuyển đổi số cơ sở B")


def test_listing_is_scoped(client, world, certificate, other_province_certificate):
    client.force_login(world.manager_a)
    page = client.get(reverse("issued_certificates:index")).content.decode()
    assert "Trần Thị Học Viên" in page and "Hoàng Văn Tỉnh Bê" not in page
    client.force_login(world.manager_b)
    page = client.get(reverse("issued_certificates:index")).content.decode()
    assert "Hoàng Văn Tỉnh Bê" in page and "Trần Thị Học Viên" not in page
    response = client.get(reverse("issued_certificates:inspect", args=[certificate.pk]))
    assert response.status_code == 404
    assert (
        client.post(reverse("issued_certificates:revoke", args=[certificate.pk]), {"reason": "error"}).status_code
        == 404
    )
    certificate.refresh_from_db()
    assert certificate.status == "issued"


def test_listing_filters_and_finds_by_code(client, world, certificate):
    client.force_login(world.manager_a)
    url = reverse("issued_certificates:index")
    assert "Trần Thị Học Viên" in client.get(url, {"status": "issued"}).content.decode()
    assert "Trần Thị Học Viên" not in client.get(url, {"status": "revoked"}).content.decode()
    assert "Trần Thị Học Viên" in client.get(url, {"commune": world.commune_a1.pk}).content.decode()
    typed = certificate.display_code.lower()
    assert "Trần Thị Học Viên" in client.get(url, {"q": typed}).content.decode()


def test_cadres_and_trainers_without_scope_see_nothing(client, world, certificate):
    client.force_login(world.cadre)
    response = client.get(reverse("issued_certificates:index"))
    assert response.status_code in (302, 403)
    client.force_login(world.trainer)
    response = client.get(reverse("issued_certificates:index"))
    assert response.status_code == 200 and "Trần Thị Học Viên" not in response.content.decode()


def test_revoke_with_a_reason_from_the_admin(client, world, certificate):
    client.force_login(world.commune_manager_a1)
    url = reverse("issued_certificates:revoke", args=[certificate.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "", "note": ""})
    assert response.status_code == 200  # the form says a reason is needed
    certificate.refresh_from_db()
    assert certificate.status == "issued"
    response = client.post(url, {"reason": "misconduct", "note": "Thi hộ"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.revoke_reason == "misconduct"
    assert certificate.revoked_by == world.commune_manager_a1
    entry = ModelLogEntry.objects.get(action="kns.certificate.revoke")
    assert entry.user == world.commune_manager_a1 and entry.data["code"] == certificate.code


def test_reissue_from_the_admin_makes_a_new_version(client, world, certificate, django_capture_on_commit_callbacks):
    world.cadre.full_name = "Trần Thị Học Viên (đã sửa)"
    world.cadre.save()
    client.force_login(world.manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("issued_certificates:reissue", args=[certificate.pk]))
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "superseded" and certificate.superseded_by is not None
    new = certificate.superseded_by
    assert new.version == 2 and new.status == "issued" and new.full_name == "Trần Thị Học Viên (đã sửa)"
    assert new.code != certificate.code
    assert "Trần Thị Học Viên (đã sửa)" in pdf_text(new.pdf.read())
    assert ModelLogEntry.objects.filter(action="kns.certificate.reissue", user=world.manager_a).exists()
    # A superseded one cannot be reissued again.
    response = client.post(reverse("issued_certificates:reissue", args=[certificate.pk]), follow=True)
    assert "trạng thái" in response.content.decode()
    assert Certificate.objects.filter(user=world.cadre).count() == 2


def test_failed_certificate_shows_its_error_and_can_be_retried(
    client, world, certificate, django_capture_on_commit_callbacks
):
    Certificate.objects.filter(pk=certificate.pk).update(status="failed", last_error="Không tải được ảnh chữ ký")
    client.force_login(world.manager_a)
    page = client.get(reverse("issued_certificates:inspect", args=[certificate.pk])).content.decode()
    assert "Không tải được ảnh chữ ký" in page
    assert reverse("issued_certificates:retry", args=[certificate.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("issued_certificates:retry", args=[certificate.pk]))
    certificate.refresh_from_db()
    assert certificate.status == "issued"
    assert ModelLogEntry.objects.filter(action="kns.certificate.retry").exists()


def test_bulk_reissue_for_a_course_with_progress(client, world, django_capture_on_commit_callbacks):
    from courses.models import CoursePage
    from tests.courses.builders import build_course

    course, steps = build_course(title="Khóa hàng loạt", lessons=1)
    people = [world.cadre, world.leader, UserFactory(commune=world.commune_a2, roles=["Cadres"])]
    outsider = UserFactory(commune=world.commune_b1, roles=["Cadres"])
    for person in [*people, outsider]:
        issue(django_capture_on_commit_callbacks, person, course=course, steps=steps)
    CoursePage.objects.filter(pk=course.pk).update(title="Khóa hàng loạt (tên mới)")

    client.force_login(world.manager_a)
    assert client.get(reverse("certificate_tools:bulk_reissue")).status_code == 200
    response = client.post(reverse("certificate_tools:bulk_reissue"), {"course_key": "", "template": ""})
    assert response.status_code == 200 and "chỉ một trong hai" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificate_tools:bulk_reissue"), {"course_key": str(course.course_key)})
    assert response.status_code == 302
    job = CertificateJob.objects.get(kind="reissue")
    assert job.status == "done" and job.total == 3 and job.processed == 3
    page = client.get(reverse("certificate_tools:job", args=[job.pk])).content.decode()
    assert "3/3" in page
    current = Certificate.objects.filter(course_key=course.course_key, status="issued")
    assert {c.user_id for c in current} == {p.pk for p in [*people, outsider]}
    assert {c.course_title for c in current if c.user_id != outsider.pk} == {"Khóa hàng loạt (tên mới)"}
    # Outside the manager's scope nothing changed.
    assert current.get(user=outsider).version == 1
    assert ModelLogEntry.objects.filter(action="kns.certificate.bulk_reissue").exists()
    client.force_login(world.manager_b)
    assert client.get(reverse("certificate_tools:job", args=[job.pk])).status_code == 404


def test_zip_of_a_communes_certificates(client, world, django_capture_on_commit_callbacks):
    issue(django_capture_on_commit_callbacks, world.cadre, title="Khóa một")
    issue(django_capture_on_commit_callbacks, world.leader, title="Khóa hai")
    client.force_login(world.manager_a)
    page = client.get(reverse("certificate_tools:zip")).content.decode()
    assert world.commune_a1.name in page and world.commune_b1.name not in page
    response = client.post(reverse("certificate_tools:zip"), {"commune": world.commune_b1.pk})
    assert response.status_code == 200  # not a choice for this manager
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificate_tools:zip"), {"commune": world.commune_a1.pk})
    job = CertificateJob.objects.get(kind="zip")
    assert response["Location"] == reverse("certificate_tools:job", args=[job.pk])
    assert job.status == "done" and job.processed == 2 and job.expires_at
    response = client.get(reverse("certificate_tools:job_download", args=[job.pk]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert len([n for n in names if n.endswith(".pdf")]) == 2 and "danh-sach.csv" in names
    listing = archive.read("danh-sach.csv").decode("utf-8-sig")
    assert "Trần Thị Học Viên" in listing and "Lê Văn Tổ Trưởng" in listing
    assert ModelLogEntry.objects.filter(action="kns.certificate.export_zip", user=world.manager_a).exists()
    client.force_login(world.manager_b)
    assert client.get(reverse("certificate_tools:job_download", args=[job.pk])).status_code == 404


def test_expired_zip_files_are_deleted_by_the_sweeper(world, django_capture_on_commit_callbacks):
    from django.utils import timezone

    issue(django_capture_on_commit_callbacks, world.cadre)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.zip_export_start(by=world.manager_a, commune=world.commune_a1)
    job.refresh_from_db()
    name = job.file.name
    assert job.file.storage.exists(name)
    CertificateJob.objects.filter(pk=job.pk).update(expires_at=timezone.now())
    assert services.certificates_sweep()["expired"] == 1
    assert not job.file.storage.exists(name)


# --- Templates -------------------------------------------------------------------------------------


def _template_form(**overrides):
    data = {
        "name": "Mẫu thử",
        "orientation": "landscape",
        "show_national_header": "on",
        "issuer_parent": "",
        "issuer_name": "Ban Tuyên giáo và Dân vận",
        "title": "GIẤY CHỨNG NHẬN",
        "recipient_line": "Chứng nhận Ông/Bà",
        "body": "Đã hoàn thành khóa học {course} ({hours} giờ)",
        "place": "Bắc Ninh",
        "signatory_title": "TRƯỞNG BAN",
        "signatory_name": "Nguyễn Văn Ký",
        "primary_colour": "#9b1c1c",
        "accent_colour": "#b8860b",
    }
    data.update(overrides)
    return data


def test_placeholder_errors_name_the_problem():
    assert placeholder_errors("Hoàn thành {course}") == []
    assert "{ho_ten}" in placeholder_errors("{course} {ho_ten}")[0]
    assert "ngoặc nhọn" in placeholder_errors("{course} {name")[0]
    assert "định dạng" in placeholder_errors("{course} {name!r}")[0]
    assert "{course}" in placeholder_errors("Không có gì")[0]
    assert placeholder_errors("{course} {{giữ nguyên}}") == []


def test_trainer_creates_a_template_and_a_broken_one_is_refused(client, world):
    client.force_login(world.trainer)
    add = reverse(f"{SNIPPET}:add")
    response = client.post(add, _template_form(body="Hoàn thành {khoa_hoc}"))
    assert response.status_code == 200
    assert "{khoa_hoc}" in response.content.decode()
    assert not CertificateTemplate.objects.exists()
    response = client.post(add, _template_form())
    assert response.status_code == 302
    assert CertificateTemplate.objects.get().signatory_name == "Nguyễn Văn Ký"
    response = client.post(
        add, _template_form(name="Màu sai", primary_colour="red; background: url(file:///etc/passwd)")
    )
    assert response.status_code == 200 and not CertificateTemplate.objects.filter(name="Màu sai").exists()


def test_managers_and_cadres_cannot_edit_templates(client, world):
    for user in (world.manager_a, world.cadre):
        client.force_login(user)
        response = client.get(reverse(f"{SNIPPET}:list"))
        assert response.status_code in (302, 403)


def test_live_preview_renders_a_sample_pdf(client, world):
    client.force_login(world.trainer)
    url = reverse(f"{SNIPPET}:preview_on_add")
    response = client.post(url, _template_form())
    assert response.json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "BẢN XEM TRƯỚC" in text and "Nguyễn Văn Ký" in text and "Ban Tuyên giáo và Dân vận" in text
    html = client.get(url, {"mode": "html"}).content.decode()
    assert "Nguyễn Thị Hồng Nhung" in html


def _image(title, *, corrupt=False, missing=False):
    from wagtail_factories import ImageFactory

    image = ImageFactory(title=title)
    if corrupt:
        with image.file.storage.open(image.file.name, "wb") as handle:
            handle.write(b"this is not an image")
    if missing:
        image.file.storage.delete(image.file.name)
    return image


@pytest.mark.parametrize("problem", ["missing", "corrupt"])
def test_preview_says_clearly_when_an_image_will_not_load(client, world, problem, django_capture_on_commit_callbacks):
    image = _image("Chữ ký trưởng ban", **{problem: True})
    client.force_login(world.trainer)
    url = reverse(f"{SNIPPET}:preview_on_add")
    client.post(url, _template_form(signature_image=image.pk))
    response = client.get(url)
    page = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "Chưa xem trước được chứng nhận" in page and "ảnh chữ ký" in page and "Chữ ký trưởng ban" in page

    # And issuing with it does not produce a broken PDF: the certificate fails, with the reason.
    from certificates.models import CourseCertificate
    from tests.courses.builders import build_course

    template = CertificateTemplate.objects.create(name="Có ảnh hỏng", signature_image=image)
    course, steps = build_course(lessons=1)
    CourseCertificate.objects.create(course_key=course.course_key, course_title=course.title, template=template)
    certificate = issue(django_capture_on_commit_callbacks, world.cadre, course=course, steps=steps)
    certificate.refresh_from_db()
    assert certificate.status == "failed" and "ảnh chữ ký" in certificate.last_error and not certificate.pdf


def test_a_good_signature_image_is_printed(world, django_capture_on_commit_callbacks):
    from certificates.models import CourseCertificate
    from certificates.rendering import document_for_sample, html_to_pdf, render_html
    from tests.courses.builders import build_course

    image = _image("Chữ ký tốt")
    template = CertificateTemplate.objects.create(name="Có ảnh", signature_image=image, seal_image=image)
    document = document_for_sample(template)
    result = html_to_pdf(render_html(document), image_labels=document.image_labels)
    assert any(name.startswith("images/") for name in result.served), result.served
    course, steps = build_course(lessons=1)
    CourseCertificate.objects.create(course_key=course.course_key, course_title=course.title, template=template)
    certificate = issue(django_capture_on_commit_callbacks, world.cadre, course=course, steps=steps)
    certificate.refresh_from_db()
    assert certificate.status == "issued", certificate.last_error


def test_trainer_links_a_course_to_a_template(client, world):
    from certificates.models import CourseCertificate
    from tests.courses.builders import build_course

    course, _steps = build_course(title="Khóa có mẫu riêng", lessons=1)
    template = CertificateTemplate.objects.create(name="Mẫu riêng")
    client.force_login(world.trainer)
    response = client.post(
        reverse("certificate_courses:add"),
        {"course_key": str(course.course_key), "template": template.pk, "enabled": "on"},
    )
    assert response.status_code == 302
    link = CourseCertificate.objects.get()
    assert link.course_title == "Khóa có mẫu riêng" and link.template == template


def test_log_actions_are_registered_for_the_admin():
    from wagtail.log_actions import registry

    for action in (
        "kns.certificate.issue",
        "kns.certificate.fail",
        "kns.certificate.revoke",
        "kns.certificate.reissue",
        "kns.certificate.retry",
        "kns.certificate.download",
        "kns.certificate.bulk_reissue",
        "kns.certificate.export_zip",
    ):
        assert registry.action_exists(action), action


def test_issue_is_in_the_site_history(client, world, certificate):
    entry = ModelLogEntry.objects.get(action="kns.certificate.issue", object_id=str(certificate.pk))
    assert certificate.code in entry.message
    client.force_login(world.superuser)
    page = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert certificate.code in page
