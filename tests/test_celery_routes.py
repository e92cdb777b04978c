"""Which queue each task goes to, as Celery's own router resolves it from the settings: the
WeasyPrint renders (certificates and login sheets) on the ``pdf`` queue that the PDF workers
consume (docs/deployment.md), everything else on the default ``celery`` queue."""

import pytest

from accounts import tasks as accounts_tasks
from certificates import tasks as certificates_tasks
from config.celery import app


def queue_of(task) -> str:
    return app.amqp.router.route({}, task.name, (1,), {}, task_type=task)["queue"].name


@pytest.mark.parametrize("task", [certificates_tasks.render_certificate, accounts_tasks.login_sheet_build])
def test_pdf_renders_go_to_the_pdf_queue(task):
    assert queue_of(task) == "pdf"


@pytest.mark.parametrize("task", [accounts_tasks.import_job_apply, certificates_tasks.run_job])
def test_other_work_stays_on_the_default_queue(task):
    assert queue_of(task) == app.conf.task_default_queue == "celery"
