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
    ("errors", "errors", "{}"),
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
    cells = [[h for h, _, _ in COLUMNS]] + [[_cell(row[key], fmt) for _, key, fmt in COLUMNS] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
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
    print("\nratios: scenario ÷ bare of the same round, median over rounds; spread: (max-min)/median of req/s")


def write_json(meta: dict) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.fromisoformat(meta["started_at"]).strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"{stamp}.json"
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    return path
