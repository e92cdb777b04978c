"""Spreadsheet exports of every dashboard table: Wagtail's ``SpreadsheetExportMixin`` with our overrides.

Wagtail's export writes XLSX formulas as text already, but its CSV has no BOM (Excel then garbles
Vietnamese) and no formula protection, and its XLSX datetimes are naive UTC. Here:

- Times are local (``Asia/Ho_Chi_Minh``) wall time, in both formats.
- CSV starts with a UTF-8 BOM; text cells are quoted, numbers are not.
- No cell is ever evaluated as a formula. XLSX: every text cell is a text cell (``data_type "s"``),
  whatever it starts with; numbers are number cells. CSV: a text that starts with ``= + - @``, a tab
  or a line break (or their full-width forms) gets a leading apostrophe, unless it is a plain
  signed number (``+84912345678``, ``-12.5``), which can only ever read as itself; numbers stay
  numbers (``-5``).
- Phone numbers stay intact: a text cell in XLSX (``+84912345678``, not the number 84912345678),
  and a quoted, unprefixed field in CSV.
- Characters XLSX cannot hold (control characters) are dropped rather than failing the export.

Every export is recorded as an ``ExportJob`` and in Wagtail's log (``reports.export``). Up to
``REPORTS_EXPORT_INLINE_MAX_ROWS`` rows are answered at once; larger exports run as a Celery task
writing a private file that expires after ``REPORTS_EXPORT_HOURS``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from accounts.spreadsheets import neutralise_formula
from accounts.text import ascii_slug, content_disposition

BOM = "\ufeff"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"


def inline_max_rows() -> int:
    return int(getattr(settings, "REPORTS_EXPORT_INLINE_MAX_ROWS", 2000))


def export_hours() -> int:
    return int(getattr(settings, "REPORTS_EXPORT_HOURS", 24))


def local_naive(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def csv_value(value):
    """What a CSV cell holds: numbers as numbers, text guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.datetime):
        return local_naive(value).strftime(DATETIME_FORMAT)
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise_formula(str(value))


def xlsx_value(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return local_naive(value)
    if isinstance(value, int | float | dt.date):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


@dataclass(frozen=True)
class Column:
    name: str
    heading: object


class ReportSpreadsheet(SpreadsheetExportMixin):
    """Wagtail's spreadsheet export used outside a view: rows are dicts, columns are given."""

    def __init__(self, columns: list[Column], filename: str):
        self.list_export = [column.name for column in columns]
        self.export_headings = {column.name: column.heading for column in columns}
        self.export_filename = filename

    def preprocess_field_value(self, field, value, export_format):
        if export_format == self.FORMAT_CSV:
            return csv_value(value)
        return xlsx_value(value)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, whatever it starts with: never a formula
            elif isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            yield cell

    def stream_csv(self, queryset):
        buffer = _Line()
        writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
        yield BOM.encode("utf-8")
        yield writer.writerow([str(self.get_heading(queryset, name)) for name in self.list_export])
        for item in queryset:
            row = self.to_row_dict(item)
            yield writer.writerow(
                [self.preprocess_field_value(name, value, self.FORMAT_CSV) for name, value in row.items()]
            )

    def csv_bytes(self, rows) -> bytes:
        return b"".join(self.stream_csv(rows))

    def xlsx_bytes(self, rows) -> bytes:
        output = io.BytesIO()
        self.write_xlsx(rows, output)
        return output.getvalue()

    def response(self, rows, export_format: str):
        response = self.as_spreadsheet(rows, export_format)
        if export_format == self.FORMAT_CSV:
            response["Content-Type"] = "text/csv; charset=utf-8"
        response["Content-Disposition"] = content_disposition(f"{self.get_filename()}.{export_format}")
        response["Cache-Control"] = "private, no-store"
        return response


class _Line:
    """A file-like object whose ``write`` returns what it was given, encoded (for streaming)."""

    def write(self, value):
        return value.encode("utf-8")


def filename_for(label: str, export_format: str | None = None) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    base = f"bao-cao-{ascii_slug(label, limit=80) or 'kns'}-{stamp}"
    return f"{base}.{export_format}" if export_format else base


# --- Columns of each table ------------------------------------------------------------------------

LOCALITY_METRICS = [
    Column("registered", _("Cán bộ đăng ký")),
    Column("assigned", _("Lượt được giao")),
    Column("enrolled", _("Lượt ghi danh")),
    Column("not_started", _("Chưa bắt đầu")),
    Column("in_progress", _("Đang học")),
    Column("completed", _("Hoàn thành")),
    Column("certified", _("Có chứng nhận")),
    Column("completion_rate", _("Tỷ lệ hoàn thành (%)")),
    Column("average_best_score", _("Điểm cao nhất trung bình (%)")),
    Column("pass_rate", _("Tỷ lệ đạt bài kiểm tra (%)")),
    Column("overdue", _("Quá hạn")),
]
TEAM_METRICS = [
    Column("teams", _("Số tổ")),
    Column("team_members", _("Thành viên tổ")),
    Column("team_certified_share", _("Thành viên tổ có chứng nhận (%)")),
]

TABLE_COLUMNS = {
    "provinces": [Column("name", _("Tỉnh, thành phố")), *LOCALITY_METRICS, *TEAM_METRICS],
    "scope_communes": [Column("name", _("Xã, phường")), Column("note", _("Tỉnh")), *LOCALITY_METRICS, *TEAM_METRICS],
    "communes": [Column("name", _("Xã, phường")), Column("note", _("Loại")), *LOCALITY_METRICS, *TEAM_METRICS],
    "teams": [
        Column("name", _("Tổ")),
        Column("note", _("Thôn, tổ dân phố")),
        Column("registered", _("Thành viên")),
        *LOCALITY_METRICS[1:],
        Column("team_certified_share", _("Thành viên có chứng nhận (%)")),
    ],
    "cadres": [
        Column("full_name", _("Họ và tên")),
        Column("username", _("Tên đăng nhập")),
        Column("phone", _("Số điện thoại")),
        Column("email", _("Thư điện tử")),
        Column("position", _("Chức vụ")),
        Column("unit", _("Đơn vị")),
        Column("commune", _("Xã, phường")),
        Column("enrolled", _("Khóa đã ghi danh")),
        Column("not_started", _("Chưa bắt đầu")),
        Column("in_progress", _("Đang học")),
        Column("completed", _("Hoàn thành")),
        Column("certified", _("Có chứng nhận")),
        Column("overdue", _("Quá hạn")),
        Column("best_score", _("Điểm kiểm tra cao nhất (%)")),
    ],
    "enrolments": [
        Column("course", _("Khóa học")),
        Column("source", _("Hình thức")),
        Column("enrolled_at", _("Ghi danh lúc")),
        Column("started_at", _("Bắt đầu lúc")),
        Column("completed_at", _("Hoàn thành lúc")),
        Column("due_date", _("Hạn hoàn thành")),
        Column("status", _("Trạng thái")),
        Column("percent", _("Tiến độ (%)")),
        Column("missing_steps", _("Bước bắt buộc chưa xong")),
        Column("best_score", _("Điểm kiểm tra cao nhất (%)")),
        Column("certificate", _("Mã chứng nhận")),
    ],
    "progress": [
        Column("commune", _("Xã, phường khi ghi danh")),
        Column("full_name", _("Họ và tên")),
        Column("username", _("Tên đăng nhập")),
        Column("phone", _("Số điện thoại")),
        Column("unit", _("Đơn vị")),
        Column("course", _("Khóa học")),
        Column("source", _("Hình thức")),
        Column("enrolled_at", _("Ghi danh lúc")),
        Column("started_at", _("Bắt đầu lúc")),
        Column("completed_at", _("Hoàn thành lúc")),
        Column("due_date", _("Hạn hoàn thành")),
        Column("status", _("Trạng thái")),
    ],
    "no_team": [
        Column("name", _("Xã, phường")),
        Column("kind", _("Loại")),
        Column("registered", _("Cán bộ đăng ký")),
    ],
    "targets": [
        Column("locality", _("Địa bàn")),
        Column("course", _("Khóa học")),
        Column("population", _("Đối tượng")),
        Column("unit", _("Đơn vị")),
        Column("measure", _("Chỉ tiêu")),
        Column("percent", _("Tỷ lệ mục tiêu (%)")),
        Column("start_date", _("Tính từ ngày")),
        Column("due_date", _("Hạn")),
        Column("numerator", _("Đã đạt (người)")),
        Column("denominator", _("Số người trong nhóm")),
        Column("actual", _("Đã đạt (%)")),
        Column("expected", _("Cần đạt đến hôm nay (%)")),
        Column("status", _("Đánh giá")),
    ],
}

TABLE_LABELS = {
    "provinces": _("tổng hợp theo tỉnh"),
    "scope_communes": _("tổng hợp theo xã, phường"),
    "communes": _("tổng hợp theo xã, phường"),
    "teams": _("tổng hợp theo tổ"),
    "cadres": _("danh sách cán bộ"),
    "enrolments": _("các khóa học của cán bộ"),
    "progress": _("chi tiết từng lượt ghi danh"),
    "targets": _("chỉ tiêu"),
    "no_team": _("xã, phường chưa có Tổ công nghệ số cộng đồng"),
}


def spreadsheet(table: str, label: str) -> ReportSpreadsheet:
    return ReportSpreadsheet(TABLE_COLUMNS[table], filename_for(label))
