"""Import speed and memory: ``python -m bench.import_rate [--rows 100000] [--memory-rows 600000]``.

Builds a CSV of new cadres spread over the current communes of the bench database, then times
``manage.py import_cadres``'s service on it three ways: creating everyone, re-importing the same
file (every row unchanged), and an update of every row (new position). Each pass runs inside a
transaction that is rolled back, so the bench database is left as it was. It is a benchmark,
not a test. ``make bench`` runs the 1,000-row in-process scenario (bench/scenarios/imports.py);
this module gives the figure for a full-size file.

Then the memory: a generated file of ``--memory-rows`` rows (600,000 by default; 0 skips it) for
each of ``manage.py import_cadres`` (new cadres) and ``manage.py import_localities`` (new communes
of the current provinces), each command run in a child process, inside a transaction rolled back
at its end. The figure is the child's peak resident memory, as its parent reads it
(``getrusage(RUSAGE_CHILDREN).ru_maxrss``), with the command's rows per second. The limits
(KNS_IMPORT_MAX_ROWS, KNS_IMPORT_MAX_BYTES) are raised for the child, since 600,000 rows is over
them. ``make bench`` runs this module with its defaults.

Uses bench.settings (var/bench.sqlite3) unless DATABASE_URL points elsewhere; the database must
hold current communes (``make bench`` prepares it with seed_demo, or run import_localities).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Lan", "Long", "Mai", "Nam", "Sơn", "Tâm", "Yến"]
UNITS = ["Ban Tuyên giáo và Dân vận", "Hội Nông dân", "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ"]


class _Rollback(Exception):
    pass


def cadre_csv(rows: int, communes: list[str], *, position: str = "Cán bộ", phone_base: int = 80_000_000) -> bytes:
    """A CSV of ``rows`` new cadres (phones 08xxxxxxxx from ``phone_base``), five teams per commune."""
    lines = ["Họ và tên,Số điện thoại,Mã xã phường,Đơn vị,Chức vụ,Tổ công nghệ số,Vai trò trong tổ"]
    for i in range(rows):
        name = f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 6]} {GIVEN[(i // 60) % 14]}"
        commune = communes[i % len(communes)]
        role = "Tổ trưởng" if i % 50 == 0 else "Thành viên"
        lines.append(
            f"{name},0{phone_base + i:09d},{commune},{UNITS[i % 4]},{position},Tổ công nghệ số {i % 5 + 1},{role}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def write_cadre_csv(path: Path, rows: int, communes: list[str]) -> None:
    """The same file as ``cadre_csv``, written to disk a line at a time (phones from 06xxxxxxxx)."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("Họ và tên,Số điện thoại,Mã xã phường,Đơn vị,Chức vụ,Tổ công nghệ số,Vai trò trong tổ\r\n")
        for i in range(rows):
            name = f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 6]} {GIVEN[(i // 60) % 14]}"
            role = "Tổ trưởng" if i % 50 == 0 else "Thành viên"
            out.write(
                f"{name},0{60_000_000 + i:09d},{communes[i % len(communes)]},{UNITS[i % 4]},Cán bộ,"
                f"Tổ công nghệ số {i % 5 + 1},{role}\r\n"
            )


def write_localities_csv(path: Path, rows: int, provinces: list[str]) -> None:
    """``rows`` new current communes (codes L0000001...) spread over the current provinces."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("level,code,name,kind,province_code,latitude,longitude,valid_from,valid_to\r\n")
        for i in range(rows):
            out.write(
                f"commune,L{i:07d},Xã {FAMILY[i % 10]} {GIVEN[(i // 10) % 14]} {i},commune,"
                f"{provinces[i % len(provinces)]},{10 + (i % 1000) / 100:.6f},{105 + (i % 700) / 100:.6f},"
                "2025-07-01,\r\n"
            )


def bench_actor():
    """The command line's actor: a superuser's reach, recorded as no one."""
    from accounts.models import User

    return User(username="bench", is_superuser=True, is_active=True)


def current_commune_codes(limit: int = 0) -> list[str]:
    from localities.models import Commune

    codes = list(Commune.objects.current().order_by("code").values_list("code", flat=True))
    if not codes:
        raise SystemExit("bench: no current communes in the bench database; run make bench once, or import_localities")
    return codes[:limit] if limit else codes


def import_once(data: bytes, *, keep: bool = False):
    """Read and import ``data`` as the bench actor; unless ``keep``, roll everything back. Returns the report."""
    from django.db import transaction

    from accounts.imports import cadres_import, read_table

    report = None
    try:
        with transaction.atomic():
            report = cadres_import(table=read_table(data=data, filename="bench.csv"), actor=bench_actor())
            if not report.ok:
                raise SystemExit(f"bench: the generated file has errors: {report.errors[:3]}")
            if not keep:
                raise _Rollback
    except _Rollback:
        pass
    return report


def _analyze() -> None:
    """PostgreSQL plans by table statistics; give it those of the rows just created, as autovacuum would."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("accounts_user", "accounts_user_groups", "accounts_teammembership", "accounts_team"):
                cursor.execute(f"ANALYZE {table}")  # noqa: S608 - fixed table names


def measure(rows: int) -> list[tuple[str, int, float]]:
    """(pass, rows, seconds) for: create everyone, re-import unchanged, update everyone."""
    from django.db import transaction

    from accounts.imports import cadres_import, read_table

    codes = current_commune_codes()
    data = cadre_csv(rows, codes)
    results = []

    started = time.perf_counter()
    import_once(data)
    results.append(("create", rows, time.perf_counter() - started))

    # The unchanged and update passes need the people to exist: create them, time, then roll it all back.
    try:
        with transaction.atomic():
            cadres_import(table=read_table(data=data, filename="bench.csv"), actor=bench_actor())
            _analyze()
            started = time.perf_counter()
            report = cadres_import(table=read_table(data=data, filename="bench.csv"), actor=bench_actor())
            results.append(("unchanged", report.unchanged, time.perf_counter() - started))
            changed = cadre_csv(rows, codes, position="Cán bộ văn hóa")
            started = time.perf_counter()
            report = cadres_import(table=read_table(data=changed, filename="bench.csv"), actor=bench_actor())
            results.append(("update", report.updated, time.perf_counter() - started))
            raise _Rollback
    except _Rollback:
        pass
    return results


def _child(kind: str, path: str) -> int:
    """Run one import command on ``path`` inside a transaction that is rolled back; print its timing as JSON."""
    import io
    import tempfile

    from django.core.management import call_command
    from django.db import transaction

    out = io.StringIO()
    started = time.perf_counter()
    try:
        with transaction.atomic(), tempfile.TemporaryDirectory() as lists:
            command = "import_cadres" if kind == "cadres" else "import_localities"
            call_command(command, path, "--lists-dir", lists, stdout=out, stderr=out)
            seconds = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    print(json.dumps({"seconds": seconds, "output": out.getvalue()[-400:]}))
    return 0


def _peak(kind: str, path: str) -> int:
    """Run the child, then print its result with its peak RSS: this process's only child."""
    env = {**os.environ, "KNS_IMPORT_MAX_ROWS": "10000000", "KNS_IMPORT_MAX_BYTES": str(2 * 1024**3)}
    done = subprocess.run(
        [sys.executable, "-m", "bench.import_rate", "--child", kind, path],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        print(json.dumps({"error": done.stderr[-2000:] or done.stdout[-2000:]}))
        return 1
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux: KiB
    print(json.dumps(result))
    return 0


def measure_memory(rows: int) -> Iterator[tuple[str, int, float, float]]:
    """(command, rows, seconds, peak RSS in MB) for import_localities and import_cadres on ``rows`` rows."""
    from localities.models import Province

    files = {
        "localities": (
            ROOT / "var" / "bench-import-localities.csv",
            lambda p: write_localities_csv(
                p, rows, list(Province.objects.current().order_by("code").values_list("code", flat=True))
            ),
        ),
        "cadres": (
            ROOT / "var" / "bench-import-cadres.csv",
            lambda p: write_cadre_csv(p, rows, current_commune_codes()),
        ),
    }
    for kind, (path, write) in files.items():
        write(path)
        try:
            done = subprocess.run(
                [sys.executable, "-m", "bench.import_rate", "--peak", kind, str(path)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
        finally:
            path.unlink(missing_ok=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if "error" in result:
            raise SystemExit(f"bench: import_{kind} failed:\n{result['error']}")
        yield f"import_{kind}", rows, result["seconds"], result["peak_rss_mb"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.import_rate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the rate passes (0: none)")
    parser.add_argument("--memory-rows", type=int, default=600_000, help="rows of the memory runs (0: none)")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--peak", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peak:
        return _peak(*args.peak)

    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("BENCH_SETTINGS", "bench.settings")
    (ROOT / "var").mkdir(exist_ok=True)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    if args.child:
        return _child(*args.child)
    database = f"{connection.vendor} ({connection.settings_dict['NAME']})"
    if args.rows:
        print(f"cadre import, {args.rows:,} rows, {database}")
        for name, rows, seconds in measure(args.rows):
            print(f"  {name:<10} {rows:>8,} rows in {seconds:6.1f} s  = {rows / seconds:>8,.0f} rows/s")
    if args.memory_rows:
        print(f"import commands, {args.memory_rows:,} new rows each, one child process each, {database}")
        for name, rows, seconds, peak in measure_memory(args.memory_rows):
            print(
                f"  {name:<18} {rows:>8,} rows in {seconds:6.1f} s  = {rows / seconds:>8,.0f} rows/s,"
                f" peak RSS {peak:,.0f} MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
