"""Media on an S3-compatible store (``MEDIA_STORAGE=s3``), against moto's S3 server on loopback.

Public media (Wagtail images and documents) go to the public bucket; evidence and certificates to the
private bucket, where an anonymous GET is refused, and they reach people only through our
permission-checked views, which stream them (with Range). Anonymising a person deletes their objects.
"""

import io
import urllib.error
import urllib.request

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from accounts.services import person_anonymise
from accounts.storage import private_storage
from config.env import env_media_storages
from courses import services as course_services
from courses.models import Evidence
from tests.certificates.helpers import issue, pdf_text
from tests.courses.builders import build_course
from tests.storage.conftest import s3_environment

pytestmark = pytest.mark.django_db


def _anonymous_get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback test server
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _jpeg() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (64, 48), "blue").save(out, format="JPEG")
    return out.getvalue()


def _png() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (120, 80), "green").save(out, format="PNG")
    return out.getvalue()


# --- Configuration ---------------------------------------------------------------------------------


def test_s3_settings_are_checked_with_a_sentence_naming_the_variable(monkeypatch):
    s3_environment(monkeypatch, "http://127.0.0.1:9", "kns-media", "kns-private")
    storages = env_media_storages()
    assert storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storages["default"]["OPTIONS"]["querystring_auth"] is False
    assert storages["private"]["BACKEND"] == "accounts.storage_s3.PrivateS3Storage"
    assert storages["private"]["OPTIONS"]["default_acl"] == "private"

    monkeypatch.delenv("S3_PRIVATE_BUCKET")
    with pytest.raises(ImproperlyConfigured, match="S3_PRIVATE_BUCKET is required when MEDIA_STORAGE=s3"):
        env_media_storages()
    monkeypatch.setenv("S3_PRIVATE_BUCKET", "kns-media")
    with pytest.raises(ImproperlyConfigured, match="S3_PRIVATE_BUCKET must differ from S3_BUCKET"):
        env_media_storages()
    monkeypatch.setenv("S3_PRIVATE_BUCKET", "kns-private")
    monkeypatch.setenv("S3_ENDPOINT_URL", "127.0.0.1:9000")
    with pytest.raises(ImproperlyConfigured, match="S3_ENDPOINT_URL must be a URL"):
        env_media_storages()
    monkeypatch.setenv("MEDIA_STORAGE", "nfs")
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE must be one of filesystem, s3"):
        env_media_storages()
    monkeypatch.delenv("MEDIA_STORAGE")
    assert env_media_storages()["private"]["BACKEND"] == "accounts.storage.PrivateFileSystemStorage"


# --- Private files ---------------------------------------------------------------------------------


def test_evidence_goes_to_the_private_bucket_and_only_our_view_gives_it_out(client, world, s3, settings):
    course, steps = build_course(lessons=0, practice="evidence")
    practice = steps[0]
    course_services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    response = client.post(
        reverse("courses:evidence_submit", args=[practice.pk]),
        {"file": SimpleUploadedFile("anh.jpg", _jpeg(), content_type="image/jpeg"), "note": "Đã hướng dẫn"},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(user=world.cadre)

    assert s3.keys(s3.private_bucket) == [evidence.file.name]
    assert s3.keys(s3.public_bucket) == []
    assert not settings.PRIVATE_MEDIA_ROOT.exists() or not any(settings.PRIVATE_MEDIA_ROOT.rglob("*.jpg"))
    stored = s3.read(s3.private_bucket, evidence.file.name)
    # No ACL grants anyone but the owner; an unsigned GET of the object is refused; we make no URL.
    grants = s3.client.get_object_acl(Bucket=s3.private_bucket, Key=evidence.file.name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"].get("Type") == "CanonicalUser" for grant in grants)
    assert _anonymous_get(s3.object_url(s3.private_bucket, evidence.file.name))[0] == 403
    with pytest.raises(ValueError, match="no public URL"):
        private_storage.url(evidence.file.name)

    # The team leader reviews it through our view, which streams it; a range too.
    client.force_login(world.leader)
    url = reverse("courses:evidence_file", args=[evidence.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert _body(response) == stored
    response = client.get(url, HTTP_RANGE="bytes=10-19")
    assert response.status_code == 206 and _body(response) == stored[10:20]
    # Another team's leader does not get it.
    client.force_login(world.manager_b)
    assert client.get(url).status_code == 404


def test_a_certificate_pdf_is_rendered_into_the_private_bucket_and_downloaded_through_our_view(
    client, world, s3, django_capture_on_commit_callbacks
):
    certificate = issue(django_capture_on_commit_callbacks, world.cadre, title="Chuyển đổi số cơ sở")

    assert certificate.status == "issued", certificate.last_error
    assert s3.keys(s3.private_bucket) == [certificate.pdf.name]
    assert certificate.pdf.name.startswith("certificates/")
    assert _anonymous_get(s3.object_url(s3.private_bucket, certificate.pdf.name))[0] == 403
    client.force_login(world.cadre)
    response = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = _body(response)
    assert data == s3.read(s3.private_bucket, certificate.pdf.name)
    text = pdf_text(data)
    assert "Trần Thị Học Viên" in text and "Chuyển đổi số cơ sở" in text
    client.force_login(world.manager_b)
    assert client.get(reverse("certificates:download", args=[certificate.pk])).status_code == 404


def test_anonymising_deletes_the_persons_objects(world, s3, django_capture_on_commit_callbacks):
    course, steps = build_course(lessons=0, practice="evidence")
    course_services.enrollment_create(user=world.cadre, course=course)
    evidence = course_services.evidence_submit(
        user=world.cadre, practice=steps[0], upload=SimpleUploadedFile("a.jpg", _jpeg(), content_type="image/jpeg")
    )
    certificate = issue(django_capture_on_commit_callbacks, world.leader)  # someone else's stays
    mine = issue(django_capture_on_commit_callbacks, world.cadre, title="Khóa hai")
    assert sorted(s3.keys(s3.private_bucket)) == sorted([evidence.file.name, certificate.pdf.name, mine.pdf.name])

    with django_capture_on_commit_callbacks(execute=True):
        person_anonymise(person=world.cadre, actor=world.superuser)

    assert s3.keys(s3.private_bucket) == [certificate.pdf.name]


# --- Public media ----------------------------------------------------------------------------------


def test_a_lesson_video_in_the_bucket_answers_ranges_with_the_right_bytes(client, s3):
    data = bytes(range(256)) * 400  # 102,400 bytes
    document = Document(title="Bài 1", file=ContentFile(data, name="bai-1.mp4"))
    document.file_size = len(data)
    document.save()
    assert s3.keys(s3.public_bucket) == [document.file.name]

    response = client.get(document.url, HTTP_RANGE="bytes=1000-1999", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-1999/{len(data)}"
    assert response["Content-Length"] == "1000"
    assert _body(response) == data[1000:2000]
    response = client.get(document.url, HTTP_RANGE="bytes=-300")
    assert response.status_code == 206 and _body(response) == data[-300:]
    response = client.get(document.url)
    assert response.status_code == 200 and _body(response) == data


def test_an_image_rendition_goes_to_the_public_bucket_and_is_readable_there(s3):
    image = Image(title="Ảnh bìa", file=ContentFile(_png(), name="anh-bia.png"))
    image.save()
    rendition = image.get_rendition("fill-40x40")

    keys = s3.keys(s3.public_bucket)
    assert image.file.name in keys and rendition.file.name in keys
    assert s3.keys(s3.private_bucket) == []
    assert rendition.url.startswith(f"{s3.endpoint}/{s3.public_bucket}/")
    status, body = _anonymous_get(rendition.url)
    assert status == 200
    assert PILImage.open(io.BytesIO(body)).size == (40, 40)


def test_a_login_sheet_and_a_background_export_are_kept_in_the_private_bucket_and_downloaded_through_our_views(
    client, world, s3, settings, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    from accounts.models import LoginSheet
    from reports.models import ExportJob

    client.force_login(world.manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("kns_login_sheets:commune", args=[world.commune_a1.pk]), {"only_new": "on"})
    sheet = LoginSheet.objects.get()
    assert sheet.status == LoginSheet.Status.READY, sheet.message
    assert sheet.file.name in s3.keys(s3.private_bucket)
    assert _anonymous_get(s3.object_url(s3.private_bucket, sheet.file.name))[0] == 403
    response = client.get(reverse("kns_login_sheets:pdf", args=[sheet.pk]))
    assert response.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(_body(response))).pages)
    assert "cadre_a1" in text

    settings.REPORTS_EXPORT_INLINE_MAX_ROWS = 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports_admin:commune", args=[world.commune_a1.pk]), {"export": "csv", "table": "cadres"})
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.DONE, job.error
    assert job.file.name in s3.keys(s3.private_bucket)
    download = client.get(reverse("reports_admin:export_download", args=[job.pk]))
    assert download.status_code == 200
    assert "Trần Thị Học Viên" in _body(download).decode("utf-8-sig")
