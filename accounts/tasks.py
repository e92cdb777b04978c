"""Background work for accounts. Tasks take ids and call a service; they are queued on commit."""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import login_sheets
from .imports import jobs
from .storage import StorageRetry


@shared_task(
    name="accounts.tasks.import_job_check",
    ignore_result=True,
    time_limit=jobs.TASK_TIME_LIMIT,
    soft_time_limit=jobs.TASK_SOFT_TIME_LIMIT,
)
def import_job_check(job_id: int) -> None:
    jobs.job_check(job_id=job_id)


@shared_task(
    name="accounts.tasks.import_job_apply",
    ignore_result=True,
    time_limit=jobs.TASK_TIME_LIMIT,
    soft_time_limit=jobs.TASK_SOFT_TIME_LIMIT,
)
def import_job_apply(job_id: int) -> None:
    jobs.job_apply(job_id=job_id)


@shared_task(name="accounts.tasks.purge_personal_records", ignore_result=True)
def purge_personal_records() -> None:
    """Login records, import reports and printed login sheets are personal data, kept only as long as
    docs/people.md says."""
    from axes.models import AccessFailureLog, AccessLog

    cutoff = timezone.now() - dt.timedelta(days=settings.KNS_LOGIN_LOG_RETENTION_DAYS)
    AccessLog.objects.filter(attempt_time__lt=cutoff).delete()
    AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()
    jobs.purge_old_reports()
    login_sheets.login_sheets_purge()


@shared_task(
    bind=True,
    name="accounts.tasks.login_sheet_build",
    ignore_result=True,
    time_limit=login_sheets.TASK_TIME_LIMIT,
    soft_time_limit=login_sheets.TASK_SOFT_TIME_LIMIT,
)
def login_sheet_build(self, sheet_id: int) -> None:
    try:
        login_sheets.login_sheet_build(sheet_id=sheet_id, attempt=self.request.retries)
    except StorageRetry as later:
        # The row holds the reason and is queued again; the service counts the tries. throw=False: with a
        # broker the retry is sent with its countdown, run eagerly (no broker) Celery runs it at once.
        return self.retry(countdown=later.countdown, max_retries=None, throw=False)
