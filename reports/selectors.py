"""Reads for the dashboards: each level in a fixed number of queries, whatever the number of
communes, cadres or progress rows.

- Overview, province and commune totals, and the teams of a commune read summary rows
  (``reports.models``). Without a date, unit or team filter they read ``CourseTotal`` (one row per
  commune and course), so their cost is bounded by communes × courses; with one of those filters,
  ``DailyProgress`` of the locality (bounded by communes × teams × units × courses × days).
- The lists of people (a commune's cadres, a team's members, a cadre's enrolments) count live
  rows, bounded by one commune: its cadres and their enrolments, 50 cadres per page.
- Team counts (how many teams are formed) read the ``Team`` table, bounded by the number of teams.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field, fields
from functools import reduce
from operator import or_

from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, IntegerField, Max, Min, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import ManagerScope, Team, TeamMembership, Unit, User
from accounts.scopes import commune_in_scope, sees_everything
from certificates.models import Certificate
from courses.models import CoursePage, Enrollment, StepCompletion, StepPage
from courses.progress import progress_percent
from localities.models import Commune, Province, UnitSuccession
from quizzes.models import Attempt

from . import targets as rag
from .filters import Filters, Status
from .models import (
    ALL_CADRES,
    ALL_COURSES,
    ANY_TEAM,
    CommuneRefresh,
    Counts,
    CourseTotal,
    DailyProgress,
    PeopleCount,
    Target,
    TargetProgress,
)
from .summaries import GRADED, registered_cadres

PER_PAGE = 50
WEEKS_SHOWN = 12
MAX_WEEKS = 104


# --- Scope ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    everything: bool
    province_ids: frozenset[int]
    commune_ids: frozenset[int]

    @property
    def empty(self) -> bool:
        return not (self.everything or self.province_ids or self.commune_ids)


def scope_of(user) -> Scope:
    cached = getattr(user, "_kns_report_scope", None)
    if cached is not None:
        return cached
    if sees_everything(user):
        scope = Scope(True, frozenset(), frozenset())
    else:
        rows = list(ManagerScope.objects.filter(user=user).values_list("province_id", "commune_id"))
        scope = Scope(False, frozenset(p for p, _c in rows if p), frozenset(c for _p, c in rows if c))
    user._kns_report_scope = scope
    return scope


def province_visible(user, province: Province) -> bool:
    scope = scope_of(user)
    return province.valid_to is None and (scope.everything or province.pk in scope.province_ids)


def commune_visible(user, commune: Commune) -> bool:
    return commune.valid_to is None and commune_in_scope(user, commune)


# --- Reference lists ------------------------------------------------------------------------------


def course_options() -> list[tuple[uuid.UUID, str]]:
    """Every course_key with the title of its newest live version (else its newest version). One query."""
    titles: dict[uuid.UUID, tuple[bool, int, str]] = {}
    for key, title, live, pk in CoursePage.objects.values_list("course_key", "title", "live", "pk"):
        rank = (bool(live), pk)
        if key not in titles or rank > titles[key][:2]:
            titles[key] = (bool(live), pk, title)
    return sorted(((key, value[2]) for key, value in titles.items()), key=lambda item: item[1].lower())


def unit_options() -> list[tuple[int, str]]:
    return list(Unit.objects.order_by("name").values_list("pk", "name"))


# --- Rows -----------------------------------------------------------------------------------------

COUNTER_NAMES = Counts.COUNTERS


@dataclass
class Row:
    key: int
    name: str
    url: str = ""
    note: str = ""
    registered: int | None = None
    enrolled: int = 0
    assigned: int = 0
    started: int = 0
    completed: int = 0
    certified: int = 0
    overdue: int = 0
    quiz_takers: int = 0
    quiz_passers: int = 0
    quiz_best_sum: float = 0.0
    teams: int | None = None
    team_members: int | None = None
    team_certified: int | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def in_progress(self) -> int:
        return max(0, self.started - self.completed)

    @property
    def not_started(self) -> int:
        return max(0, self.enrolled - self.started)

    @property
    def completion_rate(self) -> float | None:
        return round(100.0 * self.completed / self.enrolled, 1) if self.enrolled else None

    @property
    def pass_rate(self) -> float | None:
        return round(100.0 * self.quiz_passers / self.quiz_takers, 1) if self.quiz_takers else None

    @property
    def average_best_score(self) -> float | None:
        return round(self.quiz_best_sum / self.quiz_takers, 1) if self.quiz_takers else None

    @property
    def team_certified_share(self) -> float | None:
        if not self.team_members:
            return None
        return round(100.0 * min(self.team_certified or 0, self.team_members) / self.team_members, 1)

    def status_count(self, status: str) -> int:
        return {
            Status.NOT_STARTED: self.not_started,
            Status.IN_PROGRESS: self.in_progress,
            Status.COMPLETED: self.completed,
            Status.CERTIFIED: self.certified,
            Status.OVERDUE: self.overdue,
        }.get(status, self.enrolled)

    def add(self, other: Row) -> None:
        for name in (*COUNTER_NAMES, "registered", "teams", "team_members", "team_certified"):
            value = getattr(other, name)
            if value is None:
                continue
            setattr(self, name, (getattr(self, name) or 0) + value)

    def as_dict(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data.update(
            in_progress=self.in_progress,
            not_started=self.not_started,
            completion_rate=self.completion_rate,
            pass_rate=self.pass_rate,
            average_best_score=self.average_best_score,
            team_certified_share=self.team_certified_share,
        )
        return data


def _counter_sums() -> dict:
    return {name: Sum(name) for name in COUNTER_NAMES}


def enrolment_counts(where: Q, group: str, filters: Filters) -> dict[int, dict]:
    """Enrolment counters grouped by ``group`` ("province_id", "commune_id" or "team_id"). One query."""
    if filters.needs_daily_rows:
        rows = DailyProgress.objects.filter(where, team_id=filters.team_id or ALL_CADRES)
        if filters.course_key:
            rows = rows.filter(course_key=filters.course_key)
        if filters.unit_id:
            rows = rows.filter(unit_id=filters.unit_id)
        if filters.date_from:
            rows = rows.filter(day__gte=filters.date_from)
        if filters.date_to:
            rows = rows.filter(day__lte=filters.date_to)
    else:
        rows = CourseTotal.objects.filter(where, course_key=filters.course_key or ALL_COURSES)
    return {row.pop(group): row for row in rows.values(group).annotate(**_counter_sums()).order_by()}


def people_counts(where: Q, group: str, filters: Filters) -> dict[int, dict]:
    rows = PeopleCount.objects.filter(where, team_id=filters.team_id or ALL_CADRES)
    if filters.unit_id:
        rows = rows.filter(unit_id=filters.unit_id)
    return {
        row.pop(group): row
        for row in rows.values(group)
        .annotate(registered=Sum("registered"), certified_any=Sum("certified_any"))
        .order_by()
    }


def team_counts(where: Q, group: str, team_group: str, team_where: Q, filters: Filters) -> dict[int, dict]:
    """Teams formed (live ``Team`` rows) and their members' certification, grouped. Two or three queries."""
    formed = dict(
        Team.objects.filter(team_where)
        .values(team_group)
        .annotate(n=Count("pk"))
        .order_by()
        .values_list(team_group, "n")
    )
    members = PeopleCount.objects.filter(where, team_id=ANY_TEAM)
    if filters.unit_id:
        members = members.filter(unit_id=filters.unit_id)
    member_rows = {
        row[group]: row
        for row in members.values(group).annotate(members=Sum("registered"), certified=Sum("certified_any")).order_by()
    }
    if filters.course_key:
        certified = DailyProgress.objects.filter(where, team_id=ANY_TEAM, course_key=filters.course_key)
        if filters.unit_id:
            certified = certified.filter(unit_id=filters.unit_id)
        by_course = dict(certified.values(group).annotate(n=Sum("certified")).order_by().values_list(group, "n"))
        for key, row in member_rows.items():
            row["certified"] = by_course.get(key, 0)
    keys = set(formed) | set(member_rows)
    return {
        key: {
            "teams": formed.get(key, 0),
            "team_members": member_rows.get(key, {}).get("members", 0) or 0,
            "team_certified": member_rows.get(key, {}).get("certified", 0) or 0,
        }
        for key in keys
    }


def _fill(row: Row, counts: dict | None, people: dict | None, teams: dict | None) -> Row:
    for name, value in (counts or {}).items():
        if name in COUNTER_NAMES:
            setattr(row, name, value or 0)
    row.registered = (people or {}).get("registered", 0) or 0
    if teams is not None:
        row.teams = teams.get("teams", 0)
        row.team_members = teams.get("team_members", 0)
        row.team_certified = teams.get("team_certified", 0)
    return row


def total_of(rows: list[Row], name: str) -> Row:
    total = Row(key=0, name=name, registered=0, teams=0, team_members=0, team_certified=0)
    for row in rows:
        total.add(row)
    return total


def filter_rows_by_status(rows: list[Row], status: str) -> list[Row]:
    """At aggregated levels a status keeps the rows that have someone in it, most first."""
    if not status:
        return rows
    kept = [row for row in rows if row.status_count(status) > 0]
    return sorted(kept, key=lambda row: (-row.status_count(status), row.name))


# --- Freshness ------------------------------------------------------------------------------------


@dataclass
class Freshness:
    oldest: dt.datetime | None
    newest: dt.datetime | None

    @property
    def known(self) -> bool:
        return self.oldest is not None


def freshness(where: Q) -> Freshness:
    found = CommuneRefresh.objects.filter(where, refreshed_at__isnull=False).aggregate(
        oldest=Min("refreshed_at"), newest=Max("refreshed_at")
    )
    return Freshness(found["oldest"], found["newest"])


# --- Weekly completions ---------------------------------------------------------------------------


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekly_completions(where: Q, filters: Filters) -> list[tuple[dt.date, int]]:
    """Completions per week (Monday first), over the filter's dates or the last 12 weeks. One query.

    Here the date range is that of the completions themselves.
    """
    end = filters.date_to or timezone.localdate()
    start = filters.date_from or (week_start(end) - dt.timedelta(weeks=WEEKS_SHOWN - 1))
    start = max(week_start(start), week_start(end) - dt.timedelta(weeks=MAX_WEEKS - 1))
    rows = DailyProgress.objects.filter(where, team_id=filters.team_id or ALL_CADRES, day__gte=start, day__lte=end)
    if filters.course_key:
        rows = rows.filter(course_key=filters.course_key)
    if filters.unit_id:
        rows = rows.filter(unit_id=filters.unit_id)
    by_week: dict[dt.date, int] = defaultdict(int)
    for day, count in rows.values("day").annotate(n=Sum("completions")).order_by().values_list("day", "n"):
        by_week[week_start(day)] += count or 0
    weeks = []
    current = week_start(start)
    while current <= end:
        weeks.append((current, by_week.get(current, 0)))
        current += dt.timedelta(weeks=1)
    return weeks


# --- Targets --------------------------------------------------------------------------------------


@dataclass
class TargetLine:
    target: Target
    numerator: int
    denominator: int
    assessment: rag.Assessment
    at_risk: list[tuple[int, str, rag.Assessment]] = field(default_factory=list)
    at_risk_more: int = 0


def targets_for(
    *, user, province_ids=(), commune_ids=(), only_commune: int | None = None, only_communes=None, names=None
) -> list[TargetLine]:
    """Targets set on these provinces or communes (inside the user's scope), with progress and RAG.

    With ``only_commune`` (or ``only_communes``: communes the caller has checked are in the user's
    scope) the progress shown is those communes' own, and no commune at risk is listed. Two
    queries, plus one for the names of communes at risk when not given.
    """
    if only_commune is not None:
        only_communes = [only_commune]
    scope = scope_of(user)
    condition = Q(pk__in=[])
    if province_ids:
        condition |= Q(province_id__in=list(province_ids))
    if commune_ids:
        condition |= Q(commune_id__in=list(commune_ids))
    # Seen from one commune the caller has checked is in scope, a province's target shows that
    # commune's progress only (no other commune's), so a commune manager sees it too.
    if not scope.everything and only_communes is None:
        condition &= (
            Q(province_id__in=scope.province_ids)
            | Q(commune_id__in=scope.commune_ids)
            | Q(commune__province_id__in=scope.province_ids)
        )
    found = list(
        Target.objects.filter(condition).select_related("province", "commune", "unit").order_by("due_date", "pk")
    )
    if not found:
        return []
    progress = TargetProgress.objects.filter(target__in=found)
    if only_communes is not None:
        progress = progress.filter(commune_id__in=list(only_communes))
    per_target: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for target_id, commune_id, numerator, denominator in progress.values_list(
        "target_id", "commune_id", "numerator", "denominator"
    ):
        per_target[target_id].append((commune_id, numerator, denominator))
    today = timezone.localdate()
    lines = []
    wanted_names: set[int] = set()
    for target in found:
        rows = per_target.get(target.pk, [])
        numerator = sum(r[1] for r in rows)
        denominator = sum(r[2] for r in rows)
        common = {"percent": target.percent, "start": target.start_date, "due": target.due_date, "today": today}
        line = TargetLine(
            target, numerator, denominator, rag.assess(numerator=numerator, denominator=denominator, **common)
        )
        if target.province_id and only_communes is None:
            risky = []
            for commune_id, n, d in rows:
                assessment = rag.assess(numerator=n, denominator=d, **common)
                if assessment.at_risk:
                    risky.append((commune_id, assessment))
            risky.sort(key=lambda item: (item[1].status != rag.RED, -item[1].gap))
            line.at_risk_more = max(0, len(risky) - 10)
            line.at_risk = [(commune_id, "", assessment) for commune_id, assessment in risky[:10]]
            wanted_names.update(commune_id for commune_id, _a in risky[:10])
        lines.append(line)
    if wanted_names:
        known = names or {}
        missing = wanted_names - set(known)
        if missing:
            known = {**known, **dict(Commune.objects.filter(pk__in=missing).values_list("pk", "name"))}
        for line in lines:
            line.at_risk = [(pk, known.get(pk, str(pk)), assessment) for pk, _n, assessment in line.at_risk]
    return lines


def commune_targets(*, user, communes: list[tuple[int, int]]) -> list[TargetLine]:
    """The targets that apply to communes the caller has checked are in the user's scope, given as
    (commune id, province id): their own targets and their provinces' targets, each with those
    communes' progress only. The commune page and a commune manager's overview both show these."""
    if not communes:
        return []
    ids = [pk for pk, _province in communes]
    return targets_for(
        user=user,
        province_ids=sorted({province for _pk, province in communes}),
        commune_ids=ids,
        only_communes=ids,
    )


# --- Levels ---------------------------------------------------------------------------------------


@dataclass
class Level:
    rows: list[Row]
    total: Row
    freshness: Freshness
    extra: dict = field(default_factory=dict)


def overview(*, user, filters: Filters) -> dict:
    """The provinces of a manager's province scopes (every province for superusers), and the communes
    of their commune scopes. Constant queries."""
    scope = scope_of(user)
    provinces = Province.objects.current().order_by("name")
    if not scope.everything:
        provinces = provinces.filter(pk__in=scope.province_ids)
    provinces = list(provinces.values_list("pk", "name"))
    communes = []
    if scope.commune_ids and not scope.everything:
        communes = list(
            Commune.objects.current()
            .filter(pk__in=scope.commune_ids)
            .order_by("name")
            .values_list("pk", "name", "province__name", "province_id")
        )
    province_rows: list[Row] = []
    if provinces:
        ids = [pk for pk, _name in provinces]
        where = Q(province_id__in=ids)
        counts = enrolment_counts(where, "province_id", filters)
        people = people_counts(where, "province_id", filters)
        teams = team_counts(where, "province_id", "commune__province_id", Q(commune__province_id__in=ids), filters)
        province_rows = [
            _fill(Row(key=pk, name=name), counts.get(pk), people.get(pk), teams.get(pk, {})) for pk, name in provinces
        ]
    commune_rows: list[Row] = []
    if communes:
        ids = [pk for pk, _name, _province, _province_id in communes]
        where = Q(commune_id__in=ids)
        counts = enrolment_counts(where, "commune_id", filters)
        people = people_counts(where, "commune_id", filters)
        teams = team_counts(where, "commune_id", "commune_id", Q(commune_id__in=ids), filters)
        commune_rows = [
            _fill(Row(key=pk, name=name, note=province), counts.get(pk), people.get(pk), teams.get(pk, {}))
            for pk, name, province, _province_id in communes
        ]
    fresh_where = Q(pk__in=[])
    if scope.everything:
        fresh_where = Q()
    else:
        if scope.province_ids:
            fresh_where |= Q(province_id__in=scope.province_ids)
        if scope.commune_ids:
            fresh_where |= Q(commune_id__in=scope.commune_ids)
    all_rows = province_rows + commune_rows
    return {
        "province_rows": filter_rows_by_status(province_rows, filters.status),
        "commune_rows": filter_rows_by_status(commune_rows, filters.status),
        "total": total_of(all_rows, ""),
        "freshness": freshness(fresh_where),
        "targets": _overview_targets(user, scope, provinces, communes),
    }


def _overview_targets(user, scope: Scope, provinces: list, communes: list) -> list[TargetLine]:
    """The province scopes' targets (with their communes at risk), then the targets that apply to
    the communes of commune scopes outside those provinces: their own and their province's, with
    those communes' progress, as their commune pages show them. Two selector calls at most."""
    inside = [pk for pk, _n, _p, province_id in communes if province_id in scope.province_ids]
    own = [(pk, province_id) for pk, _n, _p, province_id in communes if province_id not in scope.province_ids]
    lines = targets_for(user=user, province_ids=[pk for pk, _n in provinces], commune_ids=inside) if provinces else []
    seen = {line.target.pk for line in lines}
    lines += [line for line in commune_targets(user=user, communes=own) if line.target.pk not in seen]
    return sorted(lines, key=lambda line: (line.target.due_date, line.target.pk))


def province_level(*, province: Province, user, filters: Filters) -> dict:
    communes = list(
        Commune.objects.current()
        .filter(province=province)
        .order_by("name")
        .values_list("pk", "name", "kind", "latitude", "longitude")
    )
    where = Q(province_id=province.pk)
    counts = enrolment_counts(where, "commune_id", filters)
    people = people_counts(where, "commune_id", filters)
    teams = team_counts(where, "commune_id", "commune_id", Q(commune__province_id=province.pk), filters)
    kinds = dict(Commune.Kind.choices)
    rows = [
        _fill(
            Row(
                key=pk,
                name=name,
                note=str(kinds.get(kind, "")),
                latitude=float(lat) if lat is not None else None,
                longitude=float(lon) if lon is not None else None,
            ),
            counts.get(pk),
            people.get(pk),
            teams.get(pk, {}),
        )
        for pk, name, kind, lat, lon in communes
    ]
    if filters.team_id:
        rows = [row for row in rows if row.key in counts or row.key in people]
    total = total_of(rows, province.name)
    names = {pk: name for pk, name, *_rest in communes}
    return {
        "rows": filter_rows_by_status(rows, filters.status),
        "all_rows": rows,
        "total": total,
        "weeks": weekly_completions(where, filters),
        "freshness": freshness(where),
        "targets": targets_for(user=user, province_ids=[province.pk], commune_ids=list(names), names=names),
    }


def commune_level(*, commune: Commune, user, filters: Filters, page: int = 1) -> dict:
    where = Q(commune_id=commune.pk)
    counts = enrolment_counts(where, "commune_id", filters).get(commune.pk)
    people = people_counts(where, "commune_id", filters).get(commune.pk)
    teams_summary = team_counts(where, "commune_id", "commune_id", Q(commune_id=commune.pk), filters).get(
        commune.pk, {}
    )
    total = _fill(Row(key=commune.pk, name=commune.name), counts, people, teams_summary)

    team_list = list(Team.objects.filter(commune=commune).order_by("name").values_list("pk", "name", "village"))
    team_rows_q = DailyProgress.objects.filter(commune_id=commune.pk, team_id__gt=0)
    if filters.team_id:
        team_rows_q = team_rows_q.filter(team_id=filters.team_id)
    if filters.course_key:
        team_rows_q = team_rows_q.filter(course_key=filters.course_key)
    if filters.unit_id:
        team_rows_q = team_rows_q.filter(unit_id=filters.unit_id)
    if filters.date_from:
        team_rows_q = team_rows_q.filter(day__gte=filters.date_from)
    if filters.date_to:
        team_rows_q = team_rows_q.filter(day__lte=filters.date_to)
    team_counts_by_id = {
        row.pop("team_id"): row for row in team_rows_q.values("team_id").annotate(**_counter_sums()).order_by()
    }
    team_people = PeopleCount.objects.filter(commune_id=commune.pk, team_id__gt=0)
    if filters.unit_id:
        team_people = team_people.filter(unit_id=filters.unit_id)
    people_by_team = {
        row.pop("team_id"): row
        for row in team_people.values("team_id")
        .annotate(registered=Sum("registered"), certified_any=Sum("certified_any"))
        .order_by()
    }
    team_rows = []
    for pk, name, village in team_list:
        if filters.team_id and pk != filters.team_id:
            continue
        row = _fill(Row(key=pk, name=name, note=village), team_counts_by_id.get(pk), people_by_team.get(pk), None)
        row.team_members = row.registered
        row.team_certified = (
            team_counts_by_id.get(pk, {}).get("certified", 0)
            if filters.course_key
            else people_by_team.get(pk, {}).get("certified_any", 0)
        ) or 0
        team_rows.append(row)

    people_qs = registered_cadres().filter(commune_id__in=commune_sources(commune))
    cadres = cadre_table(people=people_qs, filters=filters, page=page)
    return {
        "total": total,
        "team_rows": filter_rows_by_status(team_rows, filters.status),
        "team_choices": [(pk, name) for pk, name, _v in team_list],
        "cadres": cadres,
        "weeks": weekly_completions(where, filters),
        "freshness": freshness(where),
        "targets": commune_targets(user=user, communes=[(commune.pk, commune.province_id)]),
    }


def commune_sources(commune: Commune) -> list[int]:
    """The commune and the former communes that merged into it (one query; one step of history, as
    since 2025). A list, so that the planner sees the handful of ids and uses the commune indexes."""
    former = UnitSuccession.objects.filter(successor=commune, is_default=True).values_list("predecessor_id", flat=True)
    return [commune.pk, *former]


def team_level(*, team: Team, user, filters: Filters, page: int = 1) -> dict:
    where = Q(commune_id=team.commune_id)
    team_filters = Filters(
        course_key=filters.course_key,
        date_from=filters.date_from,
        date_to=filters.date_to,
        unit_id=filters.unit_id,
        team_id=team.pk,
        status=filters.status,
    )
    counts = enrolment_counts(where, "commune_id", team_filters).get(team.commune_id)
    people = people_counts(where, "commune_id", team_filters).get(team.commune_id)
    total = _fill(Row(key=team.pk, name=team.name), counts, people, None)
    members = User.objects.filter(
        Exists(TeamMembership.objects.filter(user_id=OuterRef("pk"), team=team)), is_active=True
    )
    return {
        "total": total,
        "members": cadre_table(people=members, filters=filters, page=page, team=team),
        "weeks": weekly_completions(where, team_filters),
        "freshness": freshness(where),
    }


# --- People (live, bounded by one commune) -----------------------------------------------------------


def _enrolment_q(filters: Filters, prefix: str = "enrollments__") -> Q:
    condition = Q(**{f"{prefix}withdrawn_at__isnull": True})
    if filters.course_key:
        condition &= Q(**{f"{prefix}course_key": filters.course_key})
    if filters.date_from:
        condition &= Q(**{f"{prefix}created_at__date__gte": filters.date_from})
    if filters.date_to:
        condition &= Q(**{f"{prefix}created_at__date__lte": filters.date_to})
    return condition


def status_exists(status: str, filters: Filters):
    """An EXISTS that is true for a person with at least one enrolment (or certificate) in ``status``."""
    today = timezone.localdate()
    if status == Status.CERTIFIED:
        certificates = Certificate.objects.filter(user_id=OuterRef("pk"), status=Certificate.Status.ISSUED)
        if filters.course_key:
            certificates = certificates.filter(course_key=filters.course_key)
        return Exists(certificates)
    enrolments = Enrollment.objects.filter(_enrolment_q(filters, prefix=""), user_id=OuterRef("pk"))
    enrolments = enrolments.filter(
        {
            Status.NOT_STARTED: Q(started_at__isnull=True, completed_at__isnull=True),
            Status.IN_PROGRESS: Q(started_at__isnull=False, completed_at__isnull=True),
            Status.COMPLETED: Q(completed_at__isnull=False),
            Status.OVERDUE: Q(due_date__lt=today, completed_at__isnull=True),
        }[status]
    )
    return Exists(enrolments)


@dataclass
class CadreTable:
    rows: list[dict]
    paginator: Paginator
    page: object


def cadre_people(*, people, filters: Filters, team: Team | None = None):
    """The people of a list once filtered (unit, team, status): what is counted and paginated."""
    if filters.unit_id:
        people = people.filter(unit_id=filters.unit_id)
    if filters.team_id and team is None:
        people = people.filter(Exists(TeamMembership.objects.filter(user_id=OuterRef("pk"), team_id=filters.team_id)))
    if filters.status:
        people = people.filter(status_exists(filters.status, filters))
    return people.order_by("full_name", "pk")


def cadre_queryset(*, people, filters: Filters, team: Team | None = None):
    """People with their enrolment counts. The counts join only these people's enrolments."""
    today = timezone.localdate()
    people = cadre_people(people=people, filters=filters, team=team)
    base = _enrolment_q(filters)
    certificates = Certificate.objects.filter(user_id=OuterRef("pk"), status=Certificate.Status.ISSUED)
    attempts = Attempt.objects.filter(user_id=OuterRef("pk"), status__in=GRADED)
    if filters.course_key:
        certificates = certificates.filter(course_key=filters.course_key)
        attempts = attempts.filter(course_key=filters.course_key)
    return (
        people.annotate(
            enrolled=Count("enrollments", filter=base),
            started=Count(
                "enrollments",
                filter=base & (Q(enrollments__started_at__isnull=False) | Q(enrollments__completed_at__isnull=False)),
            ),
            completed=Count("enrollments", filter=base & Q(enrollments__completed_at__isnull=False)),
            overdue=Count(
                "enrollments",
                filter=base & Q(enrollments__due_date__lt=today, enrollments__completed_at__isnull=True),
            ),
            certified=Coalesce(
                Subquery(certificates.order_by().values("user_id").annotate(n=Count("pk")).values("n")[:1]), 0
            ),
            best_score=Subquery(attempts.order_by().values("user_id").annotate(best=Max("score")).values("best")[:1]),
        )
        .select_related("unit", "commune")
        .order_by("full_name", "pk")
    )


def cadre_table(*, people, filters: Filters, page: int = 1, team: Team | None = None) -> CadreTable:
    """One page of people with their progress: two queries (how many, then the page with its counts)."""
    paginator = Paginator(cadre_people(people=people, filters=filters, team=team), PER_PAGE)
    current = paginator.get_page(page)
    start = (current.number - 1) * PER_PAGE
    rows = cadre_queryset(people=people, filters=filters, team=team)[start : start + PER_PAGE]
    return CadreTable(rows=[cadre_row(person) for person in rows], paginator=paginator, page=current)


def cadre_row(person) -> dict:
    return {
        "pk": person.pk,
        "full_name": person.full_name,
        "username": person.username,
        "phone": person.phone or "",
        "email": person.email or "",
        "position": person.position,
        "unit": person.unit.name if person.unit_id else "",
        "commune": person.commune.name if person.commune_id else "",
        "enrolled": person.enrolled,
        "in_progress": max(0, person.started - person.completed),
        "not_started": max(0, person.enrolled - person.started),
        "completed": person.completed,
        "certified": person.certified,
        "overdue": person.overdue,
        "best_score": float(person.best_score) if person.best_score is not None else None,
    }


# --- One cadre's enrolments (live, bounded by one cadre) ----------------------------------------------


@dataclass
class EnrolmentLine:
    enrollment: Enrollment
    course_title: str
    required_total: int
    required_done: int
    missing_steps: list[str]
    best_score: float | None
    passed: bool
    certificate: dict | None

    @property
    def percent(self) -> int:
        return progress_percent(
            completed=bool(self.enrollment.completed_at),
            required_done=self.required_done,
            required_total=self.required_total,
        )

    @property
    def status(self) -> str:
        e = self.enrollment
        if self.certificate and self.certificate["status"] == Certificate.Status.ISSUED:
            return Status.CERTIFIED
        if e.completed_at:
            return Status.COMPLETED
        if e.is_overdue:
            return Status.OVERDUE
        if e.started_at:
            return Status.IN_PROGRESS
        return Status.NOT_STARTED

    @property
    def status_label(self) -> str:
        return str(dict(Status.CHOICES)[self.status])


def enrolment_lines(user_ids: list[int], filters: Filters | None = None) -> dict[int, list[EnrolmentLine]]:
    """Each person's active enrolments with progress, missing required steps, best quiz score and
    certificate. Five queries, whatever the number of people, courses or steps."""
    filters = filters or Filters()
    enrolments = list(
        Enrollment.objects.filter(_enrolment_q(filters, prefix=""), user_id__in=user_ids)
        .select_related("course")
        .order_by("user_id", "completed_at", "due_date", "-created_at")
    )
    if not enrolments:
        return {}
    courses = {e.course_id: e.course for e in enrolments}
    prefix = reduce(or_, [Q(path__startswith=c.path, depth=c.depth + 1) for c in courses.values()])
    required: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pk, path, title in (
        StepPage.objects.live().filter(prefix, is_required=True).order_by("path").values_list("pk", "path", "title")
    ):
        required[path[: -StepPage.steplen]].append((pk, title))
    done = set(
        StepCompletion.objects.filter(user_id__in=user_ids, course_id__in=list(courses)).values_list(
            "user_id", "step_id"
        )
    )
    certificates = {}
    for user_id, course_key, code, status in (
        Certificate.objects.filter(user_id__in=user_ids)
        .exclude(status=Certificate.Status.SUPERSEDED)
        .order_by("pk")
        .values_list("user_id", "course_key", "code", "status")
    ):
        certificates[(user_id, course_key)] = {"code": code, "status": status}
    scores = {
        (row["user_id"], row["course_key"]): row
        for row in Attempt.objects.filter(user_id__in=user_ids, status__in=GRADED)
        .values("user_id", "course_key")
        .annotate(best=Max("score"), ok=Max(Case(When(passed=True, then=1), default=0, output_field=IntegerField())))
        .order_by()
    }
    lines: dict[int, list[EnrolmentLine]] = defaultdict(list)
    for e in enrolments:
        steps = required.get(e.course.path, [])
        missing = [title for pk, title in steps if (e.user_id, pk) not in done]
        score = scores.get((e.user_id, e.course_key))
        lines[e.user_id].append(
            EnrolmentLine(
                enrollment=e,
                course_title=e.course.title,
                required_total=len(steps),
                required_done=len(steps) - len(missing),
                missing_steps=missing if not e.completed_at else [],
                best_score=float(score["best"]) if score and score["best"] is not None else None,
                passed=bool(score and score["ok"]),
                certificate=certificates.get((e.user_id, e.course_key)),
            )
        )
    if filters.status:
        for user_id in list(lines):
            lines[user_id] = [
                line
                for line in lines[user_id]
                if line.status == filters.status
                or (filters.status == Status.COMPLETED and line.status == Status.CERTIFIED)
            ]
    return lines


# --- The team leader's page (public site) --------------------------------------------------------------


def led_teams(user) -> list[Team]:
    return list(
        Team.objects.filter(memberships__user=user, memberships__role=TeamMembership.Role.LEADER)
        .select_related("commune")
        .order_by("name")
    )


@dataclass
class MemberLine:
    membership: TeamMembership
    lines: list[EnrolmentLine]

    @property
    def overdue(self) -> int:
        return sum(1 for line in self.lines if line.status == Status.OVERDUE)

    @property
    def certificates(self) -> list[dict]:
        return [
            {"course": line.course_title, **line.certificate}
            for line in self.lines
            if line.certificate and line.certificate["status"] == Certificate.Status.ISSUED
        ]


def team_page(*, team: Team) -> list[MemberLine]:
    """Every member of one team with their courses, overdue steps and certificates. Six queries."""
    memberships = list(
        TeamMembership.objects.filter(team=team, user__is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name")  # "leader" before "member"
    )
    lines = enrolment_lines([m.user_id for m in memberships])
    return [MemberLine(membership=m, lines=lines.get(m.user_id, [])) for m in memberships]
