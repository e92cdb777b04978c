"""A certificate keeps what it printed: the template's wording is stored on it when it is issued,
the PDF is rendered from that, the verify page shows it, and a later edit of the template changes
neither; a reissue takes the new wording and the superseded row keeps the old."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from certificates.models import Certificate, CertificateTemplate
from certificates.rendering import render_certificate_pdf
from tests.certificates.helpers import issue, pdf_text

pytestmark = pytest.mark.django_db

OLD = {
    "title": "GIẤY KHEN HOÀN THÀNH",
    "issuer_parent": "TỈNH ỦY BẮC NINH",
    "issuer_name": "BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY",
    "place": "Bắc Ninh",
    "signatory_title": "PHÓ TRƯỞNG BAN",
    "signatory_name": "Nguyễn Văn Ký",
    "recipient_line": "Trao tặng Ông/Bà",
    "body": "Cán bộ {commune}\nđã học xong “{course}” ({hours} giờ), ngày {date}.",
}
NEW = {
    "title": "CHỨNG CHỈ ĐÃ ĐỔI",
    "issuer_parent": "ỦY BAN NHÂN DÂN TỈNH",
    "issuer_name": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "place": "Từ Sơn",
    "signatory_title": "GIÁM ĐỐC",
    "signatory_name": "Trần Thị Duyệt",
    "recipient_line": "Công nhận Ông/Bà",
    "body": "Đã dự “{course}” tại {commune}.",
}
PRINTED = ("title", "issuer_parent", "issuer_name", "place", "signatory_title", "signatory_name", "recipient_line")


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    from django.core.cache import cache

    cache.clear()
    settings.KNS_VERIFY_RATE_LIMIT = 1000


@pytest.fixture
def template(world):
    return CertificateTemplate.objects.create(name="Mẫu của tỉnh", is_default=True, **OLD)


def _edit(template, values):
    for field, value in values.items():
        setattr(template, field, value)
    template.full_clean()
    template.save()


def _verify_page(client, certificate) -> str:
    response = client.get(reverse("certificates:verify", kwargs={"code": certificate.display_code}))
    assert response.status_code == 200
    return response.content.decode()


def test_every_printed_field_is_stored_when_the_certificate_is_issued(
    world, template, django_capture_on_commit_callbacks
):
    certificate = issue(django_capture_on_commit_callbacks, world.cadre, title="Chữ ký số cơ bản")
    certificate.refresh_from_db()
    assert certificate.status == "issued", certificate.last_error
    for field, value in OLD.items():
        assert getattr(certificate, field) == value, field
    assert (certificate.full_name, certificate.course_title, certificate.commune_name) == (
        "Trần Thị Học Viên",
        "Chữ ký số cơ bản",
        "Xã An Bình",
    )
    text = pdf_text(certificate.pdf.read())
    for field in PRINTED:
        assert OLD[field] in text, field
    assert "đã học xong" in text and certificate.display_code in text


def test_a_template_edit_after_issue_changes_neither_the_pdf_nor_the_verify_page(
    client, world, template, django_capture_on_commit_callbacks
):
    certificate = issue(django_capture_on_commit_callbacks, world.cadre, title="Chữ ký số cơ bản")
    _edit(template, NEW)
    certificate.refresh_from_db()

    # The stored PDF, and a PDF rendered again now (an audit, a retry): the old wording only.
    for text in (pdf_text(certificate.pdf.read()), pdf_text(render_certificate_pdf(certificate))):
        for field in PRINTED:
            assert OLD[field] in text, field
            assert NEW[field] not in text, field
        assert "đã học xong" in text and "Đã dự" not in text
    page = _verify_page(client, certificate)
    for field in PRINTED[:-1]:  # the line before the name is wording, not a field a checker compares
        assert OLD[field] in page, field
        assert NEW[field] not in page, field
    for shown in ("Trần Thị Học Viên", "Chữ ký số cơ bản", "Xã An Bình", certificate.display_code):
        assert shown in page, shown
    # The admin's inspect page shows the stored wording too.
    client.force_login(world.manager_a)
    inspect = client.get(reverse("issued_certificates:inspect", args=[certificate.pk])).content.decode()
    assert OLD["signatory_name"] in inspect and OLD["title"] in inspect and OLD["place"] in inspect
    assert NEW["signatory_name"] not in inspect and NEW["title"] not in inspect


def test_a_reissue_takes_the_new_wording_and_the_old_version_keeps_its_own(
    client, world, template, django_capture_on_commit_callbacks
):
    from certificates.services import certificate_reissue

    old = issue(django_capture_on_commit_callbacks, world.cadre, title="Chữ ký số cơ bản")
    _edit(template, NEW)
    with django_capture_on_commit_callbacks(execute=True):
        new = certificate_reissue(certificate=old, by=world.manager_a)
    new.refresh_from_db()
    old.refresh_from_db()
    assert (old.status, new.status) == ("superseded", "issued"), new.last_error

    new_text = pdf_text(new.pdf.read())
    for field in PRINTED:
        assert NEW[field] in new_text, field
        assert getattr(new, field) == NEW[field]
        assert getattr(old, field) == OLD[field]
    new_page, old_page = _verify_page(client, new), _verify_page(client, old)
    assert NEW["title"] in new_page and NEW["signatory_name"] in new_page and NEW["place"] in new_page
    assert OLD["title"] in old_page and OLD["signatory_name"] in old_page and NEW["title"] not in old_page
    assert "Đã dự" in new_text and OLD["title"] in pdf_text(old.pdf.read())


def test_a_failed_certificate_takes_the_fixed_wording_when_retried(world, template, django_capture_on_commit_callbacks):
    """It was never printed, so the fix to its template is what it prints."""
    from certificates.services import certificate_retry

    certificate = issue(django_capture_on_commit_callbacks, world.cadre)
    Certificate.objects.filter(pk=certificate.pk).update(status="failed", body="{broken", pdf="")
    _edit(template, NEW)
    certificate.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        certificate_retry(certificate=certificate, by=world.manager_a)
    certificate.refresh_from_db()
    assert certificate.status == "issued", certificate.last_error
    assert certificate.title == NEW["title"] and NEW["title"] in pdf_text(certificate.pdf.read())


def test_the_migration_fills_older_certificates_from_their_template(
    world, template, django_capture_on_commit_callbacks
):
    certificate = issue(django_capture_on_commit_callbacks, world.cadre)
    fields = ("title", "issuer_parent", "place", "signatory_title", "signatory_name", "recipient_line", "body")
    # As a row from before the wording was stored: the columns' defaults.
    Certificate.objects.filter(pk=certificate.pk).update(
        **{name: Certificate._meta.get_field(name).get_default() for name in fields}
    )
    migration = importlib.import_module("certificates.migrations.0002_printed_wording")

    migration.backfill_wording(apps, None)

    certificate.refresh_from_db()
    for name in fields:
        assert getattr(certificate, name) == OLD[name], name
