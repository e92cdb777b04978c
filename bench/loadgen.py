"""Drive wrk against the bench server and read back one round's numbers.

Why wrk and not a Python client: on a 2-core machine the load generator takes CPU from the
gunicorn workers it measures. Measured here against the bare view (gunicorn sync workers close
every connection, so each request is also a connect and a close), wrk cost about 60 µs of CPU
per request and a Python client 105-120 µs (threads or a selectors loop alike); wrk's C event
loop also times requests without interpreter or GIL pauses in the measurement. The Lua script
(wrk.lua) adds what the bench needs: a pool of requests per scenario, exact status checks, p95.

Know one wrk 4 trait when reading p95: at the end of a run it adds synthetic samples for each
response slower than twice the mean (its coordinated-omission correction), so a run with
stalls reports a higher tail than the raw one. Both sides of every ratio are measured the same
way; in a quiet run the correction adds next to nothing.
"""

import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench import BenchError
from bench.scenarios import BARE_PATH, Request
from bench.stats import Sample

WRK_SCRIPT = Path(__file__).with_name("wrk.lua")
# wrk's default of 2 s would count a slow page as a timeout instead of timing it.
REQUEST_TIMEOUT_S = 30


class LoadError(BenchError):
    pass


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise LoadError("wrk is not installed: apt-get install wrk (Debian/Ubuntu) or brew install wrk (macOS).")
    return path


def wrk_version() -> str:
    # wrk has no --version that exits 0; its usage banner starts with the version.
    result = subprocess.run([wrk_path(), "--version"], check=False, capture_output=True, text=True, timeout=10)
    return (result.stdout or result.stderr).split("Copyright")[0].strip()


def _lua_string(value: str | bytes) -> str:
    """A Lua string literal that carries any bytes: decimal escapes for all but plain ASCII."""
    data = value.encode() if isinstance(value, str) else value
    return '"' + "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\{b:03d}" for b in data) + '"'


def _lua_plan(requests: Sequence[Request], *, expect_status: int, once: bool) -> str:
    lines = [f"return {{expect = {int(expect_status)}, once = {'true' if once else 'false'},"]
    lines.append(f"  fallback_path = {_lua_string(BARE_PATH)}, requests = {{")
    for r in requests:
        headers = ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in r.headers.items())
        body = f", body = {_lua_string(r.body)}" if r.body is not None else ""
        lines.append(
            f"  {{method = {_lua_string(r.method)}, path = {_lua_string(r.path)}, headers = {{{headers}}}{body}}},"
        )
    lines.append("}}")
    return "\n".join(lines) + "\n"


def run_wrk(
    base_url: str,
    requests: Sequence[Request],
    *,
    concurrency: int,
    duration: float,
    threads: int = 1,
    expect_status: int = 200,
    once: bool = False,
) -> Sample:
    if not requests:
        raise LoadError("A scenario returned no requests.")
    threads = max(1, min(threads, concurrency))  # wrk needs at least one connection per thread
    with tempfile.TemporaryDirectory(prefix="kns-bench-") as tmp:
        plan = Path(tmp) / "plan.lua"
        plan.write_text(_lua_plan(requests, expect_status=expect_status, once=once))
        command = [
            wrk_path(),
            f"--threads={threads}",
            f"--connections={concurrency}",
            f"--duration={max(1, round(duration))}s",
            f"--timeout={REQUEST_TIMEOUT_S}s",
            f"--script={WRK_SCRIPT}",
            base_url,
            "--",
            str(plan),
            str(threads),
        ]
        # Bounded: wrk stops itself after the duration; the margin only guards against a hang.
        deadline = duration + REQUEST_TIMEOUT_S + 30
        result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=deadline)
    line = next((x for x in result.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if result.returncode != 0 or line is None:
        raise LoadError(f"wrk failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}".rstrip())
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    duration_s = raw["duration_us"] / 1e6
    return Sample(
        requests=raw["requests"],
        duration_s=round(duration_s, 3),
        rps=round(raw["requests"] / duration_s, 1) if duration_s else 0.0,
        p50_ms=raw["p50_us"] / 1000,
        p95_ms=raw["p95_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        mean_ms=round(raw["mean_us"] / 1000, 3),
        max_ms=raw["max_us"] / 1000,
        bytes=raw["bytes"],
        socket_errors=raw["connect_errors"] + raw["read_errors"] + raw["write_errors"] + raw["timeouts"],
        unexpected=raw["unexpected"],
        bad_statuses=raw["bad_statuses"],
        ended_early=raw["exhausted_threads"] > 0,
    )
