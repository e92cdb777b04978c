"""The admin screen's imports: an ImportJob is checked (the preview), then, once confirmed, applied.

Both steps run in a Celery task that takes the job's id (``accounts.tasks``), queued on commit.
Each step claims the job with a conditional UPDATE of its status, so a task delivered twice
does its work once. While a step runs, its progress goes to the cache (the apply step writes
inside one transaction, which other connections cannot see until it commits); the job row
holds the status and, at the end, the report.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import audit
from ..models import ImportJob, User
from .cadres import ImportConflict, ImportReport, cadres_import
from .reading import FileProblem, read_table

logger = logging.getLogger(__name__)

# Celery's hard limit for one step; Redis's visibility timeout (CELERY_VISIBILITY_TIMEOUT, 600 s by
# default) must stay longer, or a running import would be delivered a second time.
TASK_TIME_LIMIT = 540
TASK_SOFT_TIME_LIMIT = 500
QUEUED_TOO_LONG = dt.timedelta(hours=1)
RUNNING_TOO_LONG = dt.timedelta(seconds=2 * TASK_TIME_LIMIT)


def _progress_key(job_id: int) -> str:
    return f"kns:import-job:{job_id}:progress"


def _progress_writer(job_id: int):
    def write(phase: str, done: int, total: int) -> None:
        cache.set(_progress_key(job_id), {"phase": phase, "done": done, "total": total}, timeout=3600)

    return write


def _queue(task_name: str, job_id: int) -> None:
    from .. import tasks

    task = getattr(tasks, task_name)
    transaction.on_commit(lambda: task.delay(job_id))


@transaction.atomic
def job_create(*, actor: User, filename: str, data: bytes) -> ImportJob:
    """Store an uploaded file and queue its check."""
    job = ImportJob.objects.create(
        created_by=actor,
        filename=filename[:255],
        size=len(data),
        content=data,
        status=ImportJob.Status.CHECK_QUEUED,
    )
    log(job, audit.IMPORT_UPLOAD, user=actor, data={"size": len(data)})
    _queue("import_job_check", job.pk)
    return job


@transaction.atomic
def job_confirm(*, job: ImportJob, actor: User) -> bool:
    """Queue the run of a checked job; False if it was not ready (already confirmed, or has errors)."""
    claimed = ImportJob.objects.filter(
        pk=job.pk, status=ImportJob.Status.READY, created_by=actor, content__isnull=False
    ).update(status=ImportJob.Status.APPLY_QUEUED)
    if claimed:
        _queue("import_job_apply", job.pk)
    return bool(claimed)


def _claim(job_id: int, from_status: str, to_status: str) -> ImportJob | None:
    now = timezone.now()
    if not ImportJob.objects.filter(pk=job_id, status=from_status).update(status=to_status, started_at=now):
        return None
    return ImportJob.objects.select_related("created_by").get(pk=job_id)


def _finish(job: ImportJob, status: str, report: ImportReport | None = None, message: str = "", **extra) -> None:
    fields = {
        "status": status,
        "finished_at": timezone.now(),
        "message": message,
        **extra,
    }
    if report is not None:
        fields.update(
            total_rows=report.total_rows,
            created_count=report.created,
            updated_count=report.updated,
            unchanged_count=report.unchanged,
            error_count=report.error_count,
            report=report.as_json(),
        )
    ImportJob.objects.filter(pk=job.pk).update(**fields)
    cache.delete(_progress_key(job.pk))


def _read(job: ImportJob):
    return read_table(data=bytes(job.content), filename=job.filename)


def job_check(*, job_id: int) -> None:
    """The preview: read and check every row, write nothing but the job's report."""
    job = _claim(job_id, ImportJob.Status.CHECK_QUEUED, ImportJob.Status.CHECKING)
    if job is None:
        return
    try:
        table = _read(job)
        report = cadres_import(table=table, actor=job.created_by, dry_run=True, progress=_progress_writer(job.pk))
    except FileProblem as problem:
        _finish(job, ImportJob.Status.INVALID, message=str(problem), content=None, error_count=1)
        return
    except Exception:  # noqa: BLE001 - a failed check must end the job, not leave it "checking"
        logger.exception("Checking import job %s failed", job.pk)
        _finish(job, ImportJob.Status.FAILED, message=_("Lỗi hệ thống khi kiểm tra tệp."), content=None)
        return
    if report.ok and (report.created or report.updated):
        _finish(job, ImportJob.Status.READY, report)
    elif report.ok:
        _finish(
            job,
            ImportJob.Status.DONE,
            report,
            message=_("Tệp không có thay đổi nào so với dữ liệu hiện có."),
            content=None,
        )
    else:
        _finish(job, ImportJob.Status.INVALID, report, content=None)


def job_apply(*, job_id: int) -> None:
    """The run: check again (the data may have changed since the preview) and write all rows or none."""
    job = _claim(job_id, ImportJob.Status.APPLY_QUEUED, ImportJob.Status.APPLYING)
    if job is None:
        return

    def applied(report: ImportReport) -> None:
        # Inside the import's transaction: the log entry commits with the rows, or neither does.
        log(
            job,
            audit.IMPORT_APPLY,
            user=job.created_by,
            data={"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
        )

    try:
        table = _read(job)
        report = cadres_import(
            table=table,
            actor=job.created_by,
            source=job.filename,
            progress=_progress_writer(job.pk),
            on_applied=applied,
        )
    except FileProblem as problem:
        _finish(job, ImportJob.Status.INVALID, message=str(problem), content=None, error_count=1)
        return
    except ImportConflict as conflict:
        _finish(job, ImportJob.Status.FAILED, message=str(conflict), content=None)
        return
    except Exception:  # noqa: BLE001 - the transaction rolled back; the job must say so
        logger.exception("Applying import job %s failed", job.pk)
        _finish(
            job,
            ImportJob.Status.FAILED,
            message=_("Lỗi khi ghi dữ liệu; không có gì được nhập. Hãy thử lại, hoặc báo quản trị hệ thống."),
            content=None,
        )
        return
    if report.applied:
        _finish(job, ImportJob.Status.DONE, report, content=None)
    elif report.ok:
        _finish(job, ImportJob.Status.DONE, report, message=_("Không có thay đổi nào."), content=None)
    else:
        _finish(
            job,
            ImportJob.Status.INVALID,
            report,
            message=_("Dữ liệu đã thay đổi từ lúc kiểm tra, nay có dòng lỗi; chưa nhập gì."),
            content=None,
        )


def job_progress(job: ImportJob) -> dict:
    """What the progress bar shows: status, phase, rows done and total, percent."""
    expire_stale(job)
    cached = cache.get(_progress_key(job.pk)) if job.is_running else None
    total = (cached or {}).get("total") or job.total_rows
    done = (cached or {}).get("done", total if not job.is_running else 0)
    percent = 100 if not job.is_running else (int(done * 100 / total) if total else 0)
    phase = (cached or {}).get("phase", "")
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "running": job.is_running,
        "phase": phase,
        "done": done,
        "total": total,
        "percent": max(0, min(100, percent)),
    }


def expire_stale(job: ImportJob) -> None:
    """A job whose worker died would say "running" forever: end it with a message after a while."""
    now = timezone.now()
    queued = job.status in (ImportJob.Status.CHECK_QUEUED, ImportJob.Status.APPLY_QUEUED)
    running = job.status in (ImportJob.Status.CHECKING, ImportJob.Status.APPLYING)
    since = job.started_at or job.created_at
    if (queued and now - since > QUEUED_TOO_LONG) or (running and now - since > RUNNING_TOO_LONG):
        message = _("Tiến trình nền không xử lý xong tệp; không có gì được nhập. Hãy tải tệp lên lại.")
        if ImportJob.objects.filter(pk=job.pk, status=job.status).update(
            status=ImportJob.Status.FAILED, message=message, finished_at=now, content=None
        ):
            job.status, job.message = ImportJob.Status.FAILED, message


def purge_old_reports(*, now: dt.datetime | None = None) -> int:
    """Finished jobs keep their row report (names, phone numbers) only for a while."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.KNS_IMPORT_REPORT_RETENTION_DAYS)
    old = ImportJob.objects.filter(created_at__lt=cutoff).exclude(report={})
    purged = 0
    for job in old.only("pk", "report"):
        summary = {k: v for k, v in job.report.items() if k not in ("rows", "errors", "new_units", "new_teams")}
        summary["purged"] = True
        purged += ImportJob.objects.filter(pk=job.pk).update(report=summary, content=None)
    return purged
