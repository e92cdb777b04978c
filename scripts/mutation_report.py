"""Print the share of mutants killed per module from mutmut's results in ``mutants/`` (``make mutation``).

mutmut 3 keeps one ``mutants/<path>.meta`` JSON file per mutated source file, mapping each mutant to
the exit code of its test run; mutmut's own table turns the codes into statuses. A mutant counts as
killed when a test failed (or timed out) with it in place. "not checked" mutants were not run (an
interrupted or filtered run): a module with any is marked incomplete rather than given a score.
Lines marked ``# pragma: no mutate`` produce no mutants; their count is shown so the figure stays honest.

    .venv/bin/python scripts/mutation_report.py [--markdown]
"""

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent
MODULES = [
    "accounts/scopes.py",
    "quizzes/grading.py",
    "quizzes/services.py",
    "courses/services.py",
    "certificates/services.py",
]
DETECTED = ("killed", "timeout")
GOAL = 80.0


def module_counts(path: str) -> Counter | None:
    meta = ROOT / "mutants" / f"{path}.meta"
    if not meta.exists():
        return None
    exit_codes = json.loads(meta.read_text())["exit_code_by_key"]
    return Counter(status_by_exit_code[code] for code in exit_codes.values())


def pragmas(path: str) -> int:
    return sum("pragma: no mutate" in line for line in (ROOT / path).read_text().splitlines())


def rows():
    for path in MODULES:
        counts = module_counts(path)
        if counts is None:
            yield path, None, pragmas(path)
        else:
            yield path, counts, pragmas(path)


def score(counts: Counter) -> tuple[int, int, float]:
    total = sum(counts.values())
    killed = sum(counts[s] for s in DETECTED)
    return killed, total, (100.0 * killed / total if total else 0.0)


def main(argv: list[str]) -> int:
    markdown = "--markdown" in argv
    if markdown:
        print("| module | killed | survived | no tests | total | killed % | `no mutate` lines |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    else:
        print(f"{'module':<28} {'killed':>7} {'survived':>9} {'no tests':>9} {'total':>6} {'killed %':>9}  pragmas")
    below_goal = []
    for path, counts, marked in rows():
        if counts is None:
            print(f"{path:<28} not run yet")
            below_goal.append(path)
            continue
        killed, total, percent = score(counts)
        figure = f"{percent:.1f}"
        if counts["not checked"]:
            figure = f"incomplete ({counts['not checked']} not checked)"
        if counts["not checked"] or percent < GOAL:
            below_goal.append(path)
        other = total - killed - counts["survived"] - counts["no tests"] - counts["not checked"]
        if other:
            rest = {
                s: n for s, n in counts.items() if s not in (*DETECTED, "survived", "no tests", "not checked") and n
            }
            figure += f" ({other} other: {rest})"
        if markdown:
            print(
                f"| `{path}` | {killed} | {counts['survived']} | {counts['no tests']} | {total} | {figure} | {marked} |"
            )
        else:
            survived, untested = counts["survived"], counts["no tests"]
            print(f"{path:<28} {killed:>7} {survived:>9} {untested:>9} {total:>6} {figure:>9}  {marked}")
    if below_goal:
        print(f"\nBelow {GOAL:.0f} % or not fully run: {', '.join(below_goal)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
