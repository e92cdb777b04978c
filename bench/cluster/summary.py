"""The numbers of a cluster load run, as Markdown (``scripts/cluster.sh load`` writes it to report/summary.md).

Reads what the run left in the report directory: Locust's CSV files (the main run, the one-server and
two-server phases), the balancer's access log from the run's first line (every try of every request,
``$upstream_status``), the RSS samples of each process group, the faults and the checker's output.

    python -m bench.cluster.summary --report var/cluster/report --access-log var/cluster/logs/nginx-access.log
"""

import argparse
import csv
import re
import statistics
from collections import defaultdict
from pathlib import Path

LINE = re.compile(r'^(\S+) (\S+) "([^"]*)" (\d{3}) (\S+) "([^"]*)" "([^"]*)" "([^"]*)"$')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", required=True)
    parser.add_argument("--access-log", required=True)
    parser.add_argument("--offset", type=int, default=0, help="lines of the access log written before the run")
    args = parser.parse_args()
    report = Path(args.report)
    out = ["# Cluster load run", ""]
    out += load_section(report)
    out += ratio_section(report)
    out += balancer_section(Path(args.access_log), args.offset, report)
    out += memory_section(report)
    for name, title in (
        ("machine.txt", "Machine load (uptime at the start and end)"),
        ("faults.log", "Faults"),
        ("check.txt", "Checker"),
    ):
        if (report / name).exists():
            out += [f"## {title}", "", "```", (report / name).read_text().strip(), "```", ""]
    print("\n".join(out))  # noqa: T201 - a command-line tool


def rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_section(report: Path) -> list[str]:
    stats = rows(report / "load_stats.csv")
    if not stats:
        return ["(no load_stats.csv)", ""]
    total = next(row for row in stats if row["Name"] == "Aggregated")
    history = [
        float(row["Requests/s"])
        for row in rows(report / "load_stats_history.csv")
        if row["Name"] == "Aggregated" and row["User Count"] and int(row["User Count"]) > 0
    ]
    steady = history[len(history) // 5 :] or [0.0]  # past the ramp-up
    out = [
        "## Main run",
        "",
        f"- requests: {total['Request Count']}, failed (as Locust saw them): {total['Failure Count']} "
        f"({100 * int(total['Failure Count']) / max(1, int(total['Request Count'])):.2f} %)",
        f"- requests per second: {float(total['Requests/s']):.1f} over the run; "
        f"{statistics.median(steady):.1f} median of the per-second samples after the first fifth",
        "",
        "| page kind | requests | failures | p50 ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in sorted(stats, key=lambda row: (row["Name"] == "Aggregated", row["Name"])):
        out.append(
            f"| {row['Type']} {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
            f"{row['50%']} | {row['95%']} | {row['99%']} |"
        )
    return [*out, ""]


def ratio_section(report: Path) -> list[str]:
    def rps(name):
        # The phase starts with 20 logins (PBKDF2 is slow on purpose): the second half of the
        # per-second samples is the reading alone.
        history = [
            float(row["Requests/s"])
            for row in rows(report / f"{name}_stats_history.csv")
            if row["Name"] == "Aggregated"
        ]
        found = [row for row in rows(report / f"{name}_stats.csv") if row["Name"] == "Aggregated"]
        steady = history[len(history) // 2 :] or [0.0]
        return (statistics.mean(steady), found[0]["50%"], found[0]["95%"]) if found else (0.0, "-", "-")

    one, two = rps("one-server"), rps("two-servers")
    ratio = two[0] / one[0] if one[0] else 0.0
    return [
        "## One app server, then two (same run, 20 readers without think time)",
        "",
        "| shape | requests/s (second half of the phase) | p50 ms | p95 ms |",
        "| --- | ---: | ---: | ---: |",
        f"| nginx → app1 | {one[0]:.1f} | {one[1]} | {one[2]} |",
        f"| nginx → app1 + app2 | {two[0]:.1f} | {two[1]} | {two[2]} |",
        "",
        f"Ratio two / one: {ratio:.2f}",
        "",
    ]


def balancer_section(path: Path, offset: int, report: Path) -> list[str]:
    if not path.exists():
        return []
    requests = first_failed = final_failed = retried = 0
    by_status = defaultdict(int)
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number < offset:
                continue
            found = LINE.match(line.strip())
            if not found:
                continue
            status, upstream = int(found.group(4)), found.group(7)
            tries = [value.strip() for value in re.split(r"[,:]", upstream) if value.strip()]
            requests += 1
            by_status[status] += 1
            if len(tries) > 1:
                retried += 1
            first = tries[0] if tries else "-"
            if not first.isdigit() or int(first) >= 500:
                first_failed += 1
            if status >= 500:
                final_failed += 1
    (report / "status_counts.txt").write_text("".join(f"{k} {v}\n" for k, v in sorted(by_status.items())))
    share = lambda n: f"{100 * n / max(1, requests):.3f} %"  # noqa: E731
    return [
        "## The balancer (nginx access log, from the main run's start to the checker)",
        "",
        f"- requests: {requests}; answered by a second app server after the first failed: {retried}",
        f"- error rate before the retry (first try 5xx or no answer): {first_failed} ({share(first_failed)})",
        f"- error rate after the retry (what the client got, 5xx): {final_failed} ({share(final_failed)})",
        f"- final statuses: {', '.join(f'{k}: {v}' for k, v in sorted(by_status.items()))}",
        "",
    ]


def memory_section(report: Path) -> list[str]:
    path = report / "memory.txt"
    if not path.exists():
        return []
    peak: dict[str, tuple[int, int]] = {}
    for line in path.read_text().splitlines():
        _t, name, count, rss = line.split()
        if int(rss) > peak.get(name, (0, 0))[1]:
            peak[name] = (int(count), int(rss))
    out = [
        "## Memory (RSS, peak of the 15-second samples, whole process group)",
        "",
        "| process | processes | RSS MB |",
        "| --- | ---: | ---: |",
    ]
    out += [f"| {name} | {count} | {rss / 1024:.0f} |" for name, (count, rss) in sorted(peak.items())]
    return [*out, ""]


if __name__ == "__main__":
    main()
