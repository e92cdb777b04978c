"""Dashboard filters: course, enrolment date range, unit, team and status, from GET parameters.

Filters live in the URL (``?course=…&from=2025-09-01&to=2025-09-30&unit=3&team=7&status=overdue``),
so a filtered view can be shared. A value that is out of range or in the wrong format is named in
a clear message and the view is shown unfiltered (never a 500).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

EARLIEST = dt.date(2000, 1, 1)
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]


class Status:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CERTIFIED = "certified"
    OVERDUE = "overdue"

    CHOICES = [
        (NOT_STARTED, _("Chưa bắt đầu")),
        (IN_PROGRESS, _("Đang học")),
        (COMPLETED, _("Đã hoàn thành")),
        (CERTIFIED, _("Đã có chứng nhận")),
        (OVERDUE, _("Quá hạn")),
    ]
    VALUES = [value for value, _label in CHOICES]


PARAMS = ("course", "from", "to", "unit", "team", "status")


@dataclass(frozen=True)
class Filters:
    course_key: uuid.UUID | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    unit_id: int | None = None
    team_id: int | None = None
    status: str = ""

    @property
    def any(self) -> bool:
        return any(value not in (None, "") for value in asdict(self).values())

    @property
    def needs_daily_rows(self) -> bool:
        """Date, unit and team need the fine-grained rows; the rest is served by the per-course totals."""
        return bool(self.date_from or self.date_to or self.unit_id or self.team_id)

    def params(self) -> dict[str, str]:
        values = {
            "course": str(self.course_key) if self.course_key else "",
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "unit": str(self.unit_id) if self.unit_id else "",
            "team": str(self.team_id) if self.team_id else "",
            "status": self.status,
        }
        return {key: value for key, value in values.items() if value}

    def querystring(self, **extra) -> str:
        params = {**self.params(), **{k: v for k, v in extra.items() if v not in (None, "")}}
        return f"?{urlencode(params)}" if params else ""

    def to_json(self) -> dict:
        return self.params()

    @classmethod
    def from_json(cls, data: dict) -> Filters:
        return cls(
            course_key=uuid.UUID(data["course"]) if data.get("course") else None,
            date_from=dt.date.fromisoformat(data["from"]) if data.get("from") else None,
            date_to=dt.date.fromisoformat(data["to"]) if data.get("to") else None,
            unit_id=int(data["unit"]) if data.get("unit") else None,
            team_id=int(data["team"]) if data.get("team") else None,
            status=data.get("status", ""),
        )


class FilterForm(forms.Form):
    course = forms.ChoiceField(label=_("Khóa học"), required=False)
    date_from = forms.DateField(label=_("Ghi danh từ ngày"), required=False, input_formats=DATE_FORMATS)
    date_to = forms.DateField(label=_("đến ngày"), required=False, input_formats=DATE_FORMATS)
    unit = forms.ChoiceField(label=_("Đơn vị"), required=False)
    team = forms.CharField(label=_("Tổ"), required=False, widget=forms.Select)
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Mọi trạng thái")), *Status.CHOICES]
    )

    def __init__(self, params, *, courses, units, teams, team_allowed):
        data = {
            "course": params.get("course", ""),
            "date_from": params.get("from", ""),
            "date_to": params.get("to", ""),
            "unit": params.get("unit", ""),
            "team": params.get("team", ""),
            "status": params.get("status", ""),
        }
        super().__init__(data)
        self.team_allowed = team_allowed
        self.fields["course"].choices = [("", _("Mọi khóa học")), *[(str(key), title) for key, title in courses]]
        self.fields["unit"].choices = [("", _("Mọi đơn vị")), *[(str(pk), name) for pk, name in units]]
        # Shareable URLs may name a team that is not among the choices shown on this page; it is
        # checked by ``team_allowed`` (inside the scope and the locality being viewed).
        self.fields["team"].widget.choices = [("", _("Mọi tổ")), *[(str(pk), name) for pk, name in teams]]
        messages = {
            "course": _("Khóa học đã chọn không có hoặc không còn tồn tại."),
            "unit": _("Đơn vị đã chọn không có."),
            "status": _("Trạng thái đã chọn không hợp lệ."),
        }
        for name, message in messages.items():
            self.fields[name].error_messages["invalid_choice"] = message
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = _(
                "Ngày phải theo dạng năm-tháng-ngày (2025-09-30) hoặc ngày/tháng/năm (30/09/2025)."
            )

    def clean_team(self):
        value = self.cleaned_data.get("team", "")
        if not value:
            return None
        try:
            team_id = int(value)
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Tổ đã chọn không hợp lệ."), code="invalid") from None
        if team_id <= 0 or not self.team_allowed(team_id):
            raise forms.ValidationError(_("Tổ đã chọn không thuộc địa bàn đang xem."), code="out_of_scope")
        return team_id

    def _clean_date(self, name):
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        latest = timezone.localdate() + dt.timedelta(days=366)
        if not EARLIEST <= value <= latest:
            raise forms.ValidationError(
                _("Ngày phải trong khoảng từ %(start)s đến %(end)s.")
                % {
                    "start": date_format(EARLIEST, "SHORT_DATE_FORMAT"),
                    "end": date_format(latest, "SHORT_DATE_FORMAT"),
                },
                code="range",
            )
        return value

    def clean_date_from(self):
        return self._clean_date("date_from")

    def clean_date_to(self):
        return self._clean_date("date_to")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."), code="order")
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            course_key=uuid.UUID(data["course"]) if data.get("course") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            unit_id=int(data["unit"]) if data.get("unit") else None,
            team_id=data.get("team"),
            status=data.get("status") or "",
        )

    def error_messages_list(self) -> list[str]:
        found = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            for error in errors:
                found.append(f"{label}: {error}" if label else str(error))
        return found


def parse_filters(params, *, courses, units, teams, team_allowed) -> tuple[Filters, FilterForm, list[str]]:
    """Filters from GET parameters. Any bad value: its message, and no filter at all (the unfiltered view)."""
    form = FilterForm(params, courses=courses, units=units, teams=teams, team_allowed=team_allowed)
    if not any(params.get(name) for name in PARAMS):
        form.is_valid()
        return Filters(), form, []
    if form.is_valid():
        return form.filters(), form, []
    errors = form.error_messages_list()
    empty = FilterForm({}, courses=courses, units=units, teams=teams, team_allowed=team_allowed)
    empty.is_valid()
    return Filters(), empty, errors
