"""The rows of every dashboard table, for exports (in the request or in a worker).

The same selectors the pages use, so an export holds exactly what the table shows (all pages of it).
Every object is looked up inside the exporting user's scope, again when a worker runs the export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import Team, TeamMembership, User
from accounts.scopes import commune_in_scope
from courses.models import Enrollment
from localities.models import Commune, Province, UnitSuccession

from . import coverage, selectors
from .filters import Filters, Status
from .models import Target

LEVEL_TABLES = {
    "overview": ("provinces", "scope_communes"),
    "province": ("communes", "progress", "no_team"),
    "commune": ("teams", "cadres", "progress"),
    "team": ("cadres", "progress"),
    "cadre": ("enrolments",),
    "targets": ("targets",),
}


class OutOfScope(LookupError):
    pass


def resolve(user, level: str, object_id: int | None):
    """The province, commune, team or cadre an export is about, if the user may see it."""
    if level in ("overview", "targets"):
        return None
    if level == "province":
        province = Province.objects.filter(pk=object_id).first()
        if province is None or not selectors.province_visible(user, province):
            raise OutOfScope(level)
        return province
    if level == "commune":
        commune = Commune.objects.filter(pk=object_id).first()
        if commune is None or not selectors.commune_visible(user, commune):
            raise OutOfScope(level)
        return commune
    if level == "team":
        team = Team.objects.select_related("commune").filter(pk=object_id).first()
        if team is None or not selectors.commune_visible(user, team.commune):
            raise OutOfScope(level)
        return team
    if level == "cadre":
        cadre = User.objects.select_related("commune").filter(pk=object_id).first()
        if cadre is None or cadre.commune is None or not commune_in_scope(user, cadre.commune):
            raise OutOfScope(level)
        return cadre
    raise OutOfScope(level)


@dataclass
class TableData:
    label: str
    count: int
    rows: Iterable[dict]


def locality_label(level: str, obj) -> str:
    if obj is None:
        return "tong-quan" if level == "overview" else "chi-tieu"
    return str(getattr(obj, "full_name", None) or getattr(obj, "name", obj))


def table_data(*, user, level: str, obj, table: str, filters: Filters) -> TableData:
    if table not in LEVEL_TABLES.get(level, ()):
        raise OutOfScope(table)
    if level == "overview":
        data = selectors.overview(user=user, filters=filters)
        rows = data["province_rows"] if table == "provinces" else data["commune_rows"]
        return TableData(locality_label(level, obj), len(rows), [row.as_dict() for row in rows])
    if table == "communes":
        rows = selectors.province_level(province=obj, user=user, filters=filters)["rows"]
        return TableData(obj.name, len(rows), [row.as_dict() for row in rows])
    if table == "no_team":
        rows = coverage.communes_without_team_rows(obj)
        return TableData(obj.name, len(rows), rows)
    if table == "teams":
        rows = selectors.commune_level(commune=obj, user=user, filters=filters)["team_rows"]
        return TableData(obj.name, len(rows), [row.as_dict() for row in rows])
    if table == "cadres":
        if level == "team":
            people = User.objects.filter(
                Exists(TeamMembership.objects.filter(user_id=OuterRef("pk"), team=obj)), is_active=True
            )
            queryset = selectors.cadre_queryset(people=people, filters=filters, team=obj)
        else:
            people = selectors.registered_cadres().filter(commune_id__in=selectors.commune_sources(obj))
            queryset = selectors.cadre_queryset(people=people, filters=filters)
        return TableData(
            obj.name, queryset.count(), (selectors.cadre_row(p) for p in queryset.iterator(chunk_size=500))
        )
    if table == "enrolments":
        lines = selectors.enrolment_lines([obj.pk], filters).get(obj.pk, [])
        return TableData(obj.full_name, len(lines), [_enrolment_row(line) for line in lines])
    if table == "progress":
        queryset = progress_queryset(level=level, obj=obj, filters=filters)
        return TableData(
            locality_label(level, obj), queryset.count(), (_progress_row(e) for e in queryset.iterator(chunk_size=2000))
        )
    if table == "targets":
        lines = targets_in_scope(user)
        return TableData(locality_label(level, obj), len(lines), [_target_row(line) for line in lines])
    raise OutOfScope(table)


def targets_in_scope(user) -> list[selectors.TargetLine]:
    """Every target that applies inside the user's scope, with the figures the other pages show.

    A province scope: its targets (with its communes at risk) and its communes' targets. The
    communes of commune scopes outside those provinces: their own targets and their province's,
    with those communes' progress only (``selectors.commune_targets``, as on the commune page and
    the overview), so a commune manager sees the province targets that bind them. Seeing a target
    is not owning it: the page offers deletion only where ``services.target_visible`` allows it.
    """
    scope = selectors.scope_of(user)
    if scope.everything:
        provinces = list(Province.objects.current().values_list("pk", flat=True))
        communes = list(Target.objects.filter(commune__isnull=False).values_list("commune_id", flat=True))
        return selectors.targets_for(user=user, province_ids=provinces, commune_ids=communes)
    provinces = list(scope.province_ids)
    lines = []
    if provinces:
        communes = list(Target.objects.filter(commune__province_id__in=provinces).values_list("commune_id", flat=True))
        lines = selectors.targets_for(user=user, province_ids=provinces, commune_ids=communes)
    own = list(
        Commune.objects.current()
        .filter(pk__in=list(scope.commune_ids))
        .exclude(province_id__in=provinces)
        .values_list("pk", "province_id")
    )
    seen = {line.target.pk for line in lines}
    lines += [line for line in selectors.commune_targets(user=user, communes=own) if line.target.pk not in seen]
    return sorted(lines, key=lambda line: (line.target.due_date, line.target.pk))


def _status_label(status: str) -> str:
    return str(dict(Status.CHOICES).get(status, ""))


def _enrolment_row(line) -> dict:
    e = line.enrollment
    return {
        "course": line.course_title,
        "source": e.get_source_display(),
        "enrolled_at": e.created_at,
        "started_at": e.started_at,
        "completed_at": e.completed_at,
        "due_date": e.due_date,
        "status": line.status_label,
        "percent": line.percent,
        "missing_steps": "; ".join(line.missing_steps),
        "best_score": line.best_score,
        "certificate": line.certificate["code"] if line.certificate else "",
    }


def progress_queryset(*, level: str, obj, filters: Filters):
    enrolments = Enrollment.objects.filter(withdrawn_at__isnull=True)
    if level == "province":
        former = UnitSuccession.objects.filter(
            successor__province=obj, successor__valid_to__isnull=True, is_default=True
        )
        sources = Commune.objects.filter(
            Q(province=obj, valid_to__isnull=True) | Q(pk__in=former.values("predecessor_id"))
        ).values("pk")
        enrolments = enrolments.filter(commune_id__in=sources)
    elif level == "commune":
        enrolments = enrolments.filter(commune_id__in=selectors.commune_sources(obj))
    elif level == "team":
        enrolments = enrolments.filter(Exists(TeamMembership.objects.filter(user_id=OuterRef("user_id"), team=obj)))
    if filters.course_key:
        enrolments = enrolments.filter(course_key=filters.course_key)
    if filters.date_from:
        enrolments = enrolments.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        enrolments = enrolments.filter(created_at__date__lte=filters.date_to)
    if filters.unit_id:
        enrolments = enrolments.filter(user__unit_id=filters.unit_id)
    if filters.team_id and level != "team":
        enrolments = enrolments.filter(
            Exists(TeamMembership.objects.filter(user_id=OuterRef("user_id"), team_id=filters.team_id))
        )
    today = timezone.localdate()
    if filters.status == Status.NOT_STARTED:
        enrolments = enrolments.filter(started_at__isnull=True, completed_at__isnull=True)
    elif filters.status == Status.IN_PROGRESS:
        enrolments = enrolments.filter(started_at__isnull=False, completed_at__isnull=True)
    elif filters.status == Status.COMPLETED:
        enrolments = enrolments.filter(completed_at__isnull=False)
    elif filters.status == Status.OVERDUE:
        enrolments = enrolments.filter(due_date__lt=today, completed_at__isnull=True)
    elif filters.status == Status.CERTIFIED:
        from certificates.models import Certificate

        enrolments = enrolments.filter(
            Exists(
                Certificate.objects.filter(
                    user_id=OuterRef("user_id"), course_key=OuterRef("course_key"), status=Certificate.Status.ISSUED
                )
            )
        )
    return enrolments.select_related("user", "user__unit", "commune", "course").order_by(
        "commune__name", "user__full_name", "pk"
    )


def _progress_row(e: Enrollment) -> dict:
    if e.completed_at:
        status = Status.COMPLETED
    elif e.is_overdue:
        status = Status.OVERDUE
    elif e.started_at:
        status = Status.IN_PROGRESS
    else:
        status = Status.NOT_STARTED
    return {
        "commune": e.commune.name if e.commune_id else "",
        "full_name": e.user.full_name,
        "username": e.user.username,
        "phone": e.user.phone or "",
        "unit": e.user.unit.name if e.user.unit_id else "",
        "course": e.course.title,
        "source": e.get_source_display(),
        "enrolled_at": e.created_at,
        "started_at": e.started_at,
        "completed_at": e.completed_at,
        "due_date": e.due_date,
        "status": _status_label(status),
    }


def _target_row(line) -> dict:
    target = line.target
    return {
        "locality": str(target.locality),
        "course": target.course_title or str(_all_courses()),
        "population": target.get_population_display(),
        "unit": target.unit.name if target.unit_id else "",
        "measure": target.get_measure_display(),
        "percent": target.percent,
        "start_date": target.start_date,
        "due_date": target.due_date,
        "numerator": line.numerator,
        "denominator": line.denominator,
        "actual": line.assessment.actual,
        "expected": line.assessment.expected,
        "status": str(line.assessment.label),
    }


def _all_courses():
    from django.utils.translation import gettext

    return gettext("Mọi khóa học")
