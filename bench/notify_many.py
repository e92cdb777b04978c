"""notify_many writes: rows per second and queries per batch (the writes only; sending left out).

Run against a throwaway database, never the dev one (it adds 20,000 users named bench*):

    export DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=postgres://postgres@127.0.0.1:5432/kns_bench
    .venv/bin/python manage.py migrate -v0 && .venv/bin/python manage.py shell < bench/notify_many.py

Figures measured with it are in docs/notifications.md ("Figures").
"""

import time

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from notifications import jobs, kinds
from notifications.models import Message
from notifications.services import notify_many

jobs.queue_send = lambda ids: None  # measure the writes, not the sends
N = 20_000
if User.objects.filter(username__startswith="bench").count() < N:
    User.objects.bulk_create(
        [User(username=f"bench{i}", full_name=f"Cán Bộ {i}", phone=f"+8491{i:07d}") for i in range(N)],
        batch_size=2000,
    )
ids = list(User.objects.filter(username__startswith="bench").values_list("pk", flat=True))
context = {"course_title": "Chữ ký số", "due_date": "31/12/2026", "url": "http://x/"}
for size in (1000, 2000):
    settings.NOTIFY_BULK_BATCH = size
    Message.objects.filter(idempotency_key__startswith="bench").delete()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        queued = notify_many(ids, kinds.ASSIGNMENT, context, idempotency_prefix=f"bench{size}")
        seconds = time.perf_counter() - started
    print(
        f"{connection.vendor} batch={size} people={len(ids)} queued={queued} seconds={seconds:.2f} "
        f"rows/s={len(ids) / seconds:.0f} queries={len(queries)} per_batch={len(queries) / (len(ids) / size):.1f}"
    )
