"""The admin screen for importing cadres: upload, preview, confirm, progress, outcome; scoped to the manager."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from accounts import audit
from accounts.imports import jobs
from accounts.models import ImportJob, User
from tests.accounts.corpus.build import cp1258
from tests.accounts.import_world import build_import_world, database_fingerprint

pytestmark = pytest.mark.django_db

HEADER = "Họ và tên,Số điện thoại,Mã xã phường,Tổ công nghệ số,Vai trò trong tổ\r\n"


def upload(client, name, content, *, execute, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=execute):
        return client.post(
            reverse("kns_cadre_import:index"), {"file": SimpleUploadedFile(name, content, content_type="text/csv")}
        )


def letters(number: int) -> str:
    """0 → "B", 18 → "CC": names have no digits."""
    text = ""
    while True:
        number, digit = divmod(number, 17)
        text = "BCDGHKLMNPQRSTVXĐ"[digit] + text
        if not number:
            return text


def rows(count, *, code="91001", start=0):
    lines = [
        f"Phạm Văn Số {letters(i)},09{16000000 + i},{code},Tổ {letters(i % 3)},Thành viên"
        for i in range(start, start + count)
    ]
    return (HEADER + "\r\n".join(lines) + "\r\n").encode("utf-8")


@pytest.fixture
def import_world(db):
    return build_import_world()


def test_upload_preview_confirm_and_outcome(client, import_world, django_capture_on_commit_callbacks):
    client.force_login(import_world.manager)

    response = upload(
        client,
        "danh-sach.csv",
        rows(3),
        execute=True,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("kns_cadre_import:job", args=[job.pk])
    assert job.status == ImportJob.Status.READY
    assert User.objects.filter(full_name__startswith="Phạm Văn Số").count() == 0  # the preview writes nothing

    page = client.get(reverse("kns_cadre_import:job", args=[job.pk])).content.decode()
    assert "Phạm Văn Số B" in page and "Phạm Văn Số D" in page
    assert "Tạo mới" in page and "Tổ mới" in page
    assert "Bấm «Nhập» để tạo 3 và cập nhật 0 tài khoản." in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("kns_cadre_import:job", args=[job.pk]))
    assert response.status_code == 302

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.created_count, job.updated_count, job.error_count) == (3, 0, 0)
    assert job.content is None  # the uploaded file is not kept once the job is over
    assert User.objects.filter(full_name__startswith="Phạm Văn Số", commune=import_world.an_binh).count() == 3
    assert ModelLogEntry.objects.filter(action=audit.IMPORT_APPLY, object_id=str(job.pk)).exists()

    status = client.get(reverse("kns_cadre_import:job_status", args=[job.pk])).json()
    assert status == {
        "status": "done",
        "status_label": "Đã nhập xong",
        "running": False,
        "phase": "",
        "done": 3,
        "total": 3,
        "percent": 100,
    }
    # Confirming twice does nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("kns_cadre_import:job", args=[job.pk]))
    assert User.objects.filter(full_name__startswith="Phạm Văn Số").count() == 3


def test_a_bad_file_shows_each_error_and_writes_nothing(client, import_world, django_capture_on_commit_callbacks):
    client.force_login(import_world.manager)
    before = {
        k: v
        for k, v in database_fingerprint()["counts"].items()
        if k not in {"accounts.importjob", "wagtailcore.modellogentry"}
    }
    content = HEADER.encode() + "Phạm Văn Một,0916 000 001,91001,,\r\nPhạm Văn Hai,0916 000 001,92001,,\r\n".encode()

    upload(
        client, "loi.csv", content, execute=True, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID
    page = client.get(reverse("kns_cadre_import:job", args=[job.pk])).content.decode()
    assert "Dòng 3: số điện thoại «+84916000001» trùng với dòng 2." in page
    assert "nằm ngoài phạm vi bạn quản lý" in page
    assert "chưa ghi gì" in page
    assert "Bấm «Nhập»" not in page
    after = {
        k: v
        for k, v in database_fingerprint()["counts"].items()
        if k not in {"accounts.importjob", "wagtailcore.modellogentry"}
    }
    assert after == before
    # A job with errors cannot be confirmed.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("kns_cadre_import:job", args=[job.pk]))
    assert not User.objects.filter(phone="+84916000001").exists()


def test_a_file_level_problem_is_shown(client, import_world, django_capture_on_commit_callbacks):
    client.force_login(import_world.manager)
    upload(
        client,
        "cu.csv",
        cp1258("Họ và tên,Số điện thoại,Mã xã phường\r\nTrần Thị Hoa,0916000001,91001\r\n"),
        execute=True,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID
    assert "UTF-8" in client.get(reverse("kns_cadre_import:job", args=[job.pk])).content.decode()


def test_a_large_file_runs_as_a_task_with_progress(client, import_world, django_capture_on_commit_callbacks):
    """2,000 rows through the Celery task (eager here), with progress kept while it runs."""
    client.force_login(import_world.manager)
    seen = []
    real = jobs._progress_writer

    def spy(job_id):
        write = real(job_id)

        def record(phase, done, total):
            write(phase, done, total)
            status = client.get(reverse("kns_cadre_import:job_status", args=[job_id])).json()
            seen.append((phase, done, total, status["percent"], status["running"]))

        return record

    jobs._progress_writer = spy
    try:
        upload(
            client,
            "lon.csv",
            rows(2000),
            execute=True,
            django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
        )
        job = ImportJob.objects.get()
        assert job.status == ImportJob.Status.READY and job.total_rows == 2000
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("kns_cadre_import:job", args=[job.pk]))
    finally:
        jobs._progress_writer = real

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.created_count == 2000
    assert User.objects.filter(commune=import_world.an_binh, full_name__startswith="Phạm Văn Số").count() == 2000
    writes = [entry for entry in seen if entry[0] == "write"]
    assert writes[0][:3] == ("write", 0, 2000) and writes[-1][:3] == ("write", 2000, 2000)
    percents = [entry[3] for entry in writes]
    assert percents == sorted(percents) and any(0 < p < 100 for p in percents) and percents[-1] == 100
    assert all(entry[4] for entry in seen)  # the status page said "running" all along


def test_the_job_page_shows_a_progress_bar_while_running(client, import_world):
    client.force_login(import_world.manager)
    job = ImportJob.objects.create(
        created_by=import_world.manager, filename="dang-chay.csv", status=ImportJob.Status.APPLYING, total_rows=10
    )
    jobs._progress_writer(job.pk)("write", 4, 10)

    page = client.get(reverse("kns_cadre_import:job", args=[job.pk])).content.decode()
    status = client.get(reverse("kns_cadre_import:job_status", args=[job.pk])).json()

    assert '<progress id="kns-progress"' in page and 'value="40"' in page
    assert "accounts/import_progress.js" in page and 'http-equiv="refresh"' in page
    assert status["percent"] == 40 and status["running"]


def test_a_job_whose_worker_died_ends_with_a_message(client, import_world):
    import datetime

    from django.utils import timezone

    job = ImportJob.objects.create(
        created_by=import_world.manager,
        filename="treo.csv",
        status=ImportJob.Status.APPLYING,
        started_at=timezone.now() - datetime.timedelta(hours=2),
    )
    client.force_login(import_world.manager)
    assert client.get(reverse("kns_cadre_import:job_status", args=[job.pk])).json()["status"] == "failed"
    job.refresh_from_db()
    assert "không có gì được nhập" in job.message


def test_jobs_are_seen_only_by_whoever_made_them(client, import_world):
    job = ImportJob.objects.create(
        created_by=import_world.manager, filename="cua-quan-ly-a.csv", status=ImportJob.Status.INVALID
    )
    client.force_login(import_world.manager_b)
    assert client.get(reverse("kns_cadre_import:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("kns_cadre_import:job_status", args=[job.pk])).status_code == 404
    assert client.post(reverse("kns_cadre_import:job", args=[job.pk])).status_code == 404
    assert "cua-quan-ly-a.csv" not in client.get(reverse("kns_cadre_import:index")).content.decode()


def test_a_file_far_over_the_limit_is_refused_while_uploading(client, import_world, settings):
    settings.KNS_IMPORT_MAX_BYTES = 1024
    client.force_login(import_world.manager)

    response = client.post(
        reverse("kns_cadre_import:index"), {"file": SimpleUploadedFile("lon.csv", rows(500), content_type="text/csv")}
    )

    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_import_page_documents_columns_and_offers_templates(client, import_world):
    client.force_login(import_world.manager)
    page = client.get(reverse("kns_cadre_import:index")).content.decode()
    assert "Tỉnh Thử Nghiệm A" in page  # the manager's scope
    assert "Mã xã, phường" in page and "commune_code" in page

    csv_template = client.get(reverse("kns_cadre_import:template_csv"))
    assert csv_template.content.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(csv_template.content.decode("utf-8-sig"))))
    assert header[:3] == ["Tên đăng nhập", "Họ và tên", "Số điện thoại"]

    workbook = load_workbook(io.BytesIO(client.get(reverse("kns_cadre_import:template_xlsx")).content))
    assert workbook.sheetnames == ["Cán bộ", "Hướng dẫn"]
    assert [c.value for c in workbook["Cán bộ"][1]][:2] == ["Tên đăng nhập", "Họ và tên"]
    assert workbook["Hướng dẫn"].max_row == 11


def test_the_templates_round_trip(import_world):
    """A template filled in as documented imports cleanly."""
    from openpyxl import load_workbook as load

    from accounts.imports import cadres_import, read_table
    from accounts.imports.columns import template_xlsx

    workbook = load(io.BytesIO(template_xlsx()))
    workbook["Cán bộ"].append(["lan.moi", "Nguyễn Thị Lan Mới", "0916 111 222", "", "", "", "91002", "", "", "Cán bộ"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    report = cadres_import(table=read_table(data=buffer.getvalue(), filename="mau.xlsx"), actor=import_world.manager)

    assert report.ok and report.created == 1
    assert User.objects.get(username="lan.moi").commune == import_world.dong_hoa


def test_cadres_and_trainers_cannot_reach_the_import(client, world):
    client.force_login(world.cadre)
    assert client.get(reverse("kns_cadre_import:index")).status_code in (302, 403)
    client.force_login(world.trainer)
    assert client.get(reverse("kns_cadre_import:template_csv")).status_code in (302, 403)


def test_the_import_page_makes_a_constant_number_of_queries(client, import_world, assert_constant_queries):
    client.force_login(import_world.manager)
    url = reverse("kns_cadre_import:index")

    pages = []

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        pages.append(response.content.decode())

    def grow():
        for index in range(10):
            ImportJob.objects.create(created_by=import_world.manager, filename=f"tep-{index}.csv", status="done")

    assert_constant_queries(page, grow, label="import page")
    # The counted page is the import page with its list of earlier imports, before and after.
    assert 'type="file"' in pages[0] and "tep-9.csv" not in pages[0]
    assert 'type="file"' in pages[-1] and "tep-9.csv" in pages[-1]


def test_the_upload_is_protected_against_cross_site_requests(import_world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(import_world.manager)
    response = client.post(
        reverse("kns_cadre_import:index"), {"file": SimpleUploadedFile("x.csv", rows(1), content_type="text/csv")}
    )
    assert response.status_code == 403
    assert not ImportJob.objects.exists()
