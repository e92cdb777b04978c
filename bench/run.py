"""``make bench``: serve the site with gunicorn on 127.0.0.1 and measure each scenario against a bare view.

    python -m bench.run [--workers 2] [--concurrency 8] [--duration 10] [--rounds 3] [--warmup 2]
                        [--scenario NAME ...] [--no-prepare] [--list]

Every option also reads an environment variable (BENCH_WORKERS, BENCH_CONCURRENCY, BENCH_DURATION,
BENCH_ROUNDS, BENCH_WARMUP, BENCH_WRK_THREADS, BENCH_SCENARIOS=a,b, BENCH_PREPARE=0); BENCH_SETTINGS
names another settings module. It is a benchmark, not a test: it exits 0 whatever the numbers,
and 1 only when something broke (an unexpected status, a socket error, a server that would not start).
"""

import argparse
import contextlib
import io
import json
import logging
import os
import platform
import signal
import sys
import time
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from bench import BenchError

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_LOG = ROOT / "var" / "bench-gunicorn.log"


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        raise SystemExit(f"bench: {name} must be a whole number, not {value!r}") from None


def _bounded(low: int, high: int):
    def parse(text: str) -> int:
        number = int(text)
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}")
        return number

    return parse


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=_bounded(1, 64), default=_env_int("BENCH_WORKERS", 2))
    parser.add_argument("--concurrency", type=_bounded(1, 1000), default=_env_int("BENCH_CONCURRENCY", 8))
    parser.add_argument("--duration", type=_bounded(1, 600), default=_env_int("BENCH_DURATION", 10),
                        help="seconds per scenario per round")  # fmt: skip
    parser.add_argument("--rounds", type=_bounded(1, 50), default=_env_int("BENCH_ROUNDS", 3))
    parser.add_argument("--warmup", type=_bounded(0, 600), default=_env_int("BENCH_WARMUP", 2),
                        help="seconds per scenario before the first round, not counted (0: none)")  # fmt: skip
    parser.add_argument("--wrk-threads", type=_bounded(1, 64), default=_env_int("BENCH_WRK_THREADS", 1))
    parser.add_argument("--scenario", action="append", dest="scenarios", metavar="NAME",
                        help="run this scenario (repeatable); 'all' runs every registered one")  # fmt: skip
    parser.add_argument("--no-prepare", dest="prepare", action="store_false",
                        default=os.environ.get("BENCH_PREPARE", "1") != "0",
                        help="skip migrate, seed_demo and collectstatic")  # fmt: skip
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    args = parser.parse_args(argv)
    if args.scenarios is None:
        args.scenarios = [name.strip() for name in os.environ.get("BENCH_SCENARIOS", "").split(",") if name.strip()]
    return args


def configure_django() -> str:
    settings_module = os.environ.get("BENCH_SETTINGS", "bench.settings")
    # Set, not setdefault: a DJANGO_SETTINGS_MODULE left in the shell (dev, DEBUG on) must not leak in.
    # gunicorn inherits it, and DATABASE_URL as bench.settings resolved it, through os.environ.
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    (ROOT / "var").mkdir(exist_ok=True)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return settings_module


def prepare_database() -> None:
    from django.conf import settings
    from django.core.management import call_command, get_commands

    steps = [("migrate", {"interactive": False})]
    if "django.contrib.staticfiles" in settings.INSTALLED_APPS:
        # DEBUG is off, so pages resolve {% static %} through the manifest, as in production. Before
        # seed_demo: the demo renders certificates, whose template names static files, and on a
        # fresh checkout the manifest would not exist yet.
        if static_is_current():
            print("static files: the manifest is up to date, skipping collectstatic")
        else:
            steps.append(("collectstatic", {"interactive": False}))
    if "seed_demo" in get_commands():
        steps.append(("seed_demo", {}))
    else:
        print("note: no seed_demo command yet; the pages are what migrate creates")
    # The commands' chatter (page logs, seed_demo's logins) would bury the report; it is shown
    # only when a command fails.
    chatter = io.StringIO()
    done = []
    logging.disable(logging.INFO)
    try:
        with contextlib.redirect_stdout(chatter):
            for name, options in steps:
                started = time.monotonic()
                call_command(name, verbosity=0, stdout=chatter, **options)
                done.append(f"{name} {time.monotonic() - started:.0f} s")
    except BaseException:
        sys.stderr.write(chatter.getvalue())
        raise
    finally:
        logging.disable(logging.NOTSET)
    print(f"prepared the bench database: {', '.join(done)}")


def static_is_current() -> bool:
    """True when STATIC_ROOT's manifest lists every source file and is newer than all of them.

    Hashing Wagtail's static files takes some 15 s, most of a short run. Should this guess
    wrong, a page asks for a file missing from the manifest and the probe's 500 says so.
    """
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    try:
        listed = json.loads(manifest.read_text())["paths"]
        built = manifest.stat().st_mtime
    except (OSError, ValueError, KeyError):
        return False
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            if path.replace(os.sep, "/") not in listed or storage.get_modified_time(path).timestamp() > built:
                return False
    return True


def select(names: list[str]):
    from bench.scenarios import InProcessScenario, registry

    known = registry()
    if not names:
        chosen = [s for s in known.values() if s.default]
    elif names == ["all"]:
        chosen = list(known.values())
    else:
        unknown = sorted(set(names) - set(known))
        if unknown:
            raise BenchError(f"unknown scenario(s) {', '.join(unknown)}; known: {', '.join(known) or 'none'}")
        chosen = [known[name] for name in dict.fromkeys(names)]
    http = [s for s in chosen if not isinstance(s, InProcessScenario)]
    return http, [s for s in chosen if isinstance(s, InProcessScenario)]


def environment() -> dict:
    import django
    from django.db import connection

    def package(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    name = str(connection.settings_dict["NAME"])  # never the URL: it may hold a password
    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": package("wagtail"),
        "gunicorn": package("gunicorn"),
        "wrk": None,
        "database": {
            "vendor": connection.vendor,
            "version": ".".join(str(part) for part in connection.get_database_version()),
            "name": name,
        },
        "cpus": os.cpu_count(),
        "loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "platform": platform.platform(),
    }


def _interrupt(signum, frame):
    # SIGTERM and SIGHUP unwind like Ctrl-C, so the ``with`` around gunicorn stops it.
    raise KeyboardInterrupt


def set_up(ctx, scenarios: list) -> dict[str, str]:
    """Run each scenario's setup hook, or record why it cannot run here."""
    skipped = {}
    for scenario in scenarios:
        reason = scenario.skip_reason(ctx) if scenario.skip_reason else None
        if reason:
            skipped[scenario.name] = reason
            print(f"skipped {scenario.name}: {reason}")
        elif scenario.setup:
            scenario.setup(ctx)
    return skipped


def run(args: argparse.Namespace) -> int:
    from bench import measure, report
    from bench.loadgen import wrk_version
    from bench.scenarios import Context, registry

    started = datetime.now().astimezone()
    settings_module = configure_django()
    if args.list:
        for name, scenario in registry().items():
            print(f"{name:<24} {scenario.description}{'' if scenario.default else '  (only when named)'}")
        return 0
    http, in_process = select(args.scenarios)
    env = environment()
    if http:
        env["wrk"] = wrk_version()  # before preparing anything: a missing wrk fails in the first second
    if args.prepare:
        prepare_database()

    from django.db import connection

    ctx = Context(
        workers=args.workers, concurrency=args.concurrency, duration=args.duration, rounds=args.rounds,
        database=connection.vendor,
    )  # fmt: skip
    skipped = set_up(ctx, [*http, *in_process])
    http = [s for s in http if s.name not in skipped]
    in_process = [s for s in in_process if s.name not in skipped]

    problems: list[str] = []
    meta = {
        "started_at": started.isoformat(timespec="seconds"),
        "settings_module": settings_module,
        "setup": {
            "workers": args.workers if http else None,
            "worker_class": "sync",
            "concurrency": args.concurrency,
            "duration_s": args.duration,
            "rounds": args.rounds,
            "warmup_s": args.warmup,
            "wrk_threads": args.wrk_threads,
            "load_generator": "wrk",
        },
        "environment": env,
        "skipped": skipped,
        "http": measure.over_http(ctx, http, args, ROOT, GUNICORN_LOG, problems) if http else {},
        "in_process": measure.in_process(ctx, in_process, args),
    }
    meta["finished_at"] = datetime.now().astimezone().isoformat(timespec="seconds")
    meta["ok"], meta["problems"] = not problems, problems
    report.print_report(meta)
    print(f"\nresults: {report.write_json(meta).relative_to(ROOT)}")
    if problems:
        print("\nBENCH FAILED: something broke; the numbers above are not to be trusted.", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # progress lines show as they happen, even through a pipe
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    try:
        return run(args)
    except KeyboardInterrupt:
        print("\nbench: interrupted (gunicorn stopped)", file=sys.stderr)
        return 130
    except BenchError as exc:
        print(f"\nbench: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
