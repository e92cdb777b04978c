"""Time work that is not an HTTP request (a certificate render) in the bench process itself."""

from collections.abc import Callable
from time import perf_counter

from bench import BenchError
from bench.scenarios import BARE_PATH, Context
from bench.stats import Sample, percentile

MAX_CALLS = 1_000_000  # a bound on top of the duration, for a callable that does nothing


class InProcessError(BenchError):
    pass


def time_calls(call: Callable[[], object], *, duration: float) -> Sample:
    """Call ``call`` back to back for ``duration`` seconds (finishing the call under way)."""
    latencies = []
    start = perf_counter()
    deadline = start + duration
    while len(latencies) < MAX_CALLS:
        before = perf_counter()
        call()
        after = perf_counter()
        latencies.append(after - before)
        if after >= deadline:
            break
    elapsed = perf_counter() - start
    latencies.sort()
    ms = [x * 1000 for x in latencies]
    return Sample(
        requests=len(ms),
        duration_s=round(elapsed, 3),
        rps=round(len(ms) / elapsed, 1),
        p50_ms=round(percentile(ms, 50), 3),
        p95_ms=round(percentile(ms, 95), 3),
        p99_ms=round(percentile(ms, 99), 3),
        mean_ms=round(sum(ms) / len(ms), 3),
        max_ms=round(ms[-1], 3),
    )


def bare_view_in_process(ctx: Context) -> Callable[[], object]:
    """The default baseline: the bare view through Django's whole handler, without a socket."""
    from django.test import Client

    # ALLOWED_HOSTS has no "testserver" outside the test runner.
    client = Client(HTTP_HOST="127.0.0.1")

    def call():
        response = client.get(BARE_PATH)
        if response.status_code != 200:
            raise InProcessError(f"{BARE_PATH} answered {response.status_code} in-process.")

    return call
