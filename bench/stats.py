"""One measurement (a Sample) and how the rounds of a scenario sum up against the bare view."""

from dataclasses import asdict, dataclass, field
from statistics import median


@dataclass
class Sample:
    """One scenario measured for one round (or for the warm-up)."""

    requests: int
    duration_s: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    bytes: int = 0
    socket_errors: int = 0
    unexpected: int = 0  # responses whose status was not the one the scenario expects
    bad_statuses: dict[str, int] = field(default_factory=dict)
    ended_early: bool = False  # a send-once pool ran out before the round's duration

    @property
    def errors(self) -> int:
        return self.socket_errors + self.unexpected

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile, the definition wrk uses, so both kinds of scenario read alike."""
    if not sorted_values:
        return 0.0
    rank = max(1, round(pct / 100 * len(sorted_values) + 0.5))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summarize(rounds: list[Sample], baseline: list[Sample]) -> dict:
    """Medians over rounds, and ratios taken round by round against the baseline of the same round.

    Pairing each round with the bare run measured just before it cancels most of the drift
    of a shared machine (another build, thermal throttling) before the median is taken.
    """
    rps = [s.rps for s in rounds]
    middle = median(rps)
    pairs = list(zip(rounds, baseline, strict=True))
    return {
        "rps": round(middle, 1),
        "p50_ms": round(median(s.p50_ms for s in rounds), 3),
        "p95_ms": round(median(s.p95_ms for s in rounds), 3),
        "spread_pct": round((max(rps) - min(rps)) / middle * 100, 1) if middle else 0.0,
        "rps_ratio": round(median(s.rps / b.rps for s, b in pairs), 4),
        "p50_ratio": round(median(s.p50_ms / b.p50_ms for s, b in pairs), 3),
        "p95_ratio": round(median(s.p95_ms / b.p95_ms for s, b in pairs), 3),
        "errors": sum(s.errors for s in rounds),
        "bytes_per_response": round(sum(s.bytes for s in rounds) / max(1, sum(s.requests for s in rounds))),
    }
