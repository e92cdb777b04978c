"""The real pipeline: a Celery worker (a subprocess, prefork, queues "pdf" and "celery") on the broker in
CELERY_BROKER_URL and the test run's own PostgreSQL database. A course completed through the courses
service is rendered by the worker; the PDF is stored and the verify page says valid. A render that
died before the worker started (a stale claim) is redone by the worker's start-up sweep, with no beat.
"""

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from certificates.codes import new_code
from certificates.models import Certificate
from tests.certificates.helpers import complete, pdf_text
from tests.courses.builders import build_course

BROKER = os.environ.get("CELERY_BROKER_URL")
WAIT_SECONDS = 120

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not BROKER, reason="CELERY_BROKER_URL is not set: no broker for a real worker (SQLite smoke)"),
]


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(transactional_db, settings, tmp_path):
    """A real worker against the test database; always stopped, its log shown on failure."""
    if connection.vendor != "postgresql":
        pytest.skip("the real worker shares the test database, which needs PostgreSQL")
    from config.celery import app

    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "KNS_CELERY_EAGER": "0",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": BROKER,
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "config", "worker",
        "-Q", "pdf,celery", "--pool", "prefork", "-c", "1",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
        "-n", f"kns-test-{uuid.uuid4().hex[:8]}@%h", "--loglevel", "INFO",
    ]  # fmt: skip
    app.conf.task_always_eager = False
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield process, log_path
    finally:
        app.conf.task_always_eager = True
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=10)


def _wait_for(predicate, process, log_path, what):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if predicate():
            return
        if process.poll() is not None:
            break
        time.sleep(0.5)
    pytest.fail(f"{what} within {WAIT_SECONDS}s; worker log:\n{Path(log_path).read_text()[-4000:]}")


def test_worker_renders_a_completed_course_and_the_verify_page_says_valid(worker, world, client, settings):
    process, log_path = worker
    # A render that died before this worker started: its claim is stale and it used one try.
    course_b, _steps = build_course(title="Khóa có bản tạo dở", lessons=1)
    stale = Certificate.objects.create(
        code=new_code(),
        user=world.leader,
        course_key=course_b.course_key,
        course=course_b,
        full_name=world.leader.full_name,
        course_title=course_b.title,
        hours=course_b.hours,
        commune=world.commune_a1,
        commune_name=world.commune_a1.name,
        issuer_name="Ban Tuyên giáo và Dân vận",
        completed_on=timezone.localdate(),
        issued_on=timezone.localdate(),
        status=Certificate.Status.PENDING,
        render_started_at=timezone.now() - datetime.timedelta(seconds=settings.KNS_CERTIFICATE_CLAIM_SECONDS + 30),
        render_token="killed",
        render_attempts=1,
    )

    course, steps = build_course(title="Kỹ năng số cho Tổ công nghệ số cộng đồng", lessons=2)
    complete(world.cadre, course, steps)
    certificate = Certificate.objects.get(user=world.cadre, course_key=course.course_key)

    def issued(pk):
        return lambda: Certificate.objects.filter(pk=pk, status=Certificate.Status.ISSUED).exists()

    _wait_for(issued(certificate.pk), process, log_path, "the worker did not issue the certificate")
    certificate.refresh_from_db()
    assert certificate.render_attempts == 1
    path = Path(settings.PRIVATE_MEDIA_ROOT) / certificate.pdf.name
    assert path.is_file() and path.read_bytes().startswith(b"%PDF")
    assert "Trần Thị Học Viên" in pdf_text(path.read_bytes())

    response = client.get(f"/certificates/verify/{certificate.display_code}/")
    assert response.status_code == 200
    assert "Chứng nhận hợp lệ" in response.content.decode()

    _wait_for(issued(stale.pk), process, log_path, "the start-up sweep did not redo the dead render")
    stale.refresh_from_db()
    assert stale.render_attempts == 2
    assert "ready" in Path(log_path).read_text()
