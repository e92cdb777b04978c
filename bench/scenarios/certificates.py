"""Certificate rendering, in the bench process, and through real Celery workers on Redis (loopback).

- ``certificate-pdf``: our whole render (snapshot to template, QR, the project-only fetcher, the
  shared FontConfiguration, the error checks) against bare WeasyPrint rendering the very same
  HTML (assets pointed to by ``file://`` paths, WeasyPrint's default fetcher, a fresh
  FontConfiguration per call: what ``HTML(string=...).write_pdf()`` does). Goal: ≤ 1.2×.
- ``certificate-pdf-shared-fonts``: the same, against bare WeasyPrint that also reuses one
  FontConfiguration, so that the ratio is our overhead alone.
- ``certificate-workers``: a batch of certificates queued to 2 worker processes, against the same
  batch queued to 1 worker (each ``celery -A config worker --pool prefork -c 1`` on its own queue).
  req/s × batch size is certificates per second. Each worker's peak memory (VmHWM of the worker
  and of its rendering child) is printed when the bench ends and saved beside the results.
  Figures, not goals: the reference machine has 2 cores, shared with the bench process itself.
"""

import atexit
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path

from bench.scenarios import InProcessScenario, register

BATCH = int(os.environ.get("BENCH_CERTIFICATE_BATCH", "8"))
BROKER = os.environ.get("BENCH_CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")
BENCH_MARK = "bench:"


def _sample_certificate():
    """An unsaved certificate for a demo cadre: rendering it writes nothing."""
    from django.utils import timezone

    from accounts.models import User
    from certificates.codes import new_code
    from certificates.models import Certificate
    from courses.models import CoursePage

    user = User.objects.exclude(full_name="").order_by("pk").first()
    course = CoursePage.objects.order_by("pk").first()
    return Certificate(
        code=new_code(),
        user=user,
        course_key=course.course_key if course else uuid.uuid4(),
        full_name=user.full_name if user else "Nguyễn Thị Hồng Nhung",
        course_title=course.title if course else "Kỹ năng số cơ bản",
        hours=course.hours if course else 4,
        commune=user.commune if user else None,
        commune_name=user.commune.name if user and user.commune_id else "Xã Tân Yên",
        issuer_name="Ban Tuyên giáo và Dân vận",
        completed_on=timezone.localdate(),
        issued_on=timezone.localdate(),
    )


def _file_url_html(html: str) -> str:
    """The same document with its assets as file:// paths, for WeasyPrint's default fetcher."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    def local(match):
        attribute, url = match.group(1), match.group(2)
        path = url.removeprefix(settings.PUBLIC_BASE_URL)
        if path.startswith(settings.STATIC_URL):
            name = path[len(settings.STATIC_URL) :]
            try:
                found = staticfiles_storage.path(name) if staticfiles_storage.exists(name) else finders.find(name)
            except NotImplementedError:
                found = finders.find(name)
        elif path.startswith(settings.MEDIA_URL):
            found = os.path.join(settings.MEDIA_ROOT, path[len(settings.MEDIA_URL) :])
        else:
            return match.group(0)
        return f'{attribute}="{Path(found).as_uri()}"'

    return re.sub(r'(href|src)="([^"]+)"', local, html)


def our_render(ctx):
    from certificates.rendering import render_certificate_pdf

    certificate = ctx.state.setdefault("certificate", _sample_certificate())
    render_certificate_pdf(certificate)  # warm: fonts decoded once per process, as in a worker

    def call():
        pdf = render_certificate_pdf(certificate)
        assert pdf.startswith(b"%PDF")

    return call


def _same_html(ctx) -> str:
    from certificates.rendering import document_for_certificate, render_html

    certificate = ctx.state.setdefault("certificate", _sample_certificate())
    return _file_url_html(render_html(document_for_certificate(certificate)))


def bare_weasyprint(ctx):
    from weasyprint import HTML

    html = _same_html(ctx)

    def call():
        assert HTML(string=html).write_pdf().startswith(b"%PDF")

    return call


def bare_weasyprint_shared_fonts(ctx):
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = _same_html(ctx)
    fonts = FontConfiguration()

    def call():
        assert HTML(string=html).write_pdf(font_config=fonts).startswith(b"%PDF")

    return call


register(
    InProcessScenario(
        name="certificate-pdf",
        description="one certificate PDF, our rendering vs bare WeasyPrint on the same HTML (goal ≤ 1.2×)",
        call=our_render,
        baseline=bare_weasyprint,
        baseline_name="bare WeasyPrint",
    )
)

register(
    InProcessScenario(
        name="certificate-pdf-shared-fonts",
        description="the same, against bare WeasyPrint reusing one FontConfiguration (our overhead alone)",
        call=our_render,
        baseline=bare_weasyprint_shared_fonts,
        baseline_name="bare WeasyPrint, shared fonts",
    )
)


# --- Real workers ------------------------------------------------------------------------------------

_pools: dict[int, dict] = {}


def _redis_reachable() -> str | None:
    try:
        import redis

        redis.Redis.from_url(BROKER, socket_connect_timeout=1).ping()
    except Exception as error:  # noqa: BLE001
        return f"no Redis at {BROKER} ({type(error).__name__})"
    return None


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _peak_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _sample_memory(pool: dict) -> None:
    for index, process in enumerate(pool["processes"]):
        peaks = pool["peaks"].setdefault(index, {"worker_kib": 0, "child_kib": 0})
        peaks["worker_kib"] = max(peaks["worker_kib"], _peak_kib(process.pid))
        for child in _children(process.pid):
            peaks["child_kib"] = max(peaks["child_kib"], _peak_kib(child))


def _start_pool(workers: int) -> dict:
    from django.conf import settings

    queue = f"bench-pdf-{os.getpid()}-{workers}"
    env = {
        **os.environ,
        "CELERY_BROKER_URL": BROKER,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "bench.settings"),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    log = open(Path(settings.BASE_DIR) / "var" / f"bench-celery-{workers}.log", "wb")  # noqa: SIM115
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                queue,
                "--pool",
                "prefork",
                "-c",
                "1",
                "-n",
                f"bench{workers}-{index}-{uuid.uuid4().hex[:6]}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "WARNING",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        for index in range(workers)
    ]
    pool = {"workers": workers, "queue": queue, "processes": processes, "peaks": {}, "log": log, "rendered": 0}
    _pools[workers] = pool
    return pool


def _stop_pools() -> None:
    from django.conf import settings

    if not _pools:
        return
    figures = {}
    for workers, pool in sorted(_pools.items()):
        _sample_memory(pool)
        for process in pool["processes"]:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        pool["log"].close()
        figures[f"{workers} worker(s)"] = {
            "certificates_rendered": pool["rendered"],
            "peak_memory_mib": {
                f"worker {index + 1}": {
                    "worker_process": round(peak["worker_kib"] / 1024, 1),
                    "rendering_child": round(peak["child_kib"] / 1024, 1),
                }
                for index, peak in sorted(pool["peaks"].items())
            },
        }
    _cleanup()
    try:  # the start-up sweeps the workers queued on the default queue, which nobody here consumes
        import redis

        redis.Redis.from_url(BROKER, socket_connect_timeout=1).delete("celery")
    except Exception:  # noqa: BLE001, S110 - leftovers on the bench's own Redis database only
        pass
    print("\ncertificate workers, peak memory (VmHWM, MiB):")
    for name, data in figures.items():
        for worker, peak in data["peak_memory_mib"].items():
            print(
                f"  {name:<12} {worker}: worker process {peak['worker_process']:.1f}, "
                f"rendering child {peak['rendering_child']:.1f}  ({data['certificates_rendered']} PDFs in the pool)"
            )
    out = Path(settings.BASE_DIR) / "bench" / "results" / f"certificate-workers-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"batch": BATCH, "broker": BROKER, "pools": figures}, indent=2, ensure_ascii=False))
    print(f"  saved to {out.relative_to(settings.BASE_DIR)}")
    _pools.clear()


def _cleanup() -> None:
    from certificates.models import Certificate

    for certificate in Certificate.objects.filter(course_title__startswith=BENCH_MARK):
        if certificate.pdf:
            certificate.pdf.delete(save=False)
    Certificate.objects.filter(course_title__startswith=BENCH_MARK).delete()


def _batch_through(pool: dict):
    from django.utils import timezone

    from certificates.codes import new_code
    from certificates.models import Certificate
    from certificates.tasks import render_certificate
    from config.celery import app

    template = _sample_certificate()
    app.conf.task_always_eager = False
    connection = app.connection_for_write(BROKER)

    def call():
        rows = [
            Certificate(
                code=new_code(),
                user=template.user,
                course_key=uuid.uuid4(),
                full_name=template.full_name,
                course_title=f"{BENCH_MARK} {template.course_title}",
                hours=template.hours,
                commune=template.commune,
                commune_name=template.commune_name,
                issuer_name=template.issuer_name,
                completed_on=template.completed_on,
                issued_on=template.issued_on,
                queued_at=timezone.now(),
            )
            for _ in range(BATCH)
        ]
        created = Certificate.objects.bulk_create(rows)
        ids = [row.pk for row in created] or list(
            Certificate.objects.filter(code__in=[row.code for row in rows]).values_list("pk", flat=True)
        )
        for certificate_id in ids:
            render_certificate.apply_async((certificate_id,), queue=pool["queue"], connection=connection)
        deadline = time.monotonic() + 120
        while Certificate.objects.filter(pk__in=ids, status=Certificate.Status.PENDING).exists():
            if time.monotonic() > deadline:
                raise RuntimeError(f"the {pool['workers']}-worker pool did not render its batch in 120 s")
            time.sleep(0.02)
        failed = Certificate.objects.filter(pk__in=ids).exclude(status=Certificate.Status.ISSUED).count()
        if failed:
            raise RuntimeError(f"{failed} certificates failed in the bench; see var/bench-celery-*.log")
        pool["rendered"] += len(ids)
        _sample_memory(pool)

    return call


def workers(count: int):
    def factory(ctx):
        pool = _pools.get(count) or _start_pool(count)
        atexit.register(_stop_pools)
        call = _batch_through(pool)
        call()  # waits for the workers to come up and warms their fonts
        return call

    return factory


register(
    InProcessScenario(
        name="certificate-workers",
        description=(
            f"a batch of {BATCH} certificates through 2 Celery workers vs 1, on Redis (loopback); "
            f"certificates/s = req/s × {BATCH}; peak memory printed at the end"
        ),
        call=workers(2),
        baseline=workers(1),
        baseline_name="1 Celery worker",
        skip_reason=lambda ctx: _redis_reachable(),
    )
)
