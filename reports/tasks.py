"""Celery tasks for reports. They take ids and call a service; they are queued on commit.

Beat (``CELERY_BEAT_SCHEDULE``): ``refresh_changed`` every few minutes (what sends no signal),
``refresh_all`` nightly (overdue counts change with the date), ``send_weekly_digests`` on Monday
mornings, ``purge_expired_exports`` hourly.
"""

from celery import shared_task

from accounts.storage import StorageRetry

from . import services


@shared_task(name="reports.tasks.refresh_communes", ignore_result=True, time_limit=600, soft_time_limit=540)
def refresh_communes(commune_ids: list[int]) -> dict:
    result = services.summaries_refresh(commune_ids=commune_ids)
    return {"communes": result.communes, "rows": result.rows, "seconds": result.seconds}


@shared_task(name="reports.tasks.refresh_changed", ignore_result=True, time_limit=900, soft_time_limit=840)
def refresh_changed() -> dict:
    result = services.summaries_refresh_changed()
    return {"communes": result.communes, "rows": result.rows, "seconds": result.seconds}


@shared_task(name="reports.tasks.refresh_all", ignore_result=True, time_limit=3600, soft_time_limit=3500)
def refresh_all() -> dict:
    result = services.summaries_refresh()
    return {"communes": result.communes, "rows": result.rows, "seconds": result.seconds}


@shared_task(name="reports.tasks.send_weekly_digests", ignore_result=True)
def send_weekly_digests() -> int:
    recipients = services.digest_recipients()
    for user_id in recipients:
        send_digest.delay(user_id)
    return len(recipients)


@shared_task(name="reports.tasks.send_digest", ignore_result=True)
def send_digest(user_id: int) -> bool:
    return services.digest_send(user_id=user_id)


@shared_task(bind=True, name="reports.tasks.run_export", ignore_result=True, time_limit=1800, soft_time_limit=1750)
def run_export(self, job_id: int) -> str:
    try:
        job = services.export_run(job_id=job_id, attempt=self.request.retries)
    except StorageRetry as later:
        # The row holds the reason and is queued again; the service counts the tries. throw=False: with a
        # broker the retry is sent with its countdown, run eagerly (no broker) Celery runs it at once.
        return self.retry(countdown=later.countdown, max_retries=None, throw=False)
    return job.status if job else "missing"


@shared_task(name="reports.tasks.purge_expired_exports", ignore_result=True)
def purge_expired_exports() -> int:
    return services.exports_purge_expired()
