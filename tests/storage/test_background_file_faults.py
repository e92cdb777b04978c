"""When the store refuses to write a background file (a commune's certificate ZIP, a report export, a
printed login sheet), the job keeps the store's real reason, releases its claim and is tried again
after 30 s, then 60 s; after the third try it fails with that reason. Once the store works again, the
next try finishes.

The faults are real: either the project's own FileSystemStorage finds a file where its folder should be
(the operating system raises, as for a full or read-only disk), or the private bucket's endpoint does
not answer (nothing listens on the port). The retries go through Celery (eager in tests, which runs
each retry at once); its ``task_postrun`` signal shows the countdown each try asked for. Nothing of
ours is replaced.
"""

import socket

import pytest
from celery.exceptions import Retry
from celery.signals import task_postrun

from accounts.login_sheets import login_sheet_build, login_sheet_request
from accounts.models import LoginSheet, OneTimeLogin
from accounts.storage import StorageRetry
from certificates import services as certificate_services
from certificates.models import CertificateJob
from reports import services as report_services
from reports.filters import Filters
from reports.models import ExportJob
from tests.certificates.helpers import issue
from tests.storage.conftest import s3_environment

pytestmark = pytest.mark.django_db


@pytest.fixture
def refuse(settings):
    """``refuse("exports")``: a file where that folder of the private store should be; returns the repair."""
    blockers = []

    def block(folder: str):
        root = settings.PRIVATE_MEDIA_ROOT
        root.mkdir(parents=True, exist_ok=True)
        blocker = root / folder
        blocker.write_bytes(b"")
        blockers.append(blocker)
        return blocker.unlink

    return block


@pytest.fixture
def retries():
    """The countdowns the tasks asked Celery to retry after, in order (each try ends with the Retry)."""
    seen = []

    def record(sender=None, retval=None, **kwargs):
        if isinstance(retval, Retry):
            seen.append(retval.when)

    task_postrun.connect(record, weak=False)
    yield seen
    task_postrun.disconnect(record)


@pytest.fixture
def bucket_down(settings, monkeypatch):
    """The private bucket's endpoint answers nothing: a port on loopback nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    from config.env import env_media_storages

    s3_environment(monkeypatch, f"http://127.0.0.1:{port}", "kns-media", "kns-private")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")  # botocore's own retries would only slow the test
    settings.STORAGES = {**settings.STORAGES, "private": env_media_storages()["private"]}


# --- Certificate ZIPs ------------------------------------------------------------------------------


def _zip_job(world, django_capture_on_commit_callbacks):
    issue(django_capture_on_commit_callbacks, world.cadre)
    return certificate_services.zip_export_start(by=world.manager_a, commune=world.commune_a1)


def test_a_refused_zip_keeps_the_reason_releases_the_claim_and_the_next_try_finishes(
    world, refuse, django_capture_on_commit_callbacks
):
    job = _zip_job(world, django_capture_on_commit_callbacks)  # queued on commit, which does not run here
    repair = refuse("certificate-exports")

    with pytest.raises(StorageRetry) as later:
        certificate_services.job_run(job_id=job.pk, attempt=0)

    assert later.value.countdown == 30
    job.refresh_from_db()
    assert (job.status, job.started_at, job.file.name) == ("queued", None, "")
    assert "Kho lưu trữ không đọc hoặc ghi được tệp ZIP" in job.error
    assert "Error" in job.error and "certificate-exports" in job.error  # the operating system's reason

    repair()
    certificate_services.job_run(job_id=job.pk, attempt=1)
    job.refresh_from_db()
    assert job.status == "done" and job.error == "" and job.file.storage.exists(job.file.name)


def test_a_zip_the_store_keeps_refusing_is_retried_with_backoff_then_failed_with_the_reason(
    world, refuse, retries, django_capture_on_commit_callbacks
):
    refuse("certificate-exports")
    with django_capture_on_commit_callbacks(execute=True):
        job = _zip_job(world, django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert retries == [30, 60]
    assert job.status == CertificateJob.Status.FAILED and not job.file
    assert "certificate-exports" in job.error and "Đã thử 3 lần." in job.error


# --- Report exports --------------------------------------------------------------------------------


def _export_job(world):
    return report_services.export_start(
        user=world.manager_a,
        level="commune",
        obj=world.commune_a1,
        table="cadres",
        export_format="csv",
        filters=Filters(),
        label="Cán bộ xã An Bình",
        rows=5000,  # above the inline limit: a background job
    )


def test_a_refused_export_keeps_the_reason_releases_the_claim_and_the_next_try_finishes(world, refuse):
    job = _export_job(world)
    repair = refuse("exports")

    with pytest.raises(StorageRetry) as later:
        report_services.export_run(job_id=job.pk, attempt=0)

    assert later.value.countdown == 30
    job.refresh_from_db()
    assert (job.status, job.processed, job.file.name) == ("queued", 0, "")
    assert "Kho lưu trữ không ghi được tệp" in job.error and "exports" in job.error and "Error" in job.error

    repair()
    finished = report_services.export_run(job_id=job.pk, attempt=1)
    assert finished.status == ExportJob.Status.DONE and finished.error == ""
    assert finished.file.storage.exists(finished.file.name)


def test_an_export_to_an_unreachable_bucket_is_retried_with_backoff_then_failed_with_the_reason(
    world, bucket_down, retries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = _export_job(world)

    job.refresh_from_db()
    assert retries == [30, 60]
    assert job.status == ExportJob.Status.FAILED and not job.file
    assert "EndpointConnectionError" in job.error and "Đã thử 3 lần." in job.error


# --- Login sheets ----------------------------------------------------------------------------------


def test_a_refused_login_sheet_revokes_its_codes_keeps_the_reason_and_the_next_try_finishes(world, refuse):
    sheet = login_sheet_request(actor=world.manager_a, commune=world.commune_a1)
    repair = refuse("login-sheets")

    with pytest.raises(StorageRetry) as later:
        login_sheet_build(sheet_id=sheet.pk, attempt=0)

    assert later.value.countdown == 30
    sheet.refresh_from_db()
    assert (sheet.status, sheet.started_at, sheet.file.name) == ("queued", None, "")
    assert "Kho lưu trữ không ghi được tệp PDF" in sheet.message and "login-sheets" in sheet.message
    codes = OneTimeLogin.objects.filter(sheet=sheet)
    assert codes.count() == 2 and not codes.filter(revoked_at__isnull=True).exists()  # no printed code lives

    repair()
    login_sheet_build(sheet_id=sheet.pk, attempt=1)
    sheet.refresh_from_db()
    assert sheet.status == LoginSheet.Status.READY and sheet.file.storage.exists(sheet.file.name)
    assert codes.filter(revoked_at__isnull=True).count() == 2  # the new try's codes, in the stored PDF


def test_a_login_sheet_the_store_keeps_refusing_is_retried_with_backoff_then_failed_with_the_reason(
    world, refuse, retries, django_capture_on_commit_callbacks
):
    refuse("login-sheets")
    with django_capture_on_commit_callbacks(execute=True):
        sheet = login_sheet_request(actor=world.manager_a, commune=world.commune_a1)

    sheet.refresh_from_db()
    assert retries == [30, 60]
    assert sheet.status == LoginSheet.Status.FAILED and not sheet.file
    assert "login-sheets" in sheet.message and "Đã thử 3 lần. Hãy in lại." in sheet.message
    assert OneTimeLogin.objects.filter(sheet=sheet).count() == 6  # three tries of two codes
    assert not OneTimeLogin.objects.filter(sheet=sheet, revoked_at__isnull=True).exists()
