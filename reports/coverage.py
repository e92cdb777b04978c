"""Team coverage: the programme's own goal, a Tổ công nghệ số cộng đồng in every commune and ward.

Reads for the coverage panels of the province and commune pages (and the export of the communes
without a team), each in a fixed number of queries whatever the number of communes, teams or people:

- which current communes of a province have a team: one grouped count over ``Team`` joined to the
  province's communes (bounded by its communes and teams, a few hundred rows at most);
- registered cadres per commune, members per team and how many of them hold a certificate: one
  grouped read of the place's ``PeopleCount`` summary rows (all cadres, the teams ``team_id > 0``,
  and the members of any team each once, ``ANY_TEAM``), as the rest of the dashboard, so the figures
  are as fresh as the page says.

Coverage is about teams, not courses: the page's filters (course, dates, unit, team, status) do not
change it, and "certified" means holding an issued certificate in any course.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from accounts.models import Team
from localities.models import Commune, Province

from .models import ALL_CADRES, ANY_TEAM, PeopleCount

# Team sizes (members) grouped for the chart: (lowest, highest or None, label).
SIZE_BANDS = [(0, 0, "0"), (1, 4, "1–4"), (5, 9, "5–9"), (10, 19, "10–19"), (20, None, "≥ 20")]


def share(part: int, whole: int) -> float | None:
    """A percentage with one decimal, or None when there is nothing to divide."""
    return round(100 * part / whole, 1) if whole else None


@dataclass
class KindCoverage:
    kind: str
    label: str
    total: int = 0
    with_team: int = 0

    @property
    def without_team(self) -> int:
        return self.total - self.with_team

    @property
    def share(self) -> float | None:
        return share(self.with_team, self.total)


@dataclass
class TeamLine:
    pk: int
    name: str
    village: str
    commune_id: int
    members: int = 0
    certified: int = 0

    @property
    def certified_share(self) -> float | None:
        return share(self.certified, self.members)


@dataclass
class Coverage:
    """Coverage of one province (every current commune) or one commune (``communes`` is 1)."""

    communes: int = 0
    communes_with_team: int = 0
    kinds: list[KindCoverage] = field(default_factory=list)
    # Communes without a team: dicts with pk, name, kind (label), registered cadres.
    without_team: list[dict] = field(default_factory=list)
    # (pk, name, latitude, longitude, has_team) of every commune, for the map.
    points: list[tuple] = field(default_factory=list)
    teams: int = 0
    members: int = 0  # members of any team, each once
    certified: int = 0  # of them, those holding an issued certificate
    team_lines: list[TeamLine] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        return share(self.communes_with_team, self.communes)

    @property
    def certified_share(self) -> float | None:
        return share(self.certified, self.members)

    @property
    def members_per_team(self) -> float | None:
        return round(self.members / self.teams, 1) if self.teams else None

    @property
    def size_bands(self) -> list[tuple[str, int]]:
        counts = []
        for low, high, label in SIZE_BANDS:
            counts.append(
                (label, sum(1 for t in self.team_lines if t.members >= low and (high is None or t.members <= high)))
            )
        return counts


@dataclass
class _People:
    registered: dict[int, int]  # commune id → registered cadres
    teams: dict[int, tuple[int, int]]  # team id → (members, certified)
    members: int  # members of any team, each once
    certified: int


def _people(where: Q) -> _People:
    """Every ``PeopleCount`` row of the place, summed by commune and team (all cadres, any team, each
    team): one query, bounded by communes × 2 + teams."""
    people = _People(registered={}, teams={}, members=0, certified=0)
    for row in (
        PeopleCount.objects.filter(where)
        .values("commune_id", "team_id")
        .annotate(registered_sum=Sum("registered"), certified_sum=Sum("certified_any"))
        .order_by()
    ):
        registered, certified = row["registered_sum"] or 0, row["certified_sum"] or 0
        if row["team_id"] == ALL_CADRES:
            people.registered[row["commune_id"]] = registered
        elif row["team_id"] == ANY_TEAM:
            people.members += registered
            people.certified += certified
        else:
            people.teams[row["team_id"]] = (registered, certified)
    return people


def _team_lines(teams_where: Q, people: _People) -> list[TeamLine]:
    """Every team with its members and certified members (summary rows). One query."""
    lines = [
        TeamLine(pk=pk, name=name, village=village, commune_id=commune_id)
        for pk, name, village, commune_id in Team.objects.filter(teams_where)
        .order_by("name", "pk")
        .values_list("pk", "name", "village", "commune_id")
    ]
    for line in lines:
        line.members, line.certified = people.teams.get(line.pk, (0, 0))
    return lines


def province_coverage(province: Province) -> Coverage:
    """Every current commune and ward of the province: with a team or not, the list of those without
    one (with their registered cadres), and the province's teams with members and certified members.
    Three queries, whatever the number of communes, teams or people."""
    communes = list(
        Commune.objects.current()
        .filter(province=province)
        .annotate(team_count=Count("teams"))
        .order_by("name", "pk")
        .values_list("pk", "name", "kind", "latitude", "longitude", "team_count")
    )
    people = _people(Q(province_id=province.pk))
    labels = dict(Commune.Kind.choices)
    kinds: dict[str, KindCoverage] = {}
    coverage = Coverage(communes=len(communes))
    for pk, name, kind, latitude, longitude, team_count in communes:
        entry = kinds.setdefault(kind, KindCoverage(kind=kind, label=str(labels.get(kind, kind))))
        entry.total += 1
        if team_count:
            entry.with_team += 1
            coverage.communes_with_team += 1
        else:
            coverage.without_team.append(
                {"pk": pk, "name": name, "kind": entry.label, "registered": people.registered.get(pk, 0)}
            )
        coverage.points.append(
            (
                pk,
                name,
                float(latitude) if latitude is not None else None,
                float(longitude) if longitude is not None else None,
                bool(team_count),
            )
        )
    order = [value for value, _label in Commune.Kind.choices]
    coverage.kinds = sorted(kinds.values(), key=lambda k: order.index(k.kind) if k.kind in order else len(order))
    coverage.team_lines = _team_lines(Q(commune__province=province, commune__valid_to__isnull=True), people)
    coverage.teams = len(coverage.team_lines)
    coverage.members, coverage.certified = people.members, people.certified
    return coverage


def commune_coverage(commune: Commune) -> Coverage:
    """One commune: whether it has a team, its teams with members and certified members. Two queries."""
    people = _people(Q(commune_id=commune.pk))
    team_lines = _team_lines(Q(commune=commune), people)
    kind = KindCoverage(
        kind=commune.kind,
        label=str(dict(Commune.Kind.choices).get(commune.kind, commune.kind)),
        total=1,
        with_team=1 if team_lines else 0,
    )
    return Coverage(
        communes=1,
        communes_with_team=kind.with_team,
        kinds=[kind],
        teams=len(team_lines),
        members=people.members,
        certified=people.certified,
        team_lines=team_lines,
    )


def communes_without_team_rows(province: Province) -> list[dict]:
    """The export of the communes and wards without a team (the same list the page shows)."""
    return province_coverage(province).without_team
