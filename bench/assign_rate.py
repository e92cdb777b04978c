"""Assignment of one course to a whole province, in rows per second: ``python -m bench.assign_rate``.

Needs the synthetic cadres of ``manage.py seed_scale --size XL`` (100,000 cadres over 3,321 communes
in 34 provinces, about 3,000 a province). A province of 100,000 cadres is what a rollout must
survive, so by default every synthetic cadre is first moved into the communes of one province
(``--spread`` keeps them where seed_scale put them); then one rule for that province is applied
exactly as the Celery job applies it (``courses.assignments.assignment_rule_apply``), counting the
queries of each batch. Everything runs in a transaction that is rolled back, so the database is
left as it was. A benchmark, not a test.

Uses bench.settings unless DJANGO_SETTINGS_MODULE/BENCH_SETTINGS say otherwise; DATABASE_URL points
at the seeded database (PostgreSQL for the figure in docs/courses.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class _Rollback(Exception):
    pass


def _pick_course():
    from courses.models import CoursePage

    # seed_scale's first course: about a fifth of the cadres are already enrolled in it.
    course = CoursePage.objects.live().filter(slug__startswith="thu-tai-").order_by("slug").first()
    if course is None:
        raise SystemExit("bench: no seed_scale course; run manage.py seed_scale --size XL first")
    return course


def _concentrate(province_id: int) -> int:
    """Move every synthetic cadre into the communes of one province (round robin); returns how many."""
    from django.db import connection

    from localities.models import Commune

    communes = list(
        Commune.objects.current().filter(province_id=province_id).order_by("pk").values_list("pk", flat=True)
    )
    with connection.cursor() as cursor:
        # One UPDATE: cadre n goes to commune n mod len(communes) of the province.
        cursor.execute(
            "UPDATE accounts_user SET commune_id = (%s::bigint[])[1 + (id %% %s)] WHERE username LIKE %s",
            [communes, len(communes), "scale\\_%"],
        )
        moved = cursor.rowcount
        cursor.execute("ANALYZE accounts_user")
    return moved


def measure(*, spread: bool, size: int) -> dict:
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import User
    from courses import assignments
    from courses.models import Assignment, Enrollment
    from localities.models import Province
    from notifications.models import Message

    if connection.vendor != "postgresql" and not spread:
        print("  (not PostgreSQL: --spread implied)")
        spread = True
    result = {}
    try:
        with transaction.atomic():
            provinces = Province.objects.current()
            if spread:  # the province seed_scale gave the most cadres
                province = provinces.annotate(people=Count("communes__users")).order_by("-people", "code").first()
            else:
                province = provinces.order_by("code").first()
                result["moved"] = _concentrate(province.pk)
            course = _pick_course()
            manager = User.objects.create(username="bench_assign", full_name="Bench", is_superuser=True)
            rule = Assignment.objects.create(
                course=course,
                course_key=course.course_key,
                province=province,
                created_by=manager,
                due_date=timezone.localdate(),
            )
            before_enrolments = Enrollment.objects.filter(course=course).count()
            reach = assignments.target_people(rule).count()
            marks = []
            # The notification service's share of the time, measured by timing its calls (not replacing them).
            notify_seconds = [0.0]
            real_notify_many = assignments.notify_many

            def timed_notify_many(*args, **kwargs):
                started = time.perf_counter()
                try:
                    return real_notify_many(*args, **kwargs)
                finally:
                    notify_seconds[0] += time.perf_counter() - started

            assignments.notify_many = timed_notify_many
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                applied = assignments.assignment_rule_apply(
                    rule_id=rule.pk,
                    size=size,
                    progress=lambda done, total: marks.append((len(ctx.captured_queries), time.perf_counter())),
                )
                seconds = time.perf_counter() - started
            assignments.notify_many = real_notify_many
            per_batch = [after[0] - before[0] for before, after in zip(marks, marks[1:], strict=False)]
            result.update(
                province=province.name,
                course=course.title,
                cadres=reach,
                already_enrolled=before_enrolments,
                inserted=applied.inserted,
                relinked=applied.relinked,
                notified=Message.objects.filter(idempotency_key__startswith=f"assignment:{rule.pk}:").count(),
                batches=applied.batches,
                seconds=seconds,
                notify_seconds=notify_seconds[0],
                queries_total=len(ctx.captured_queries),
                queries_per_batch=sorted(set(per_batch)),
            )
            # The same rule again (the nightly reconcile): nothing to write.
            started = time.perf_counter()
            again = assignments.assignment_rule_apply(rule_id=rule.pk, size=size)
            result["rerun_seconds"] = time.perf_counter() - started
            result["rerun_written"] = again.inserted + again.relinked
            raise _Rollback
    except _Rollback:
        pass
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.assign_rate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--spread", action="store_true", help="keep seed_scale's spread (about 3,000 a province)")
    parser.add_argument("--batch", type=int, default=0, help="cadres per batch (default: KNS_ASSIGN_BATCH_SIZE)")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", os.environ.get("BENCH_SETTINGS", "bench.settings"))
    (ROOT / "var").mkdir(exist_ok=True)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    # Notices are written (their rows are part of the cost) but never sent: their sending is queued on
    # commit, and the transaction is rolled back.
    size = args.batch or settings.KNS_ASSIGN_BATCH_SIZE
    print(f"assignment of one course to a province, {connection.vendor} ({connection.settings_dict['NAME']})")
    r = measure(spread=args.spread, size=size)
    if "moved" in r:
        print(f"  {r['moved']:,} synthetic cadres moved into {r['province']} (rolled back afterwards)")
    print(f"  course “{r['course']}”, {r['already_enrolled']:,} enrolments in it before")
    print(
        f"  {r['cadres']:,} cadres in {r['province']}: {r['inserted']:,} enrolments written, "
        f"{r['relinked']:,} taken over, {r['notified']:,} notices queued"
    )
    rows = r["inserted"] + r["relinked"]
    print(
        f"  {r['seconds']:.1f} s in {r['batches']} batches of {size}: {rows / r['seconds']:,.0f} rows/s, "
        f"{r['cadres'] / r['seconds']:,.0f} cadres/s"
    )
    writing = r["seconds"] - r["notify_seconds"]
    print(
        f"  of which enrolments {writing:.1f} s ({rows / writing:,.0f} rows/s), "
        f"notices (notifications.notify_many) {r['notify_seconds']:.1f} s"
    )
    print(f"  queries per batch: {r['queries_per_batch']} ({r['queries_total']} in all)")
    print(f"  run again (reconcile): {r['rerun_written']} rows written in {r['rerun_seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
