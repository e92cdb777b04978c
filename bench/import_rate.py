"""Cadre import speed, in rows per second: ``python -m bench.import_rate [--rows 100000]``.

Builds a CSV of new cadres spread over the current communes of the bench database, then times
``manage.py import_cadres``'s service on it three ways: creating everyone, re-importing the same
file (every row unchanged), and an update of every row (new position). Each pass runs inside a
transaction that is rolled back, so the bench database is left as it was. It is a benchmark,
not a test. ``make bench`` runs the 1,000-row in-process scenario (bench/scenarios/imports.py);
this module gives the figure for a full-size file.

Uses bench.settings (var/bench.sqlite3) unless DATABASE_URL points elsewhere; the database must
hold current communes (``make bench`` prepares it with seed_demo, or run import_localities).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.import_rate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("BENCH_SETTINGS", "bench.settings")
    (ROOT / "var").mkdir(exist_ok=True)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    print(f"cadre import, {args.rows:,} rows, {connection.vendor} ({connection.settings_dict['NAME']})")
    for name, rows, seconds in measure(args.rows):
        print(f"  {name:<10} {rows:>8,} rows in {seconds:6.1f} s  = {rows / seconds:>8,.0f} rows/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
