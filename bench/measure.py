"""The measuring loops: probe, warm up, then rounds that interleave the bare view with each scenario."""

import argparse
import http.client
import os
import time
from pathlib import Path
from statistics import median

from bench import BenchError
from bench.inprocess import bare_view_in_process, time_calls
from bench.loadgen import run_wrk
from bench.scenarios import BARE, BARE_PATH, Context, InProcessScenario, Scenario
from bench.server import Gunicorn, fetch
from bench.stats import Sample, summarize


def _line(label: str, name: str, sample: Sample) -> str:
    return (
        f"{label:<10} {name:<22} {sample.rps:9.1f} req/s  p50 {sample.p50_ms:8.2f} ms  "
        f"p95 {sample.p95_ms:8.2f} ms  errors {sample.errors}"
    )


def _probe(ctx: Context, scenario: Scenario) -> None:
    """Send one request before timing anything: a 404 or a login redirect should stop the bench, not be timed."""
    ctx.phase, ctx.seconds, ctx.last_rps = "probe", 0, None
    first = scenario.requests(ctx)[0]
    body = first.body.encode() if isinstance(first.body, str) else first.body
    status, content = fetch(ctx.base_url, first.method, first.path, first.headers, body)
    if status != scenario.expect_status:
        raise BenchError(
            f"{scenario.name}: {first.method} {first.path} answered {status}, not {scenario.expect_status}.\n"
            f"{content[:500].decode(errors='replace')}"
        )
    print(f"{'probe':<10} {scenario.name:<22} {first.method} {first.path} -> {status}, {len(content)} bytes")


# The yardstick for Wagtail pages (bench.scenarios.references): ratios to it are reported beside bare's.
WAGTAIL_REFERENCE = "wagtail-minimal"
DRAIN_TIMEOUT_S = 30


def _bare_ms(base_url: str) -> float:
    started = time.perf_counter()
    fetch(base_url, "GET", BARE_PATH, timeout=DRAIN_TIMEOUT_S)
    return (time.perf_counter() - started) * 1000


def _idle_ms(base_url: str) -> float:
    """The bare view's latency on an idle server, to tell when the queue left by a run is gone."""
    return min(_bare_ms(base_url) for _ in range(5))


def _drain(base_url: str, idle_ms: float) -> float:
    """Wait until the requests a run left queued are served, so they are not timed with the next run.

    wrk stops with up to ``concurrency`` requests sent and not yet answered; gunicorn still serves
    them. A bare request waits behind them: the queue is gone when two in a row come back about as
    fast as on an idle server. Returns the seconds waited.
    """
    threshold = max(3 * idle_ms, idle_ms + 5)
    started = time.monotonic()
    fast = 0
    while fast < 2 and time.monotonic() - started < DRAIN_TIMEOUT_S:
        try:
            fast = fast + 1 if _bare_ms(base_url) <= threshold else 0
        except (OSError, http.client.HTTPException):
            fast = 0
            time.sleep(0.05)
    return time.monotonic() - started


def _check(name: str, phase: str, sample: Sample, problems: list[str]) -> None:
    if sample.errors:
        problems.append(
            f"{name} ({phase}): {sample.unexpected} unexpected statuses {sample.bad_statuses or ''}, "
            f"{sample.socket_errors} socket errors/timeouts"
        )
    if sample.ended_early:
        problems.append(f"{name} ({phase}): its send-once requests ran out early; size the pool with ctx.pool_size()")


def over_http(
    ctx: Context, scenarios: list[Scenario], args: argparse.Namespace, root: Path, log: Path, problems: list[str]
) -> dict:
    targets = [BARE, *scenarios]
    warmups: dict[str, Sample] = {}
    rounds: dict[str, list[Sample]] = {t.name: [] for t in targets}
    last_rps: dict[str, float] = {}
    problems_before = len(problems)

    def measure(target: Scenario, phase: str, duration: int) -> Sample:
        # What the previous scenario left queued is served before this one's clock starts.
        drained.append(_drain(ctx.base_url, idle_ms))
        ctx.phase, ctx.seconds, ctx.last_rps = phase, duration, last_rps.get(target.name)
        sample = run_wrk(
            ctx.base_url, target.requests(ctx), concurrency=args.concurrency, duration=duration,
            threads=args.wrk_threads, expect_status=target.expect_status, once=not target.reuse,
        )  # fmt: skip
        last_rps[target.name] = sample.rps
        if target is BARE:
            ctx.bare_rps = sample.rps
        _check(target.name, phase, sample, problems)
        return sample

    # os.environ carries DJANGO_SETTINGS_MODULE and the DATABASE_URL bench.settings resolved.
    with Gunicorn(workers=args.workers, root=root, log_path=log, env=dict(os.environ)) as server:
        ctx.base_url = server.base_url
        print(f"gunicorn: {args.workers} sync workers at {server.base_url}, log in {log.relative_to(root)}")
        try:
            for target in targets:
                _probe(ctx, target)
        except BenchError as exc:
            raise BenchError(f"{exc}\n{server.log_tail()}") from None
        idle_ms = _idle_ms(server.base_url)
        drained: list[float] = []
        if args.warmup:
            for target in targets:
                warmups[target.name] = measure(target, "warmup", args.warmup)
                print(_line("warm-up", target.name, warmups[target.name]))
        for number in range(1, args.rounds + 1):
            for target in targets:
                rounds[target.name].append(measure(target, "round", args.duration))
                print(_line(f"round {number}/{args.rounds}", target.name, rounds[target.name][-1]))
    if len(problems) > problems_before and server.log_tail():
        problems.append(server.log_tail())
    print(
        f"drain     idle bare {idle_ms:.1f} ms; waited for queued requests before each run: "
        f"median {median(drained) * 1000:.0f} ms, longest {max(drained) * 1000:.0f} ms"
    )
    results = {
        t.name: {
            "description": t.description,
            "requests_per_round": "send once" if not t.reuse else "reused",
            "summary": summarize(rounds[t.name], rounds[BARE.name]),
            "warmup": warmups[t.name].as_dict() if t.name in warmups else None,
            "rounds": [s.as_dict() for s in rounds[t.name]],
        }
        for t in targets
    }
    reference = rounds.get(WAGTAIL_REFERENCE)
    if reference:
        for t in targets:  # req/s ÷ the minimal anonymous Wagtail page of the same round, median over rounds
            pairs = zip(rounds[t.name], reference, strict=True)
            results[t.name]["summary"]["rps_vs_wagtail"] = round(median(s.rps / r.rps for s, r in pairs), 3)
    return results


def in_process(ctx: Context, scenarios: list[InProcessScenario], args: argparse.Namespace) -> dict:
    """Each scenario against its baseline, alternating round by round, after the server has stopped."""
    results = {}
    for scenario in scenarios:
        ctx.phase, ctx.seconds = "round", args.duration
        call = scenario.call(ctx)
        baseline = (scenario.baseline or bare_view_in_process)(ctx)
        if args.warmup:
            time_calls(baseline, duration=args.warmup)
            time_calls(call, duration=args.warmup)
        base_rounds, own_rounds = [], []
        for number in range(1, args.rounds + 1):
            for name, func, samples in (
                (scenario.baseline_name, baseline, base_rounds),
                (scenario.name, call, own_rounds),
            ):
                samples.append(time_calls(func, duration=args.duration))
                print(_line(f"round {number}/{args.rounds}", name, samples[-1]))
        results[scenario.name] = {
            "baseline": scenario.baseline_name,
            "description": scenario.description,
            "results": {
                scenario.baseline_name: {
                    "summary": summarize(base_rounds, base_rounds),
                    "rounds": [s.as_dict() for s in base_rounds],
                },
                scenario.name: {
                    "summary": summarize(own_rounds, base_rounds),
                    "rounds": [s.as_dict() for s in own_rounds],
                },
            },
        }
    return results
