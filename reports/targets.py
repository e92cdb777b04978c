"""The red / amber / green rule for targets (docs/reports.md, "Targets").

A target asks that ``percent`` % of a population reach a measure (complete a course, or hold its
certificate; any course when none is named) by ``due_date``. Progress is expected to grow evenly
from ``start_date`` (the day the target was set) to ``due_date``:

    expected = percent × (days since start ÷ days from start to due), capped at percent

- green: the target is met (actual ≥ percent), or progress is on or ahead of the expected line;
- amber: behind the expected line by at most ``AMBER_POINTS`` percentage points;
- red: further behind than that, or the due date has passed and the target is not met;
- grey ("none"): nobody in the population yet, so there is nothing to measure.

A commune is "at risk" for a target when its own progress is red or amber.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

AMBER_POINTS = 10

GREEN, AMBER, RED, NONE = "green", "amber", "red", "none"
LABELS = {
    GREEN: _("Đúng tiến độ"),
    AMBER: _("Chậm tiến độ"),
    RED: _("Nguy cơ không đạt"),
    NONE: _("Chưa có người trong nhóm"),
}
MET_LABEL = _("Đã đạt")
MISSED_LABEL = _("Không đạt (đã quá hạn)")


@dataclass(frozen=True)
class Assessment:
    status: str
    actual: float | None  # percent, 0–100
    expected: float  # percent expected by today
    met: bool = False
    missed: bool = False

    @property
    def label(self):
        if self.met:
            return MET_LABEL
        if self.missed:
            return MISSED_LABEL
        return LABELS[self.status]

    @property
    def gap(self) -> float:
        return self.expected - (self.actual or 0.0)

    @property
    def at_risk(self) -> bool:
        return self.status in (RED, AMBER)


def expected_percent(*, percent: int, start: dt.date, due: dt.date, today: dt.date) -> float:
    total = (due - start).days
    if total <= 0 or today >= due:
        return float(percent)
    elapsed = max(0, (today - start).days)
    return round(percent * min(1.0, elapsed / total), 2)


def assess(
    *, percent: int, start: dt.date, due: dt.date, numerator: int, denominator: int, today: dt.date
) -> Assessment:
    expected = expected_percent(percent=percent, start=start, due=due, today=today)
    if denominator <= 0:
        return Assessment(NONE, None, expected)
    actual = round(100.0 * min(numerator, denominator) / denominator, 2)
    if actual >= percent:
        return Assessment(GREEN, actual, expected, met=True)
    if today > due:
        return Assessment(RED, actual, expected, missed=True)
    gap = expected - actual
    if gap <= 0:
        return Assessment(GREEN, actual, expected)
    if gap <= AMBER_POINTS:
        return Assessment(AMBER, actual, expected)
    return Assessment(RED, actual, expected)
