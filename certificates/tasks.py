"""Celery tasks: they take ids and call a service. Rendering runs on its own queue, "pdf".

A render's hard time limit is short (``KNS_CERTIFICATE_RENDER_TIME_LIMIT``, 60 s by default); a
render killed by it, by a dying worker or by a machine restart is picked up again by the
sweeper once its claim goes stale (90 s), long before Redis' visibility timeout (600 s) would
redeliver it. Workers are recycled (``CELERY_WORKER_MAX_TASKS_PER_CHILD``).
"""

import logging

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings

from accounts.storage import StorageRetry

from . import services

logger = logging.getLogger(__name__)


@shared_task(
    name="certificates.tasks.render_certificate",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.KNS_CERTIFICATE_RENDER_TIME_LIMIT,
    soft_time_limit=max(5, settings.KNS_CERTIFICATE_RENDER_TIME_LIMIT - 10),
)
def render_certificate(certificate_id: int, recheck: bool = False) -> str:
    return services.certificate_render(certificate_id=certificate_id, recheck=recheck).status


@shared_task(name="certificates.tasks.sweep_certificates", ignore_result=True)
def sweep_certificates(startup: bool = False) -> dict:
    return services.certificates_sweep(startup=startup)


@shared_task(bind=True, name="certificates.tasks.run_job", ignore_result=True, time_limit=3600, soft_time_limit=3500)
def run_job(self, job_id: int) -> None:
    try:
        services.job_run(job_id=job_id, attempt=self.request.retries)
    except StorageRetry as later:
        # The row holds the reason and is queued again; the service counts the tries. throw=False: with a
        # broker the retry is sent with its countdown, run eagerly (no broker) Celery runs it at once.
        return self.retry(countdown=later.countdown, max_retries=None, throw=False)


@worker_ready.connect(dispatch_uid="certificates.sweep_on_worker_start")
def sweep_when_a_worker_starts(sender=None, **kwargs):
    """A worker that replaces a killed one looks for the renders that died with it (beat may not run)."""
    try:
        sweep_certificates.apply_async(kwargs={"startup": True})
    except Exception:  # noqa: BLE001 - the periodic sweep will do it
        logger.warning("certificates: could not queue the start-up sweep", exc_info=True)
