"""After the cluster's load: the database against what the simulated users were told (the journal).

- every acknowledged lesson completion is recorded exactly once (its step completion row);
- every acknowledged quiz submission is recorded exactly once (its attempt, submitted, by that cadre;
  no second submitted attempt of the same cadre and quiz within two seconds of it, which a replayed
  submission would make);
- no attempt is left open past its deadline plus the sweep (beat closes them every minute);
- every course completed since the run started has exactly one live certificate (pending or issued),
  issued, whose PDF opens (parsed back with pypdf);
- no job stays pending past the sweep interval (certificate renders, exports, messages).

Waits up to ``--wait`` seconds for the workers to catch up (renders queued at the end of the run, the
sweeper's next pass), then prints the counts and ``N lost, M duplicated``; exits 1 when anything is
lost, duplicated, left open or pending.

    python -m bench.cluster.check --journal var/cluster/report/journal.jsonl --started-at 2026-01-01T00:00:00Z
"""

import argparse
import datetime as dt
import io
import json
import sys
import time
from collections import Counter

import django

SWEEP_SECONDS = 60  # beat's period for closing attempts and sweeping certificates (CELERY_BEAT_SCHEDULE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journal", required=True)
    parser.add_argument("--started-at", required=True, help="ISO time the load started (UTC)")
    parser.add_argument("--wait", type=int, default=240, help="seconds to wait for renders and sweeps")
    args = parser.parse_args()
    django.setup()
    started = dt.datetime.fromisoformat(args.started_at.replace("Z", "+00:00"))
    entries = [json.loads(line) for line in open(args.journal, encoding="utf-8") if line.strip()]  # noqa: SIM115

    deadline = time.monotonic() + args.wait
    while True:
        problems = certificate_problems(started) + pending_jobs()
        if not problems or time.monotonic() > deadline:
            break
        time.sleep(5)

    lessons_lost, lessons_duplicated = check_lessons(entries)
    quizzes_lost, quizzes_duplicated = check_quizzes(entries)
    open_attempts = attempts_open_too_long()
    certificates = certificate_problems(started)
    jobs = pending_jobs()
    completed = completed_since(started).count()

    kinds = Counter(entry["kind"] for entry in entries)
    print(f"journal: {kinds['lesson']} lesson completions, {kinds['quiz']} quiz submissions acknowledged")  # noqa: T201
    print(f"lessons: {lessons_lost} lost, {lessons_duplicated} duplicated")  # noqa: T201
    print(f"quiz submissions: {quizzes_lost} lost, {quizzes_duplicated} duplicated")  # noqa: T201
    print(f"attempts open past their deadline + {SWEEP_SECONDS} s: {open_attempts}")  # noqa: T201
    print(f"courses completed during the run: {completed}; certificate problems: {len(certificates)}")  # noqa: T201
    for problem in certificates[:20]:
        print(f"  {problem}")  # noqa: T201
    print(f"jobs pending past the sweep: {len(jobs)}")  # noqa: T201
    for problem in jobs[:20]:
        print(f"  {problem}")  # noqa: T201
    lost = lessons_lost + quizzes_lost
    duplicated = lessons_duplicated + quizzes_duplicated
    print(f"{lost} lost, {duplicated} duplicated")  # noqa: T201
    return 0 if not (lost or duplicated or open_attempts or certificates or jobs or not entries) else 1


def check_lessons(entries) -> tuple[int, int]:
    from django.db.models import Count

    from accounts.models import User
    from courses.models import StepCompletion

    pressed = {(entry["user"], entry["step"]) for entry in entries if entry["kind"] == "lesson"}
    users = dict(User.objects.filter(username__in={user for user, _s in pressed}).values_list("username", "pk"))
    counts = {
        (row["user_id"], row["step_id"]): row["n"]
        for row in StepCompletion.objects.filter(user_id__in=users.values())
        .values("user_id", "step_id")
        .annotate(n=Count("pk"))
    }
    found = [counts.get((users.get(user), step), 0) for user, step in pressed]
    return sum(1 for n in found if n == 0), sum(1 for n in found if n > 1)


def check_quizzes(entries) -> tuple[int, int]:
    from quizzes.models import Attempt

    submitted = [entry for entry in entries if entry["kind"] == "quiz"]
    attempts = {
        attempt.pk: attempt
        for attempt in Attempt.objects.filter(pk__in=[entry["attempt"] for entry in submitted]).select_related("user")
    }
    lost = duplicated = 0
    for entry in submitted:
        attempt = attempts.get(entry["attempt"])
        if (
            attempt is None
            or attempt.user.username != entry["user"]
            or attempt.status == Attempt.Status.OPEN
            or attempt.submitted_at is None
        ):
            lost += 1
            continue
        window = (attempt.submitted_at - dt.timedelta(seconds=2), attempt.submitted_at + dt.timedelta(seconds=2))
        twins = Attempt.objects.filter(
            user_id=attempt.user_id, quiz_id=attempt.quiz_id, submitted_at__range=window
        ).exclude(pk=attempt.pk)
        duplicated += twins.count()
    return lost, duplicated


def attempts_open_too_long() -> int:
    from django.utils import timezone

    from quizzes.models import Attempt

    limit = timezone.now() - dt.timedelta(seconds=SWEEP_SECONDS * 2)
    return Attempt.objects.filter(status=Attempt.Status.OPEN, deadline__lt=limit).count()


def completed_since(started):
    from courses.models import Enrollment

    return Enrollment.objects.filter(completed_at__gte=started, withdrawn_at__isnull=True)


def certificate_problems(started) -> list[str]:
    from pypdf import PdfReader

    from certificates.models import Certificate

    live = (Certificate.Status.PENDING, Certificate.Status.ISSUED)
    problems = []
    for enrollment in completed_since(started).select_related("user"):
        certificates = list(Certificate.objects.filter(enrollment=enrollment, status__in=live))
        who = f"{enrollment.user.username} course {enrollment.course_id}"
        if len(certificates) != 1:
            problems.append(f"{who}: {len(certificates)} live certificates")
            continue
        certificate = certificates[0]
        if certificate.status != Certificate.Status.ISSUED or not certificate.pdf:
            problems.append(f"{who}: certificate {certificate.pk} {certificate.status}, no PDF yet")
            continue
        try:
            with certificate.pdf.open("rb") as handle:
                pages = len(PdfReader(io.BytesIO(handle.read())).pages)
        except Exception as error:  # noqa: BLE001 - any failure to read it back is the finding
            problems.append(f"{who}: certificate {certificate.pk} PDF does not open ({error})")
            continue
        if pages < 1:
            problems.append(f"{who}: certificate {certificate.pk} PDF has no page")
    return problems


def pending_jobs() -> list[str]:
    from django.conf import settings
    from django.utils import timezone

    from certificates.models import Certificate
    from notifications.models import Message
    from reports.models import ExportJob

    now = timezone.now()
    # A render is claimed for KNS_CERTIFICATE_CLAIM_SECONDS; the sweeper (every minute) queues it again.
    render_limit = now - dt.timedelta(seconds=settings.KNS_CERTIFICATE_CLAIM_SECONDS + SWEEP_SECONDS)
    problems = [
        f"certificate {pk} pending since {created:%H:%M:%S}"
        for pk, created in Certificate.objects.filter(
            status=Certificate.Status.PENDING, created_at__lt=render_limit
        ).values_list("pk", "created_at")
    ]
    job_limit = now - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + SWEEP_SECONDS)
    problems += [
        f"export {pk} {status} since {created:%H:%M:%S}"
        for pk, status, created in ExportJob.objects.filter(
            status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING], created_at__lt=job_limit
        ).values_list("pk", "status", "created_at")
    ]
    message_limit = now - dt.timedelta(seconds=settings.NOTIFY_REQUEUE_SECONDS + 120)
    problems += [
        f"message {pk} queued since {queued:%H:%M:%S}"
        for pk, queued in Message.objects.filter(status=Message.Status.QUEUED, queued_at__lt=message_limit).values_list(
            "pk", "queued_at"
        )[:20]
    ]
    return problems


if __name__ == "__main__":
    sys.exit(main())
