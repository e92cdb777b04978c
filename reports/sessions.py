"""Training sessions in the dashboards: held, invited, attended and the attendance rate per province,
commune and team, the commune's upcoming and past sessions, and their export (docs/training-sessions.md).

Live counts over sessions that have started (``starts_at`` passed), a fixed number of queries per page
whatever the number of sessions: sessions are a few per commune and month, so no summary table.

- held: sessions that have started, in the area (a team: sessions any of its members was invited to);
- invited: invitations to those sessions (a team: its members' invitations);
- attended: attendances at them, walk-ins included (a team: its members');
- rate: the share of invitations whose invitee attended.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.access import access, scoped
from accounts.models import Team, TeamMembership
from accounts.roles import MANAGERS
from accounts.spreadsheets import csv_bytes, local_naive, neutralise_formula
from blended.models import Attendance, Invitation, TrainingSession
from localities.models import Commune, Province

from . import audit
from .selectors import commune_visible, province_visible

RECENT = 20


@dataclass
class SessionRow:
    key: int
    name: str
    held: int = 0
    invited: int = 0
    invited_attended: int = 0
    attended: int = 0

    @property
    def rate(self) -> float | None:
        """Per cent of invitations whose invitee attended (None when nobody was invited)."""
        return 100 * self.invited_attended / self.invited if self.invited else None


def _held(now=None):
    return TrainingSession.objects.filter(starts_at__lte=now or timezone.now())


def _fill(rows: dict[int, SessionRow], sessions, key: str) -> None:
    """Held, invited and attended per ``key`` (a path from a session to the grouping). Three queries."""
    attended = Attendance.objects.filter(session_id=OuterRef("session_id"), user_id=OuterRef("user_id"))
    group = f"session__{key}"
    for pk, n in sessions.values(key).annotate(n=Count("pk")).values_list(key, "n"):
        if pk in rows:
            rows[pk].held = n
    invitations = (
        Invitation.objects.filter(session__in=sessions)
        .annotate(attended_flag=Exists(attended))
        .values(group)
        .annotate(n=Count("pk"), came=Count("pk", filter=Q(attended_flag=True)))
    )
    for pk, n, came in invitations.values_list(group, "n", "came"):
        if pk in rows:
            rows[pk].invited, rows[pk].invited_attended = n, came
    for pk, n in (
        Attendance.objects.filter(session__in=sessions).values(group).annotate(n=Count("pk")).values_list(group, "n")
    ):
        if pk in rows:
            rows[pk].attended = n


def _fill_teams(rows: dict[int, SessionRow]) -> None:
    """Per team, its members' invitations and attendance at held sessions. Three queries; a cadre in two
    teams counts in both."""
    teams_of: dict[int, list[int]] = {}
    for user_id, team_id in TeamMembership.objects.filter(team_id__in=list(rows)).values_list("user_id", "team_id"):
        teams_of.setdefault(user_id, []).append(team_id)
    if not teams_of:
        return
    held = _held()
    attended = Attendance.objects.filter(session_id=OuterRef("session_id"), user_id=OuterRef("user_id"))
    sessions: dict[int, set] = {pk: set() for pk in rows}
    for user_id, session_id, came in (
        Invitation.objects.filter(session__in=held, user_id__in=list(teams_of))
        .annotate(attended_flag=Exists(attended))
        .values_list("user_id", "session_id", "attended_flag")
    ):
        for team_id in teams_of[user_id]:
            rows[team_id].invited += 1
            rows[team_id].invited_attended += bool(came)
            sessions[team_id].add(session_id)
    for user_id, session_id in Attendance.objects.filter(session__in=held, user_id__in=list(teams_of)).values_list(
        "user_id", "session_id"
    ):
        for team_id in teams_of[user_id]:
            rows[team_id].attended += 1
            sessions[team_id].add(session_id)
    for team_id, held_ids in sessions.items():
        rows[team_id].held = len(held_ids)


def _total(rows: list[SessionRow], name: str) -> SessionRow:
    total = SessionRow(key=0, name=name)
    for row in rows:
        total.held += row.held
        total.invited += row.invited
        total.invited_attended += row.invited_attended
        total.attended += row.attended
    return total


def overview_rows(provinces) -> list[SessionRow]:
    """One row per province of the overview (``provinces``: its rows, with ``key`` and ``name``). Three queries."""
    rows = {row.key: SessionRow(row.key, row.name) for row in provinces}
    if rows:
        _fill(rows, _held().filter(commune__province_id__in=list(rows)), "commune__province_id")
    return sorted(rows.values(), key=lambda r: r.name)


def province_rows(province: Province) -> list[SessionRow]:
    """One row per current commune of the province that held a session or was invited to one."""
    rows = {
        pk: SessionRow(pk, name)
        for pk, name in Commune.objects.filter(province=province, valid_to__isnull=True).values_list("pk", "name")
    }
    _fill(rows, _held().filter(commune__province=province), "commune_id")
    return sorted((r for r in rows.values() if r.held or r.invited), key=lambda r: r.name)


def commune_team_rows(commune: Commune) -> list[SessionRow]:
    """One row per team of the commune: its members' invitations and attendance."""
    rows = {pk: SessionRow(pk, name) for pk, name in Team.objects.filter(commune=commune).values_list("pk", "name")}
    if rows:
        _fill_teams(rows)
    return sorted(rows.values(), key=lambda r: r.name)


def commune_row(commune: Commune) -> SessionRow:
    rows = {commune.pk: SessionRow(commune.pk, commune.name)}
    _fill(rows, _held().filter(commune=commune), "commune_id")
    return rows[commune.pk]


def commune_sessions(commune: Commune) -> dict:
    """The commune's upcoming sessions and its latest past ones, with their counts. Two queries."""
    now = timezone.now()
    base = TrainingSession.objects.filter(commune=commune).select_related("trainer", "course")
    counted = base.annotate(
        invited_count=Count("invitations", distinct=True), attended_count=Count("attendances", distinct=True)
    )
    return {
        "upcoming": list(counted.filter(ends_at__gte=now).order_by("starts_at")[:RECENT]),
        "past": list(counted.filter(ends_at__lt=now).order_by("-starts_at")[:RECENT]),
    }


def report(level: str, obj) -> dict:
    """What the dashboard's training-sessions section shows at ``level`` for ``obj``."""
    if level == "overview":
        rows = overview_rows(obj)
        return {"rows": rows, "total": _total(rows, _("Tổng")), "name_heading": _("Tỉnh, thành phố")}
    if level == "province":
        rows = province_rows(obj)
        return {"rows": rows, "total": _total(rows, obj.name), "name_heading": _("Xã, phường")}
    if level == "commune":
        rows = commune_team_rows(obj)
        return {
            "rows": rows,
            "total": commune_row(obj),
            "name_heading": _("Tổ"),
            "sessions": commune_sessions(obj),
        }
    if level == "team":
        rows = {obj.pk: SessionRow(obj.pk, obj.name)}
        _fill_teams(rows)
        return {"rows": [], "total": rows[obj.pk], "name_heading": _("Tổ")}
    raise ValueError(level)


def render_section(*, request, level: str, obj, can_export: bool) -> str:
    data = report(level, obj)
    return render_to_string(
        "reports/admin/_sessions.html",
        {**data, "level": level, "object": obj, "can_export": can_export and level in EXPORT_LEVELS},
        request=request,
    )


# --- Export ---------------------------------------------------------------------------------------------

EXPORT_LEVELS = {"province": Province, "commune": Commune}


def _header() -> list[str]:
    return [_("Nơi"), _("Buổi đã tổ chức"), _("Lượt mời"), _("Lượt có mặt"), _("Tỷ lệ có mặt (%)")]


def _export_rows(data: dict) -> list[list]:
    def line(row: SessionRow):
        rate = "" if row.rate is None else round(row.rate, 1)
        return [row.name, row.held, row.invited, row.attended, rate]

    lines = [line(row) for row in data["rows"]]
    lines.append(line(data["total"]))
    if "sessions" in data:
        lines.append([])
        lines.append([_("Buổi học"), _("Bắt đầu"), _("Địa điểm"), _("Lượt mời"), _("Lượt có mặt")])
        for session in data["sessions"]["upcoming"] + data["sessions"]["past"]:
            lines.append(
                [
                    session.title,
                    local_naive(session.starts_at),
                    session.place,
                    session.invited_count,
                    session.attended_count,
                ]
            )
    return lines


def _xlsx(header: list[str], rows: list[list]) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in [header, *rows]:
        sheet.append([neutralise_formula(v) if isinstance(v, str) else v for v in line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@access(scoped(MANAGERS))
def sessions_export(request, level, pk):
    """POST (like every dashboard export: a log entry is written): the level's table as CSV or XLSX.

    A GET starts nothing: it goes back to the dashboard page the export belongs to.
    """
    model = EXPORT_LEVELS.get(level)
    if model is None:
        raise Http404
    user = request.user
    obj = get_object_or_404(model, pk=pk)
    visible = province_visible(user, obj) if level == "province" else commune_visible(user, obj)
    if not visible:
        raise Http404
    if request.method != "POST":
        return redirect(f"reports_admin:{level}", pk=obj.pk)
    if not (user.is_superuser or user.has_perm("reports.export_reports")):
        raise PermissionDenied
    export_format = request.POST.get("export")
    if export_format not in ("csv", "xlsx"):
        return HttpResponseBadRequest(_("Định dạng tệp không hợp lệ."))
    rows = _export_rows(report(level, obj))
    name = f"buoi-hoc-{slugify(obj.name) or obj.pk}"
    log(
        instance=obj,
        action=audit.EXPORT,
        user=user,
        data={"format": export_format, "object": obj.name, "table": "sessions", "rows": len(rows), "scope": level},
    )
    if export_format == "csv":
        response = HttpResponse(csv_bytes(_header(), rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            _xlsx(_header(), rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{export_format}"'
    return response
