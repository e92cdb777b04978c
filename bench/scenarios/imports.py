"""Importing cadres, in-process: 1,000 new cadres per call, against a bare bulk insert of the same 1,000 users.

Rows per second = req/s x 1,000. Each call reads the CSV, checks every row against the database and
writes users, role links, teams and memberships, inside a transaction that is then rolled back, so
every call creates the same people and the bench database does not grow. The baseline inserts 1,000
bare users with one bulk_create, rolled back the same way: the ratio is what checking and the related
rows cost on top of the insert itself. For a 100,000-row file: ``python -m bench.import_rate``.
"""

from bench.scenarios import InProcessScenario, register

ROWS = 1000


def import_call(ctx):
    from bench.import_rate import cadre_csv, current_commune_codes, import_once

    data = cadre_csv(ROWS, current_commune_codes(), phone_base=70_000_000)

    def call():
        import_once(data)

    return call


def bulk_insert_call(ctx):
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from accounts.models import User
    from bench.import_rate import _Rollback

    def call():
        try:
            with transaction.atomic():
                User.objects.bulk_create(
                    [
                        User(username=f"bench-bare-{i}", full_name="Nguyễn Văn An", password=make_password(None))
                        for i in range(ROWS)
                    ]
                )
                raise _Rollback
        except _Rollback:
            pass

    return call


register(
    InProcessScenario(
        name="import-cadres",
        description=f"import {ROWS:,} new cadres from CSV (rows/s = req/s x {ROWS:,}), rolled back after each call",
        call=import_call,
        baseline=bulk_insert_call,
        baseline_name=f"bulk_create {ROWS:,} bare users",
    )
)
