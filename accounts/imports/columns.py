"""The cadre file's columns (docs/people.md), how headers are recognised, and the downloadable templates.

Headers are matched without regard to case, accents, spaces or punctuation, so
"Họ và tên", "HO VA TEN" and "full_name" are the same column. Unknown columns are
refused: a misspelt column must not be silently ignored.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from anyascii import anyascii
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy Vietnamese header, as written in the template
    aliases: tuple[str, ...]
    help: object
    example: str = ""


COLUMNS: tuple[Column, ...] = (
    Column(
        "username",
        _("Tên đăng nhập"),
        ("username", "tendangnhap", "taikhoan"),
        _("Tuỳ chọn. Chữ, số và . @ + - _; nếu để trống, dùng số điện thoại (dạng 0912345678)."),
        "lan.nguyen",
    ),
    Column(
        "full_name",
        _("Họ và tên"),
        ("fullname", "hovaten", "hoten", "name"),
        _("Bắt buộc. Viết đầy đủ, có dấu."),
        "Nguyễn Thị Lan",
    ),
    Column(
        "phone",
        _("Số điện thoại"),
        ("phone", "sodienthoai", "dienthoai", "sdt", "mobile"),
        _("Cần số điện thoại hoặc tên đăng nhập. Mọi cách viết thông dụng: 0912 345 678, +84 912 345 678."),
        "0912 345 678",
    ),
    Column(
        "email",
        _("Thư điện tử"),
        ("email", "thudientu", "mail"),
        _("Tuỳ chọn. Dùng để tự đặt lại mật khẩu."),
        "",
    ),
    Column(
        "position",
        _("Chức vụ"),
        ("position", "chucvu"),
        _("Tuỳ chọn."),
        "Công chức văn hóa - xã hội",
    ),
    Column(
        "unit",
        _("Đơn vị"),
        ("unit", "donvi", "coquan"),
        _("Tuỳ chọn. Tên cơ quan, đoàn thể; tạo mới nếu chưa có."),
        "Ban Tuyên giáo và Dân vận",
    ),
    Column(
        "commune_code",
        _("Mã xã, phường"),
        ("communecode", "maxaphuong", "maxa", "maphuong", "maxaphuongdackhu", "commune"),
        _("Bắt buộc. Mã chính thức của xã, phường, đặc khu hiện hành (5 chữ số), trong phạm vi bạn quản lý."),
        "07246",
    ),
    Column(
        "team",
        _("Tổ công nghệ số"),
        ("team", "tocongngheso", "tocongnghesocongdong", "to"),
        _("Tuỳ chọn. Tên tổ trong xã, phường đó; tạo mới nếu chưa có."),
        "Tổ công nghệ số cộng đồng thôn Đông",
    ),
    Column(
        "team_role",
        _("Vai trò trong tổ"),
        ("teamrole", "vaitrotrongto"),
        _("«Tổ trưởng» hoặc «Thành viên» (mặc định)."),
        "Thành viên",
    ),
    Column(
        "role",
        _("Vai trò"),
        ("role", "vaitro"),
        _("«Cán bộ» (mặc định cho người mới) hoặc «Tổ trưởng»; vai trò được thêm, không bị bớt."),
        "Cán bộ",
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED = ("full_name", "commune_code")
IDENTIFIERS = ("phone", "username")  # at least one of these columns

_NON_ALNUM = re.compile(r"[^a-z0-9]")


def fold(text: str) -> str:
    """ "Họ và tên " → "hovaten": case, accents, spaces and punctuation removed (đ → d)."""
    return _NON_ALNUM.sub("", anyascii(str(text or "")).lower())


_ALIASES = {alias: column.key for column in COLUMNS for alias in (*column.aliases, fold(str(column.label)))}


def column_for_header(header: str) -> str | None:
    return _ALIASES.get(fold(header))


def header_row() -> list[str]:
    return [str(column.label) for column in COLUMNS]


def template_csv() -> bytes:
    """The CSV template: the header row only, UTF-8 with a BOM so that Excel shows the diacritics."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(header_row())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    """The XLSX template: a "Cán bộ" sheet with the headers (every column formatted as text, so
    phone numbers and commune codes keep their leading zero), and a "Hướng dẫn" sheet explaining them."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Cán bộ"))
    sheet.append(header_row())
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(16, len(str(column.label)) + 4)
        sheet.column_dimensions[letter].number_format = "@"
        sheet.cell(row=1, column=index).font = Font(bold=True)
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet(str(_("Hướng dẫn")))
    guide.append([str(_("Cột")), str(_("Mã cột")), str(_("Ý nghĩa")), str(_("Ví dụ"))])
    for column in COLUMNS:
        row = [str(column.label), column.key, str(column.help), column.example]
        guide.append(row)
        for cell in guide[guide.max_row]:
            cell.data_type = "s"  # an example such as "+84 ..." is text, never a formula
    for letter, width in zip("ABCD", (22, 14, 90, 34), strict=True):
        guide.column_dimensions[letter].width = width
    for cell in guide[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
