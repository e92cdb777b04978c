"""The managers' dashboards at benchmark sizes, on PostgreSQL (docs/reports.md, "Scale").

Scenarios (only when named; each needs PostgreSQL):

- ``reports-province``: GET the province page of the province with the most cadres, as its manager.
- ``reports-commune``: GET the page of that province's busiest commune (its cadre list counts live rows).
- ``reports-groupby-province`` / ``reports-groupby-commune`` (in-process): a bare GROUP BY over the raw
  rows the same page summarises (enrolments by state, and step completions, per commune), timed in
  the bench process: what a dashboard without summary rows would at least pay.

The size comes from ``BENCH_REPORTS_SIZE`` (S, M, L or XL; default M); setup runs ``seed_scale`` at
that size when the database holds another. Sizes live in separate databases, so one command runs
the scenarios at M and at XL and prints them side by side with the XL ÷ M ratio (goal ≤ 1.5):

    .venv/bin/python -m bench.scenarios.reports            # M in kns_bench_m, XL in kns_bench_xl
    BENCH_REPORTS_SIZES=M,L .venv/bin/python -m bench.scenarios.reports --duration 5

or one size with ``make bench``:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kns_bench_xl BENCH_REPORTS_SIZE=XL make bench \\
        BENCH_ARGS="--scenario reports-province --scenario reports-commune --scenario reports-groupby-province"
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from bench.helpers import cookie_header, session_cookie
from bench.scenarios import InProcessScenario, Request, Scenario, register

SIZE = os.environ.get("BENCH_REPORTS_SIZE", "M").upper()
SCENARIOS = ("reports-province", "reports-commune", "reports-groupby-province", "reports-groupby-commune")


def _postgres_only(ctx):
    return None if ctx.database == "postgresql" else "needs PostgreSQL (the dashboards are benchmarked at M and XL)"


def _setup(ctx):
    if "reports" in ctx.state:
        return
    from django.core.management import call_command
    from django.db.models import Sum

    from reports import scale
    from reports.models import ALL_CADRES, PeopleCount

    if scale.existing_size() != scale.SIZES[SIZE]:
        print(f"seed_scale --size {SIZE} (this takes a while the first time)…", flush=True)
        call_command("seed_scale", size=SIZE, verbosity=0)
    scale.analyze()  # planner statistics as autovacuum would leave them
    province, cadres = _busiest_province()
    manager = _manager_of(province)
    busiest = (
        PeopleCount.objects.filter(province_id=province.pk, team_id=ALL_CADRES)
        .values("commune_id")
        .annotate(n=Sum("registered"))
        .order_by("-n")
        .first()
    )
    ctx.state["reports"] = {
        "cookie": cookie_header(session_cookie(manager)),
        "province": f"/admin/progress/province/{province.pk}/",
        "commune": f"/admin/progress/commune/{busiest['commune_id']}/",
        "province_id": province.pk,
        "commune_id": busiest["commune_id"],
        "province_name": province.name,
        "cadres_in_province": cadres,
        "cadres_in_commune": busiest["n"],
    }
    print(
        f"reports at {SIZE}: {province.name} ({cadres} cadres, the most of any province; manager {manager.username}),"
        f" busiest commune {busiest['commune_id']} with {busiest['n']} cadres",
        flush=True,
    )


def _busiest_province():
    """The province with the most synthetic cadres, counted on the users themselves (not the summaries)."""
    from django.db.models import Count

    from accounts.models import User
    from localities.models import Province
    from reports import scale

    row = (
        User.objects.filter(username__startswith=scale.PREFIX, commune__isnull=False)
        .values("commune__province_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "commune__province_id")
        .first()
    )
    return Province.objects.get(pk=row["commune__province_id"]), row["n"]


def _manager_of(province):
    """That province's bench manager (``seed_scale`` makes one for the busiest province of its run); made if missing."""
    from django.contrib.auth.models import Group

    from accounts.models import ManagerScope, User
    from accounts.roles import MANAGERS
    from reports import scale

    manager, _created = User.objects.get_or_create(
        username=f"{scale.MANAGER_PREFIX}{province.pk}", defaults={"full_name": "Quản lý thử tải", "password": "!"}
    )
    manager.groups.add(Group.objects.get(name=MANAGERS))
    ManagerScope.objects.get_or_create(user=manager, province=province)
    return manager


def _get(key):
    def requests(ctx):
        state = ctx.state["reports"]
        return [Request("GET", state[key], headers=state["cookie"])]

    return requests


def _group_by(level):
    """The raw aggregation the page replaces: enrolments by state and step completions, per commune."""

    def make(ctx):
        from django.db import connection

        from accounts.models import User
        from courses.models import Enrollment, StepCompletion
        from localities.models import Commune

        state = ctx.state["reports"]
        enrolment, completion = Enrollment._meta.db_table, StepCompletion._meta.db_table
        user, commune = User._meta.db_table, Commune._meta.db_table
        where = "c.province_id = %s" if level == "province" else "c.id = %s"
        value = state["province_id"] if level == "province" else state["commune_id"]
        enrolments = (
            f"SELECT e.commune_id, COUNT(*), COUNT(e.started_at), COUNT(e.completed_at), "  # noqa: S608
            f"SUM(CASE WHEN e.due_date < CURRENT_DATE AND e.completed_at IS NULL THEN 1 ELSE 0 END) "
            f"FROM {enrolment} e JOIN {commune} c ON c.id = e.commune_id "
            f"WHERE {where} AND e.withdrawn_at IS NULL GROUP BY e.commune_id"
        )
        steps = (
            f"SELECT u.commune_id, COUNT(*) FROM {completion} s JOIN {user} u ON u.id = s.user_id "  # noqa: S608
            f"JOIN {commune} c ON c.id = u.commune_id WHERE {where} GROUP BY u.commune_id"
        )

        def call():
            with connection.cursor() as cursor:
                cursor.execute(enrolments, [value])
                cursor.fetchall()
                cursor.execute(steps, [value])
                cursor.fetchall()

        return call

    return make


register(
    Scenario(
        name="reports-province",
        description=f"GET the province dashboard at size {SIZE}, as its manager (summary rows)",
        setup=_setup,
        requests=_get("province"),
        default=False,
        skip_reason=_postgres_only,
    )
)
register(
    Scenario(
        name="reports-commune",
        description=f"GET the busiest commune's dashboard at size {SIZE} (summary rows, live cadre list)",
        setup=_setup,
        requests=_get("commune"),
        default=False,
        skip_reason=_postgres_only,
    )
)
register(
    InProcessScenario(
        name="reports-groupby-province",
        description=f"bare GROUP BY over the province's raw enrolments and step completions at size {SIZE}",
        setup=_setup,
        call=_group_by("province"),
        default=False,
        skip_reason=_postgres_only,
    )
)
register(
    InProcessScenario(
        name="reports-groupby-commune",
        description=f"bare GROUP BY over the commune's raw enrolments and step completions at size {SIZE}",
        setup=_setup,
        call=_group_by("commune"),
        default=False,
        skip_reason=_postgres_only,
    )
)


# --- M and XL side by side ---------------------------------------------------------------------------


def _ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def _run_size(size: str, url: str, extra: list[str]) -> dict:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DATABASE_URL": url, "BENCH_REPORTS_SIZE": size}
    command = [sys.executable, "-m", "bench.run", *[arg for name in SCENARIOS for arg in ("--scenario", name)], *extra]
    print(f"\n=== size {size}: {url.rsplit('/', 1)[1]} ===", flush=True)
    # The bench's own output goes on as it happens (seeding XL takes minutes); its last lines name the results.
    process = subprocess.Popen(command, cwd=root, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = []
    for line in process.stdout:
        sys.stdout.write(line)
        output.append(line)
    process.wait()
    found = re.search(r"results: (\S+\.json)", "".join(output))
    if process.returncode != 0 or not found:
        raise SystemExit(f"bench at size {size} failed (exit {process.returncode})")
    return json.loads((root / found.group(1)).read_text())


def _p50(meta: dict, name: str) -> float | None:
    if name in meta["http"]:
        return meta["http"][name]["summary"]["p50_ms"]
    for pair in meta["in_process"].values():
        if name in pair["results"]:
            return pair["results"][name]["summary"]["p50_ms"]
    return None


def main(argv: list[str]) -> int:
    sizes = [s.strip().upper() for s in os.environ.get("BENCH_REPORTS_SIZES", "M,XL").split(",") if s.strip()]
    base = os.environ.get("BENCH_REPORTS_DATABASE", "postgres://postgres@127.0.0.1:5432/kns_bench")
    extra = argv or ["--concurrency", "2", "--duration", "10", "--rounds", "3"]
    results = {}
    for size in sizes:
        url = os.environ.get(f"BENCH_REPORTS_DATABASE_{size}", f"{base}_{size.lower()}")
        _ensure_database(url)
        results[size] = _run_size(size, url, extra)
    first, last = sizes[0], sizes[-1]
    print(f"\nDashboards at {' and '.join(sizes)} (p50 ms; {last} ÷ {first}; goal for the pages ≤ 1.5):")
    header = f"{'scenario':<26}" + "".join(f"{size + ' p50':>12}" for size in sizes) + f"{last + ' ÷ ' + first:>10}"
    print(header)
    for name in ("bare", *SCENARIOS):
        values = [_p50(results[size], name) for size in sizes]
        if values[0] is None:
            continue
        ratio = f"{values[-1] / values[0]:.2f}" if values[0] and values[-1] is not None else "—"
        print(
            f"{name:<26}" + "".join(f"{v:>12.2f}" if v is not None else f"{'—':>12}" for v in values) + f"{ratio:>10}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
