"""Rebuilding the summary rows the dashboards read (``DailyProgress``, ``CourseTotal``, ``PeopleCount``,
``TargetProgress``), for some communes or for all.

A rebuild of a set of current communes reads, in a fixed number of queries, everything that
counts towards them: the enrolments made there (including in the former communes that merged
into them), the enrolments of their teams' members and of their registered cadres wherever
those were made, the issued certificates and the graded quiz attempts of those people. It then
counts in Python and replaces the communes' rows in one transaction. A full rebuild goes province
by province, so each transaction stays small and pages keep reading the previous rows meanwhile.

Rules (docs/reports.md):
- An enrolment counts in the current commune its commune at enrolment rolls up into
  (``localities``' default successors), and in each team its cadre belongs to (in the team's commune).
- Withdrawn enrolments do not count. Two enrolments of one cadre in one ``course_key`` (an old and
  a new version of a course) count once: the completed one, else the latest.
- started = started or completed; overdue = a due date before today and not completed;
  certified = an issued certificate for the cadre and ``course_key``.
- Registered cadres are the active users holding the Cadres or Team leaders role whose commune
  rolls up into the commune; team members are the active members of the commune's teams.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, Exists, IntegerField, Max, OuterRef, Q, When
from django.utils import timezone

from accounts.models import TeamMembership, User
from accounts.roles import CADRES, TEAM_LEADERS
from certificates.models import Certificate
from courses.models import Enrollment
from localities.models import Commune, UnitSuccession
from localities.selectors import MAX_SUCCESSION_DEPTH
from quizzes.models import Attempt

from .bulk import insert_tuples
from .models import (
    ALL_CADRES,
    ALL_COURSES,
    ANY_TEAM,
    NO_UNIT,
    CommuneRefresh,
    Counts,
    CourseTotal,
    DailyProgress,
    PeopleCount,
    Target,
    TargetProgress,
)

logger = logging.getLogger(__name__)

CADRE_ROLES = (CADRES, TEAM_LEADERS)
GRADED = (Attempt.Status.SUBMITTED, Attempt.Status.EXPIRED)

# Indexes into the counter lists below (the order of Counts.COUNTERS, then completions).
ENROLLED, ASSIGNED, STARTED, COMPLETED, CERTIFIED, OVERDUE, TAKERS, PASSERS, BEST_SUM, COMPLETIONS = range(10)
N_COUNTS = 9
COUNTER_COLUMNS = list(Counts.COUNTERS)
DAILY_COLUMNS = [
    "day",
    "province_id",
    "commune_id",
    "team_id",
    "unit_id",
    "course_key",
    *COUNTER_COLUMNS,
    "completions",
]
TOTAL_COLUMNS = ["province_id", "commune_id", "course_key", *COUNTER_COLUMNS]
PEOPLE_COLUMNS = ["province_id", "commune_id", "team_id", "unit_id", *PeopleCount.COUNTERS]
TARGET_COLUMNS = ["target_id", "commune_id", "numerator", "denominator"]


def registered_cadres():
    """Active users holding a cadre role (an EXISTS, so that counting never multiplies rows)."""
    through = User.groups.through
    return User.objects.filter(is_active=True).filter(
        Exists(through.objects.filter(user_id=OuterRef("pk"), group__name__in=CADRE_ROLES))
    )


@dataclass
class Geography:
    """Every commune's current successor and every current commune's province. Two queries."""

    successor: dict[int, int]
    province: dict[int, int]

    @classmethod
    def load(cls) -> Geography:
        rows = list(Commune.objects.values_list("pk", "valid_to", "province_id"))
        province = {pk: province_id for pk, valid_to, province_id in rows if valid_to is None}
        edges = dict(UnitSuccession.objects.filter(is_default=True).values_list("predecessor_id", "successor_id"))
        successor: dict[int, int] = {pk: pk for pk in province}
        for pk, valid_to, _province_id in rows:
            if valid_to is None:
                continue
            current = pk
            for _step in range(MAX_SUCCESSION_DEPTH):
                current = edges.get(current)
                if current is None or current in province:
                    break
            if current is not None and current in province:
                successor[pk] = current
        return cls(successor=successor, province=province)

    def sources(self, communes: Iterable[int]) -> list[int]:
        """The communes (current and former) whose history rolls up into ``communes``."""
        wanted = set(communes)
        return sorted(pk for pk, current in self.successor.items() if current in wanted)


@dataclass
class RebuildResult:
    communes: int = 0
    rows: int = 0
    seconds: float = 0.0


def rebuild(commune_ids: Iterable[int] | None = None, *, geography: Geography | None = None) -> RebuildResult:
    """Rebuild the summaries of some communes (former ones map to their successors), or of all."""
    started = time.monotonic()
    geography = geography or Geography.load()
    result = RebuildResult()
    if commune_ids is None:
        by_province: dict[int, list[int]] = defaultdict(list)
        for commune_id, province_id in geography.province.items():
            by_province[province_id].append(commune_id)
        for province_id in sorted(by_province):
            result.rows += _rebuild_chunk(set(by_province[province_id]), geography)
            result.communes += len(by_province[province_id])
        _drop_stale(set(geography.province))
    else:
        current = {geography.successor[pk] for pk in commune_ids if pk in geography.successor}
        if current:
            result.rows += _rebuild_chunk(current, geography)
            result.communes = len(current)
    result.seconds = round(time.monotonic() - started, 2)
    return result


def _drop_stale(current: set[int]) -> None:
    """Rows of communes that are no longer current (merged since) go; their history moved to the successor."""
    for model in (DailyProgress, CourseTotal, PeopleCount, CommuneRefresh):
        stale = set(model.objects.values_list("commune_id", flat=True).distinct()) - current
        if stale:
            model.objects.filter(commune_id__in=sorted(stale)).delete()
    stale_targets = set(TargetProgress.objects.values_list("commune_id", flat=True).distinct()) - current
    if stale_targets:
        TargetProgress.objects.filter(commune_id__in=sorted(stale_targets)).delete()


PEOPLE_BATCH = 5000


def _by_batches(ids: list[int], query) -> list:
    """Rows of ``query(batch)`` for every batch of ids (bounded IN lists on both databases)."""
    rows: list = []
    for start in range(0, len(ids), PEOPLE_BATCH):
        rows.extend(query(ids[start : start + PEOPLE_BATCH]))
    return rows


def _better(row: tuple, previous: tuple) -> bool:
    """Of two enrolments of one cadre in one course_key: the completed one, else the later one."""
    done, previous_done = row[6] is not None, previous[6] is not None
    if done != previous_done:
        return done
    return row[4] > previous[4]


def _local_day(moment: dt.datetime, zone) -> dt.date:
    return moment.astimezone(zone).date()


def _rebuild_chunk(communes: set[int], geography: Geography) -> int:
    for attempt in range(3):
        try:
            return _rebuild_chunk_once(communes, geography)
        except IntegrityError:
            # Another rebuild of the same communes committed first; ours runs again over its rows.
            if attempt == 2:
                raise
            time.sleep(0.2 * (attempt + 1))
    return 0


def _rebuild_chunk_once(communes: set[int], geography: Geography) -> int:
    sources = geography.sources(communes)
    zone = timezone.get_current_timezone()
    today = timezone.localdate()

    # --- Reads: a fixed number of queries for the whole chunk (per 5,000 people) ---------------------
    memberships = TeamMembership.objects.filter(team__commune_id__in=sources, user__is_active=True)
    registered = registered_cadres().filter(commune_id__in=sources)
    team_rows = list(memberships.values_list("user_id", "team_id", "team__commune_id", "user__unit_id"))
    registered_rows = list(registered.values_list("pk", "commune_id", "unit_id"))
    # Everyone who counts here: who enrolled here, the teams' members, the registered cadres. Their
    # ids, not subqueries: with a few hundred (a commune) to a few thousand (a province) ids the
    # planner uses the user_id indexes instead of scanning every enrolment, attempt and certificate.
    people = set(
        Enrollment.objects.filter(commune_id__in=sources).values_list("user_id", flat=True).distinct().order_by()
    )
    people.update(row[0] for row in team_rows)
    people.update(row[0] for row in registered_rows)
    people = sorted(people)

    enrolment_rows = _by_batches(
        people,
        lambda ids: Enrollment.objects.filter(withdrawn_at__isnull=True, user_id__in=ids).values_list(
            "user_id",
            "course_key",
            "commune_id",
            "source",
            "created_at",
            "started_at",
            "completed_at",
            "due_date",
            "user__unit_id",
        ),
    )
    certified_pairs = set(
        _by_batches(
            people,
            lambda ids: Certificate.objects.filter(user_id__in=ids, status=Certificate.Status.ISSUED).values_list(
                "user_id", "course_key"
            ),
        )
    )
    quiz_pairs = _by_batches(
        people,
        lambda ids: (
            Attempt.objects.filter(user_id__in=ids, status__in=GRADED)
            .values("user_id", "quiz_id", "course_key")
            .annotate(
                best=Max("score"), ok=Max(Case(When(passed=True, then=1), default=0, output_field=IntegerField()))
            )
            .order_by()
            .values_list("user_id", "course_key", "best", "ok")
        ),
    )
    targets = list(
        Target.objects.filter(
            Q(commune_id__in=communes) | Q(province_id__in={geography.province[c] for c in communes})
        ).values_list("pk", "province_id", "commune_id", "course_key", "population", "unit_id", "measure")
    )

    # --- Per person ------------------------------------------------------------------------------
    quiz: dict[tuple, list] = defaultdict(lambda: [0, 0, 0.0])
    for user_id, course_key, best, ok in quiz_pairs:
        entry = quiz[(user_id, course_key)]
        entry[0] += 1
        entry[1] += int(ok or 0)
        entry[2] += float(best or 0)

    chosen: dict[tuple, tuple] = {}
    for row in enrolment_rows:
        key = (row[0], row[1])
        previous = chosen.get(key)
        if previous is None or _better(row, previous):
            chosen[key] = row

    completed_pairs = {key for key, row in chosen.items() if row[6] is not None}
    completed_people = {user_id for user_id, _ck in completed_pairs}
    certified_people = {user_id for user_id, _ck in certified_pairs}

    teams_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for user_id, team_id, team_commune, _unit in team_rows:
        current = geography.successor.get(team_commune)
        if current in communes:
            teams_of[user_id].append((team_id, current))

    # --- Enrolment counters ------------------------------------------------------------------------
    daily: dict[tuple, list] = defaultdict(lambda: [0] * (N_COUNTS + 1))
    totals: dict[tuple, list] = defaultdict(lambda: [0] * N_COUNTS)

    for key, row in chosen.items():
        user_id, course_key, commune_id, source, created_at, started_at, completed_at, due_date, unit_id = row
        commune = geography.successor.get(commune_id)
        here = commune in communes
        teams = teams_of.get(user_id, ())
        if not here and not teams:
            continue
        unit = unit_id or NO_UNIT
        done = completed_at is not None
        values = [0] * N_COUNTS
        values[ENROLLED] = 1
        values[ASSIGNED] = int(source == Enrollment.Source.ASSIGNED)
        values[STARTED] = int(started_at is not None or done)
        values[COMPLETED] = int(done)
        values[CERTIFIED] = int(key in certified_pairs)
        values[OVERDUE] = int(due_date is not None and not done and due_date < today)
        takers, passers, best_sum = quiz.get(key, (0, 0, 0.0))
        values[TAKERS], values[PASSERS], values[BEST_SUM] = takers, passers, best_sum

        day = _local_day(created_at, zone)
        completion_day = _local_day(completed_at, zone) if done else None
        places = []
        if here:
            places.append((commune, ALL_CADRES))
            for course in (course_key, ALL_COURSES):
                total = totals[(commune, course)]
                for index, value in enumerate(values):
                    total[index] += value
        for team_id, team_commune in teams:
            places.append((team_commune, team_id))
        for team_commune in {team_commune for _team_id, team_commune in teams}:
            places.append((team_commune, ANY_TEAM))
        for place_commune, team_id in places:
            counters = daily[(day, place_commune, team_id, unit, course_key)]
            for index, value in enumerate(values):
                counters[index] += value
            if completion_day is not None:
                daily[(completion_day, place_commune, team_id, unit, course_key)][COMPLETIONS] += 1

    # --- People ------------------------------------------------------------------------------------
    people: dict[tuple, list] = defaultdict(lambda: [0, 0, 0])
    population_all: dict[int, set] = defaultdict(set)
    population_units: dict[tuple, set] = defaultdict(set)
    population_teams: dict[int, set] = defaultdict(set)

    def count_person(key, user_id):
        counters = people[key]
        counters[0] += 1
        counters[1] += int(user_id in completed_people)
        counters[2] += int(user_id in certified_people)

    for user_id, commune_id, unit_id in set(registered_rows):
        commune = geography.successor.get(commune_id)
        if commune not in communes:
            continue
        count_person((commune, ALL_CADRES, unit_id or NO_UNIT), user_id)
        population_all[commune].add(user_id)
        population_units[(commune, unit_id)].add(user_id)
    seen_any_team = set()
    for user_id, team_id, team_commune, unit_id in team_rows:
        commune = geography.successor.get(team_commune)
        if commune not in communes:
            continue
        count_person((commune, team_id, unit_id or NO_UNIT), user_id)
        if (user_id, commune) not in seen_any_team:
            seen_any_team.add((user_id, commune))
            count_person((commune, ANY_TEAM, unit_id or NO_UNIT), user_id)
            population_teams[commune].add(user_id)

    # --- Targets -----------------------------------------------------------------------------------
    target_rows = []
    for pk, province_id, commune_id, course_key, population, unit_id, measure in targets:
        covered = [commune_id] if commune_id else [c for c in communes if geography.province[c] == province_id]
        for commune in covered:
            if commune not in communes:
                continue
            if population == Target.Population.TEAM_MEMBERS:
                members = population_teams.get(commune, set())
            elif population == Target.Population.UNIT:
                members = population_units.get((commune, unit_id), set())
            else:
                members = population_all.get(commune, set())
            if course_key is None:
                achieved = completed_people if measure == Target.Measure.COMPLETED else certified_people
                numerator = sum(1 for user_id in members if user_id in achieved)
            else:
                pairs = completed_pairs if measure == Target.Measure.COMPLETED else certified_pairs
                numerator = sum(1 for user_id in members if (user_id, course_key) in pairs)
            target_rows.append((pk, commune, numerator, len(members)))

    # --- Write -------------------------------------------------------------------------------------
    province = geography.province
    daily_rows = [
        (
            day,
            province[commune],
            commune,
            team_id,
            unit,
            course_key,
            *c[:BEST_SUM],
            round(c[BEST_SUM], 2),
            c[COMPLETIONS],
        )
        for (day, commune, team_id, unit, course_key), c in daily.items()
    ]
    total_rows = [
        (province[commune], commune, course_key, *c[:BEST_SUM], round(c[BEST_SUM], 2))
        for (commune, course_key), c in totals.items()
    ]
    people_rows = [(province[commune], commune, team_id, unit, *c) for (commune, team_id, unit), c in people.items()]
    ids = sorted(communes)
    now = timezone.now()
    with transaction.atomic():
        _lock(ids, province)
        DailyProgress.objects.filter(commune_id__in=ids).delete()
        CourseTotal.objects.filter(commune_id__in=ids).delete()
        PeopleCount.objects.filter(commune_id__in=ids).delete()
        TargetProgress.objects.filter(commune_id__in=ids).delete()
        insert_tuples(DailyProgress, DAILY_COLUMNS, daily_rows)
        insert_tuples(CourseTotal, TOTAL_COLUMNS, total_rows)
        insert_tuples(PeopleCount, PEOPLE_COLUMNS, people_rows)
        insert_tuples(TargetProgress, TARGET_COLUMNS, target_rows)
        CommuneRefresh.objects.filter(commune_id__in=ids).update(refreshed_at=now)
    return len(daily_rows) + len(total_rows) + len(people_rows) + len(target_rows)


def _lock(ids: list[int], province: dict[int, int]) -> None:
    """Serialise rebuilds of the same communes (PostgreSQL row locks; SQLite serialises writers anyway)."""
    CommuneRefresh.objects.bulk_create(
        [CommuneRefresh(commune_id=pk, province_id=province[pk]) for pk in ids], ignore_conflicts=True
    )
    if connection.vendor == "postgresql":
        list(CommuneRefresh.objects.select_for_update().filter(commune_id__in=ids).order_by("commune_id").values("pk"))
