"""Download names are ASCII, folded the way search folds Vietnamese: "Đồng" is "dong", never "ong".

Django's ``slugify`` strips combining marks only, and "đ" has none, so it used to vanish from file names.
"""

import pytest
from django.urls import reverse

# Registers the export's log action: only the admin's URLconf and this import load the module.
import accounts.personal_data_views  # noqa: F401
from accounts.text import ascii_slug, content_disposition, download_name
from certificates.models import CertificateJob
from quizzes.models import QuestionBank
from tests.certificates.helpers import issue


def test_ascii_slugs_keep_d_with_stroke():
    assert ascii_slug("Bài 1: Chữ ký số") == "bai-1-chu-ky-so"
    assert ascii_slug("Tỉnh Đồng Nai – Đắk Lắk") == "tinh-dong-nai-dak-lak"
    # Decomposed input (some Vietnamese keyboards) folds the same way.
    assert ascii_slug("Đồng Nai".encode().decode()) == ascii_slug("\u0110o\u0302\u0300ng Nai") == "dong-nai"
    assert ascii_slug("Đường Đông Đô", limit=10) == "duong-dong"
    assert download_name("chung-nhan", "Xã Đông Hòa", 12, extension="zip") == "chung-nhan-xa-dong-hoa-12.zip"


def test_a_non_ascii_name_gets_an_ascii_fallback_and_an_rfc5987_name():
    assert content_disposition("bao-cao.csv") == 'attachment; filename="bao-cao.csv"'
    header = content_disposition('Hướng dẫn "Đăng ký".pdf', inline=True)
    assert header.startswith('inline; filename="Huong dan -Dang ky-.pdf"; ')
    assert header.endswith("filename*=UTF-8''H%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn%20%22%C4%90%C4%83ng%20k%C3%BD%22.pdf")


def _filename(response) -> str:
    header = response["Content-Disposition"]
    assert header.startswith("attachment; filename=")
    assert header.isascii()
    return header.split('filename="', 1)[1].split('"', 1)[0]


@pytest.mark.django_db
def test_a_report_export_names_the_ward_with_d(client, world):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("reports_admin:commune", args=[world.commune_a2.pk]), {"export": "csv", "table": "cadres"}
    )
    assert response.status_code == 200
    name = _filename(response)
    assert name.startswith("bao-cao-phuong-dong-hoa-") and name.endswith(".csv"), name


@pytest.mark.django_db
def test_a_communes_certificate_zip_is_named_after_the_commune(client, world, django_capture_on_commit_callbacks):
    world.commune_a1.name = "Xã Đồng Tâm"
    world.commune_a1.save()
    issue(django_capture_on_commit_callbacks, world.cadre, title="Khóa một")
    client.force_login(world.manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("certificate_tools:zip"), {"commune": world.commune_a1.pk})
    job = CertificateJob.objects.get(kind="zip")
    response = client.get(reverse("certificate_tools:job_download", args=[job.pk]))
    assert _filename(response) == f"chung-nhan-xa-dong-tam-{job.pk}.zip"


@pytest.mark.django_db
def test_a_certificate_pdf_is_named_after_its_holder(client, world, django_capture_on_commit_callbacks):
    world.cadre.full_name = "Đặng Thị Đào"
    world.cadre.save()
    certificate = issue(django_capture_on_commit_callbacks, world.cadre, title="Khóa một")
    client.force_login(world.cadre)
    response = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert _filename(response) == f"chung-nhan-dang-thi-dao-{certificate.display_code}.pdf"


@pytest.mark.django_db
def test_the_personal_data_zip_is_named_after_the_person(client, world):
    world.cadre.full_name = "Đỗ Văn Đạt"
    world.cadre.save()
    client.force_login(world.cadre)
    response = client.get(reverse("accounts:my_data_zip"))
    assert _filename(response) == f"du-lieu-ca-nhan-do-van-dat-{world.cadre.pk}.zip"


@pytest.mark.django_db
def test_a_question_export_is_named_after_its_bank(client, world):
    bank = QuestionBank.objects.create(name="Địa danh Đà Nẵng")
    client.force_login(world.trainer)
    response = client.get(reverse("quiz_questions:export"), {"format": "csv", "bank": bank.pk})
    assert _filename(response).startswith(f"cau-hoi-dia-danh-da-nang-{bank.pk}-")
