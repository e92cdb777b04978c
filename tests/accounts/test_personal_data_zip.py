"""A person's whole data as one ZIP: every app's section (JSON and CSV) and the files, downloaded by
the person or produced by a manager for a cadre in scope; each export logged."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.personal_data_views import PERSONAL_DATA_EXPORT
from tests.accounts.everything import EVIDENCE_PDF, PHONE, did_everything
from tests.certificates.helpers import pdf_text

pytestmark = pytest.mark.django_db

EVERY_KIND = (
    "profile",
    "teams",
    "enrolments",
    "step_completions",
    "evidence",
    "quiz_attempts",
    "quiz_answers",
    "certificates",
    "notifications",
)


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_a_cadre_who_did_everything_gets_a_row_of_every_kind_and_the_files(
    client, world, django_capture_on_commit_callbacks
):
    done = did_everything(world, django_capture_on_commit_callbacks)
    client.force_login(world.cadre)

    archive = _zip(client.get(reverse("accounts:my_data_zip")))

    data = json.loads(archive.read("du-lieu.json"))
    sections = data["sections"]
    for key in EVERY_KIND:
        assert sections[key]["rows"], f"no {key} rows"
    assert sections["profile"]["rows"][0]["phone"] == PHONE
    assert sections["enrolments"]["rows"][0]["course"] == "Chữ ký số cho cán bộ cơ sở"
    assert sections["enrolments"]["rows"][0]["completed_at"]
    attempt = sections["quiz_attempts"]["rows"][0]
    assert (attempt["passed"], float(attempt["score_percent"])) == (True, float(done.attempt.score))
    assert len(sections["quiz_answers"]["rows"]) == 4 and all(row["answer"] for row in sections["quiz_answers"]["rows"])
    # Questions are shuffled per attempt, so the order of the rows is the attempt's own.
    assert any("Phương án" in row["answer"] for row in sections["quiz_answers"]["rows"])
    assert sections["evidence"]["rows"][0]["status"] == "Đã duyệt"
    assert sections["certificates"]["rows"][0]["code"] == done.certificate.display_code
    assert sections["teams"]["rows"][0]["team"] == "Tổ công nghệ số thôn Đông"
    assert sections["notifications"]["rows"][0]["address"]

    # The files, under the names the JSON gives them.
    evidence_name = sections["evidence"]["rows"][0]["file"]
    assert archive.read(f"tep/evidence/{evidence_name}") == EVIDENCE_PDF
    pdf_name = sections["certificates"]["rows"][0]["file"]
    assert "Trần Thị Học Viên" in pdf_text(archive.read(f"tep/certificates/{pdf_name}"))

    # CSV for Excel: every value in one sheet, and a table per section.
    everything = list(csv.reader(io.StringIO(archive.read("du-lieu.csv").decode("utf-8-sig"))))
    assert ["Chứng nhận", "1", "code", done.certificate.display_code] in everything
    table = list(csv.reader(io.StringIO(archive.read("bang/quiz_attempts.csv").decode("utf-8-sig"))))
    assert "score_percent" in table[0] and len(table) == 2

    entry = ModelLogEntry.objects.get(action=PERSONAL_DATA_EXPORT)
    assert (entry.user, entry.object_id, entry.data["files"], entry.data["by_self"]) == (
        world.cadre,
        str(world.cadre.pk),
        2,
        True,
    )
    assert "Đã tải toàn bộ dữ liệu cá nhân của mình" in str(entry.formatter.format_message(entry))


def test_nobody_elses_data_is_in_my_zip(client, world, django_capture_on_commit_callbacks):
    did_everything(world, django_capture_on_commit_callbacks)
    client.force_login(world.leader)
    archive = _zip(client.get(reverse("accounts:my_data_zip")))
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert "Trần Thị Học Viên".encode() not in everything
    assert not [name for name in archive.namelist() if name.startswith("tep/")]


def test_my_zip_needs_a_login(client):
    response = client.get(reverse("accounts:my_data_zip"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_manager_produces_the_zip_for_a_cadre_in_scope_and_it_is_logged(
    client, world, django_capture_on_commit_callbacks
):
    did_everything(world, django_capture_on_commit_callbacks)
    url = reverse("kns_people:personal_data", args=[world.cadre.pk])
    client.force_login(world.commune_manager_a1)

    page = client.get(url)
    assert page.status_code == 200
    assert "Trần Thị Học Viên" in page.content.decode() and "Chứng nhận" in page.content.decode()
    assert not ModelLogEntry.objects.filter(action=PERSONAL_DATA_EXPORT).exists()  # a GET changes nothing

    archive = _zip(client.post(url))
    sections = json.loads(archive.read("du-lieu.json"))["sections"]
    assert all(sections[key]["rows"] for key in EVERY_KIND)
    entry = ModelLogEntry.objects.get(action=PERSONAL_DATA_EXPORT)
    assert (entry.user, entry.object_id, entry.data["by_self"]) == (
        world.commune_manager_a1,
        str(world.cadre.pk),
        False,
    )
    assert "Đã xuất toàn bộ dữ liệu cá nhân của người này" in str(entry.formatter.format_message(entry))


@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
def test_out_of_scope_managers_and_cadres_cannot_export_anyone(client, world, method):
    url = reverse("kns_people:personal_data", args=[world.cadre.pk])
    for outsider, refused in (
        (world.manager_b, {404}),  # another province
        (world.leader, {302, 403}),  # a team leader is no manager
    ):
        client.force_login(outsider)
        response = getattr(client, method)(url)
        assert response.status_code in refused, (outsider, method, response.status_code)
    # A manager cannot export a fellow manager or a trainer, even in the same commune.
    client.force_login(world.manager_a)
    response = getattr(client, method)(reverse("kns_people:personal_data", args=[world.commune_manager_a1.pk]))
    assert response.status_code == 404
    assert not ModelLogEntry.objects.filter(action=PERSONAL_DATA_EXPORT).exists()
