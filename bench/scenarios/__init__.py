"""The scenario registry: what ``make bench`` measures, each against the bare view of the same run.

A scenario is a name, an optional ``setup`` hook run once in the bench process (with Django
configured for the bench database, so it may use the ORM or ``call_command``), and a
``requests`` factory returning the HTTP requests to send. To add one, write a module in
this package that calls ``register(...)`` and list it in ``MODULES``.

``InProcessScenario`` is for work that is not an HTTP request (a certificate render): it is
timed in the bench process against a baseline callable, by default the bare view called
through Django's test client.
"""

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

BARE_PATH = "/__bench__/bare/"
SESSION_USER_PATH = "/__bench__/session-user/"
SESSION_USER_TEMPLATE_PATH = "/__bench__/session-user-template/"

# Modules of this package that register scenarios, in the order the report lists them.
MODULES = ("references", "home", "courses", "certificates", "imports", "quiz", "reports")


@dataclass(frozen=True)
class Request:
    method: str = "GET"
    path: str = "/"  # already percent-encoded, with its query string
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes | str | None = None


@dataclass
class Context:
    """What hooks and factories see: the run's setup, and a place to keep what setup prepared."""

    workers: int
    concurrency: int
    duration: int
    rounds: int
    database: str  # Django's connection.vendor: "sqlite" or "postgresql"
    base_url: str = ""  # set once gunicorn listens
    phase: str = "setup"  # "setup", then "probe", "warmup" and "round" for each factory call
    seconds: int = 0  # how long the phase about to run lasts (0 for the probe's single request)
    # This scenario's rate in its warm-up or last round, and the bare view's latest rate.
    last_rps: float | None = None
    bare_rps: float | None = None
    state: dict[str, Any] = field(default_factory=dict)

    def pool_size(self, margin: float = 2.0) -> int:
        """How many send-once requests will outlast the phase about to run.

        From this scenario's last rate, or before it has one from the bare view's: no page
        is faster than the bare view served the same way.
        """
        if self.seconds == 0:
            return 1
        rate = self.last_rps * margin if self.last_rps else (self.bare_rps or 5000) * 1.2
        return int(rate * self.seconds) + self.concurrency


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    # Called before the probe, the warm-up and every round. A scenario whose requests can be
    # sent only once (POST on a fresh attempt) returns a fresh pool of ctx.pool_size() each time.
    requests: Callable[[Context], Sequence[Request]]
    setup: Callable[[Context], None] | None = None
    expect_status: int = 200
    # False: each request is sent at most once; size the pool with ctx.pool_size(). wrk reports
    # rates over the whole duration, so a pool that runs out fails the run instead of being
    # reported as a slow round.
    reuse: bool = True
    # Run by a plain ``make bench``; others only when named with --scenario.
    default: bool = True
    # Returns why the scenario cannot run here (say, "needs PostgreSQL"), or None.
    skip_reason: Callable[[Context], str | None] | None = None


@dataclass(frozen=True)
class InProcessScenario:
    name: str
    description: str
    # Each factory returns the zero-argument callable to time, so preparing its inputs is not timed.
    call: Callable[[Context], Callable[[], object]]
    baseline: Callable[[Context], Callable[[], object]] | None = None  # None: the bare view in-process
    baseline_name: str = "bare (in-process)"
    setup: Callable[[Context], None] | None = None
    default: bool = True
    skip_reason: Callable[[Context], str | None] | None = None


BARE = Scenario(
    name="bare",
    description=f"GET {BARE_PATH}: a plain function view, no template, no database",
    requests=lambda ctx: [Request("GET", BARE_PATH)],
)

_registry: dict[str, Scenario | InProcessScenario] = {}
_loaded = False


def register(scenario: Scenario | InProcessScenario) -> Scenario | InProcessScenario:
    if scenario.name in _registry or scenario.name == BARE.name:
        raise ValueError(f"A bench scenario named {scenario.name!r} is already registered.")
    _registry[scenario.name] = scenario
    return scenario


def registry() -> dict[str, Scenario | InProcessScenario]:
    """All registered scenarios by name, importing the scenario modules on first use."""
    global _loaded
    if not _loaded:
        for module in MODULES:
            importlib.import_module(f"{__name__}.{module}")
        _loaded = True
    return dict(_registry)
