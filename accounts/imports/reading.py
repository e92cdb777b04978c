"""From an uploaded file to a table of text cells, refusing whatever cannot be read safely.

What a file is is decided from its bytes, not its name: a ZIP container is read as XLSX (after
checking its directory for a zip bomb), an OLE2 container (Excel 97-2003, or a password-protected
workbook) is refused, anything else is CSV text, which must be UTF-8 (a BOM is fine) or UTF-16
with a BOM. Legacy Vietnamese encodings (Windows-1258, TCVN3/ABC, VNI) are recognised and refused
with a message that says how to convert the file, because a wrong guess would silently corrupt
the diacritics of every name.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from .columns import BY_KEY, IDENTIFIERS, REQUIRED, column_for_header

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# Files people upload by mistake: PDF, images, archives, Word/Excel binaries other than ZIP and OLE2.
OTHER_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf", b"{\\rtf", b"BZh")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A worksheet's XML rarely compresses more than 20 to 1; a zip bomb compresses thousands to 1.
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_MEMBERS = 500
MAX_CELL_LENGTH = 1000
HEAD_BYTES = 200_000  # what the type of a file and its legacy encoding are guessed from


class FileProblem(ValueError):
    """The file as a whole cannot be imported; the message says why and what to do."""


@dataclass
class Table:
    """The first sheet (or the CSV), read as a stream: its canonical column keys and row counts.

    ``read_table`` reads the file through once to check it as a whole and count its rows, keeping
    none of them; ``iter_rows`` reads it again each time it is called, one row at a time, so an
    import's memory does not grow with the file.
    """

    columns: list[str]
    opener: Callable[[], BinaryIO]
    kind: str = "csv"  # "csv" or "xlsx"
    total_rows: int = 0
    blank_rows: int = 0
    encoding: str = "utf-8-sig"

    def iter_rows(self) -> Iterator[tuple[int, list[str], bool]]:
        """(line, cells, overflow) for each non-blank row; overflow: values beyond the last titled column."""
        width = len(self.columns)
        for line, values in _raw_rows(self):
            if not any((v or "").strip() for v in values):
                continue
            overflow = len(values) > width and any((v or "").strip() for v in values[width:])
            cells = [(values[i] if i < len(values) else "") or "" for i in range(width)]
            yield line, [c[:MAX_CELL_LENGTH] if len(c) > MAX_CELL_LENGTH else c for c in cells], overflow


def max_bytes() -> int:
    return settings.KNS_IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.KNS_IMPORT_MAX_ROWS


def max_uncompressed() -> int:
    # The uncompressed XML of a full-size sheet is some ten times its XLSX; more is not a cadre list.
    return 10 * settings.KNS_IMPORT_MAX_BYTES


def size_problem(size: int) -> FileProblem | None:
    if size > max_bytes():
        return FileProblem(
            _("Tệp quá lớn (%(size)s); giới hạn là %(limit)s. Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": _megabytes(size), "limit": _megabytes(max_bytes())}
        )
    return None


def _megabytes(size: int) -> str:
    """A size for people: "20 MB", "1.5 MB", "16 KB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"


def read_table(*, data: bytes, filename: str = "") -> Table:
    """Parse ``data`` into a Table, or raise FileProblem with a message in Vietnamese."""
    problem = size_problem(len(data))
    if problem:
        raise problem
    return _open_table(lambda: io.BytesIO(data), filename=filename)


def open_table(path: str | os.PathLike, *, filename: str = "") -> Table:
    """A Table over the file at ``path``, which is read from disk each time its rows are, never held whole."""
    problem = size_problem(os.stat(path).st_size)
    if problem:
        raise problem
    return _open_table(lambda: open(path, "rb"), filename=filename or os.path.basename(path))  # noqa: SIM115


def _open_table(opener: Callable[[], BinaryIO], *, filename: str) -> Table:
    with opener() as stream:
        head = stream.read(HEAD_BYTES)
    if not head.strip() and len(head) < HEAD_BYTES:
        raise FileProblem(_("Tệp trống."))
    name = filename.lower()
    if head.startswith(OLE_MAGIC):
        raise FileProblem(
            _(
                "Đây là tệp Excel 97-2003 (.xls) hoặc tệp Excel có đặt mật khẩu. "
                "Hãy mở bằng Excel, bỏ mật khẩu nếu có, và lưu lại dạng «Excel Workbook (.xlsx)» hoặc «CSV UTF-8»."
            )
        )
    if head.startswith(OTHER_MAGIC):
        raise FileProblem(_("Tệp không phải văn bản CSV hay bảng tính .xlsx. Hãy tải lên đúng tệp."))
    if head.startswith(ZIP_MAGIC):
        with opener() as stream:
            check_zip(stream)
        table = Table(columns=[], opener=opener, kind="xlsx")
    elif name.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        raise FileProblem(
            _("Tệp có đuôi %(ext)s nhưng nội dung không phải bảng tính Excel. Hãy tải lên đúng tệp .xlsx hoặc .csv.")
            % {"ext": name.rsplit(".", 1)[-1]}
        )
    else:
        table = Table(columns=[], opener=opener, kind="csv", encoding=text_encoding(head))
    # The first reading: the header, every file-level problem and the counts, no row kept.
    total = 0
    for _line, values in _raw_rows(table, counting=True):
        if not any((v or "").strip() for v in values):
            # Blank rows (Excel leaves many after the data) are skipped and counted, not errors.
            table.blank_rows += 1
            continue
        total += 1
        if total > max_rows():
            raise FileProblem(
                _("Tệp có hơn %(limit)s dòng. Hãy chia thành nhiều tệp nhỏ hơn.") % {"limit": f"{max_rows():,}"}
            )
    table.total_rows = total
    if not total:
        raise FileProblem(_("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."))
    return table


def _raw_rows(table: Table, *, counting: bool = False) -> Iterator[tuple[int, list[str]]]:
    """Every row after the header as (line, values). When ``counting`` (the first reading), the
    header is parsed into ``table.columns``; later readings skip it."""
    reader = _csv_rows if table.kind == "csv" else _xlsx_rows
    rows = reader(table)
    header = next(rows, None)
    if header is None:
        raise FileProblem(_("Tệp trống."))
    if counting:
        table.columns = _columns(header[1])
    yield from rows


# --- CSV ---------------------------------------------------------------------------------------


def text_encoding(head: bytes) -> str:
    """The codec to read a CSV with, from its first bytes; refuses what cannot be text we can read."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise FileProblem(_("Tệp mã hoá UTF-32 không được hỗ trợ. Hãy lưu lại dạng «CSV UTF-8»."))
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = head[:4096]
    if b"\x00" in head:
        if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4:
            raise FileProblem(_("Tệp có vẻ mã hoá UTF-16 nhưng thiếu BOM. Hãy lưu lại dạng «CSV UTF-8»."))
        raise FileProblem(_("Tệp không phải văn bản CSV hay bảng tính .xlsx. Hãy tải lên đúng tệp."))
    return "utf-8-sig"


def _not_utf8(table: Table) -> FileProblem:
    if table.encoding == "utf-16":
        return FileProblem(_("Tệp UTF-16 bị hỏng. Hãy lưu lại dạng «CSV UTF-8»."))
    with table.opener() as stream:
        guess = guess_legacy_encoding(stream.read(HEAD_BYTES))
    if guess:
        return FileProblem(
            _(
                "Tệp không dùng bảng mã UTF-8; có vẻ là bảng mã cũ %(encoding)s. Hãy mở bằng Excel và lưu lại "
                "dạng «CSV UTF-8 (Comma delimited)», hoặc chuyển sang Unicode bằng công cụ chuyển mã của Unikey."
            )
            % {"encoding": guess}
        )
    return FileProblem(
        _(
            "Tệp không dùng bảng mã UTF-8 (có thể là bảng mã cũ như Windows-1258, TCVN3 hay VNI). "
            "Hãy mở bằng Excel và lưu lại dạng «CSV UTF-8 (Comma delimited)»."
        )
    )


_VOWEL = rb"[aeiouyAEIOUY]"
_LEGACY_SIGNS = {
    # Windows-1258 writes tones as separate combining marks after the vowel: 0xCC grave,
    # 0xEC acute, 0xD2 hook... 0xDE tilde, 0xF2 dot below; đ is 0xF0, Đ 0xD0.
    "Windows-1258": re.compile(
        rb"(?:" + _VOWEL + rb"|[\xe2\xea\xf4\xf5\xfd\xe3\xc2\xca\xd4\xd5\xdd\xc3])[\xcc\xec\xd2\xde\xf2]"
    ),
    # VNI writes a base letter followed by a mark byte (Nguye\xe3n, Va\xean), đ as 0xF1 and Đ as 0xD1.
    "VNI": re.compile(rb"[aeoAEO][\xe0-\xe5\xe8-\xeb\xef\xf5\xf8-\xfc]|[\xd1\xf1][aeiouy\xf6\xf4]"),
    # TCVN3 (ABC) has one byte per accented letter, mostly 0xA1-0xFE after a consonant; đ 0xAE, Đ 0xA7.
    "TCVN3 (ABC)": re.compile(rb"(?:^|[\s,;\"])[\xa7\xae][a-z\xa9\xb5-\xfe]|[bcdghklmnpqrstvx][\xa8-\xad\xb5-\xfe]"),
}


def guess_legacy_encoding(data: bytes) -> str | None:
    """The legacy Vietnamese encoding ``data`` most looks like, or None."""
    sample = data[:200_000]
    scores = {name: len(pattern.findall(sample)) for name, pattern in _LEGACY_SIGNS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 2 else None


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_rows(table: Table) -> Iterator[tuple[int, list[str]]]:
    """The header, then each row, as (line, values): the file is decoded and parsed as it is read."""
    with table.opener() as raw, io.TextIOWrapper(raw, encoding=table.encoding, newline="") as text:
        try:
            first_line = text.readline()
            reader = csv.reader(
                itertools.chain([first_line], text), delimiter=_delimiter(first_line.split("\n", 1)[0]), strict=False
            )
            try:
                header = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise FileProblem(_("Dòng 1: không đọc được tiêu đề (%(error)s).") % {"error": exc}) from None
            yield 1, header
            try:
                for values in reader:
                    yield reader.line_num, values
            except csv.Error as exc:
                raise FileProblem(
                    _("Dòng %(line)s: tệp CSV sai cấu trúc (%(error)s).") % {"line": reader.line_num, "error": exc}
                ) from None
        except UnicodeDecodeError:
            raise _not_utf8(table) from None


# --- XLSX --------------------------------------------------------------------------------------


def check_zip(stream: BinaryIO) -> None:
    """Refuse a ZIP that is not a workbook, or whose directory promises too much data (a zip bomb)."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileProblem(_("Tệp .xlsx bị hỏng, không mở được. Hãy lưu lại từ Excel rồi thử lại.")) from None
    with archive:
        members = archive.infolist()
        names = {member.filename for member in members}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise FileProblem(
                _("Tệp là một tệp nén ZIP nhưng không phải bảng tính Excel (.xlsx). Hãy tải lên đúng tệp.")
            )
        if len(members) > MAX_ZIP_MEMBERS:
            raise FileProblem(_("Bảng tính có quá nhiều thành phần; không phải danh sách cán bộ."))
        total = 0
        for member in members:
            if member.flag_bits & 0x1:
                raise FileProblem(_("Bảng tính được mã hoá bằng mật khẩu. Hãy bỏ mật khẩu rồi lưu lại."))
            total += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > MAX_COMPRESSION_RATIO and member.file_size > 1024 * 1024:
                raise FileProblem(
                    _("Bảng tính bị từ chối: một thành phần giải nén lớn gấp %(ratio)s lần (nghi là «bom nén»).")
                    % {"ratio": int(ratio)}
                )
        if total > max_uncompressed():
            raise FileProblem(
                _("Bảng tính bị từ chối: khi giải nén sẽ chiếm %(size)s, vượt giới hạn %(limit)s (nghi là «bom nén»).")
                % {"size": _megabytes(total), "limit": _megabytes(max_uncompressed())}
            )


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _xlsx_rows(table: Table) -> Iterator[tuple[int, list[str]]]:
    """The header, then each row, as (line, values): openpyxl's read_only mode parses the sheet's XML as it goes."""
    from openpyxl import load_workbook

    with table.opener() as stream:
        try:
            # data_only=False keeps formulas as "=..." text, which validation refuses.
            workbook = load_workbook(stream, read_only=True, data_only=False)
        except Exception:  # noqa: BLE001 - openpyxl raises many kinds of error on a malformed workbook
            raise FileProblem(_("Không đọc được bảng tính .xlsx. Hãy mở bằng Excel, lưu lại rồi thử lại.")) from None
        try:
            if not workbook.worksheets:
                raise FileProblem(_("Bảng tính không có trang tính nào."))
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            for line, values in enumerate(rows, start=1):
                yield line, [_cell_text(v) for v in values]
        except FileProblem:
            raise
        except GeneratorExit:
            raise
        except Exception:  # noqa: BLE001 - a sheet can be malformed past its first rows
            raise FileProblem(_("Không đọc được bảng tính .xlsx. Hãy mở bằng Excel, lưu lại rồi thử lại.")) from None
        finally:
            workbook.close()


# --- both ----------------------------------------------------------------------------------


def _columns(header: list[str]) -> list[str]:
    columns: list[str] = []
    unknown = []
    for raw in header:
        text = (raw or "").strip()
        if not text:
            columns.append("")
            continue
        key = column_for_header(text)
        if key is None:
            unknown.append(text)
        columns.append(key or "")
    if unknown:
        raise FileProblem(
            _("Dòng 1: cột không hợp lệ: %(columns)s. Hãy dùng tệp mẫu (các cột được chấp nhận có trong hướng dẫn).")
            % {"columns": ", ".join(f"«{c}»" for c in unknown)}
        )
    present = [c for c in columns if c]
    duplicated = sorted({c for c in present if present.count(c) > 1})
    if duplicated:
        raise FileProblem(
            _("Dòng 1: cột bị lặp: %(columns)s.") % {"columns": ", ".join(f"«{BY_KEY[c].label}»" for c in duplicated)}
        )
    missing = [c for c in REQUIRED if c not in present]
    if missing:
        raise FileProblem(
            _("Dòng 1: thiếu cột bắt buộc: %(columns)s.")
            % {"columns": ", ".join(f"«{BY_KEY[c].label}»" for c in missing)}
        )
    if not any(c in present for c in IDENTIFIERS):
        raise FileProblem(_("Dòng 1: cần ít nhất một trong hai cột «Số điện thoại» hoặc «Tên đăng nhập»."))
    return columns
