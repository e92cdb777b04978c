"""The printed report and its JSON twin in bench/results/."""

import json
from datetime import datetime
from pathlib import Path

RESULTS_DIR = Path(__file__).with_name("results")

COLUMNS = (
    # header, key, format; ratios are scenario ÷ bare of the same round, medians over rounds
    ("scenario", "name", "{}"),
    ("req/s", "rps", "{:.1f}"),
    ("spread%", "spread_pct", "{:.0f}"),
    ("p50 ms", "p50_ms", "{:.2f}"),
    ("p95 ms", "p95_ms", "{:.2f}"),
    ("req/s ÷ bare", "rps_ratio", "ratio"),
    ("p50 ÷ bare", "p50_ratio", "ratio"),
    ("p95 ÷ bare", "p95_ratio", "ratio"),
    ("req/s ÷ wagtail", "rps_vs_wagtail", "ratio"),
    ("errors", "errors", "{}"),
)

# Issue 12's goals: (scenario, reference, at least), req/s of the same round, median over rounds.
GOALS = (
    ("lesson", "wagtail-minimal", 0.6),
    ("course", "wagtail-minimal", 0.6),
    ("home", "wagtail-minimal", 1.0),
    ("quiz-submit", "bare", 0.1),
)


def header_lines(meta: dict) -> list[str]:
    setup, env, db = meta["setup"], meta["environment"], meta["environment"]["database"]
    lines = [f"Kỹ Năng Số bench, {meta['started_at']}, settings {meta['settings_module']}"]
    if setup.get("workers"):
        lines += [
            f"server    gunicorn {env['gunicorn']}, {setup['workers']} sync workers on 127.0.0.1",
            (
                f"load      {env['wrk']}: {setup['wrk_threads']} thread, {setup['concurrency']} connections, "
                f"{setup['duration_s']} s x {setup['rounds']} rounds after {setup['warmup_s']} s warm-up, "
                "bare and scenarios interleaved in each round"
            ),
        ]
    lines += [
        f"database  {db['vendor']} {db['version']} ({db['name']})",
        (
            f"stack     Python {env['python']}, Django {env['django']}, Wagtail {env['wagtail']}, "
            f"{env['cpus']} CPUs, load average {env['loadavg']} at start"
        ),
    ]
    return lines


def _cell(value, fmt: str) -> str:
    if fmt == "ratio":  # three significant figures at most, but never "1" for 1.00
        return f"{value:.3f}" if value < 0.1 else f"{value:.2f}" if value < 10 else f"{value:.1f}"
    return fmt.format(value)


def table(rows: list[dict]) -> list[str]:
    columns = [c for c in COLUMNS if any(c[1] in row for row in rows)]
    cells = [[h for h, _, _ in columns]] + [
        [_cell(row[key], fmt) if key in row else "—" for _, key, fmt in columns] for row in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    return [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=True)))
        for line in cells
    ]


def print_report(meta: dict) -> None:
    print()
    print("\n".join(header_lines(meta)))
    groups = []
    if meta["http"]:
        groups.append(("over HTTP (gunicorn), against bare", meta["http"]))
    for name, pair in meta["in_process"].items():
        groups.append((f"in-process, {name} against {pair['baseline']}", pair["results"]))
    if not groups:
        print("\nnothing measured: every selected scenario was skipped")
        return
    for title, results in groups:
        print(f"\n{title}:")
        print("\n".join(table([{"name": name, **result["summary"]} for name, result in results.items()])))
    print(
        "\nratios: scenario ÷ bare (or ÷ wagtail-minimal) of the same round, median over rounds; "
        "spread: (max-min)/median of req/s"
    )
    goal_lines = goals(meta["http"])
    if goal_lines:
        print("\ngoals (issue 12), req/s ratios:")
        print("\n".join(goal_lines))


def goals(results: dict) -> list[str]:
    lines = []
    for name, reference, least in GOALS:
        if name not in results or reference not in results:
            continue
        summary = results[name]["summary"]
        value = summary["rps_ratio"] if reference == "bare" else summary.get("rps_vs_wagtail")
        if value is None:
            continue
        verdict = "met" if value >= least else "NOT met"
        lines.append(f"  {name:<12} ÷ {reference:<16} {_cell(value, 'ratio'):>6}  goal ≥ {least}  {verdict}")
    return lines


def write_json(meta: dict) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.fromisoformat(meta["started_at"]).strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"{stamp}.json"
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    return path
