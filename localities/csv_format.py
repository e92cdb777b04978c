"""The administrative-units CSV: its columns and how a file becomes rows.

The format is documented in docs/localities.md. It is written by
scripts/build_localities_csv.py and read by ``manage.py import_localities``.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

COLUMNS = (
    "level",
    "code",
    "name",
    "kind",
    "province_code",
    "province_name",
    "latitude",
    "longitude",
    "valid_from",
    "valid_to",
    "merged_into_code",
    "effective",
    "is_default",
    "district_name",
)
REQUIRED_COLUMNS = ("level", "code", "name", "kind")

DEFAULT_UNITS_CSV = Path(__file__).resolve().parent / "data" / "units.csv"


class CsvFormatError(ValueError):
    """The file as a whole cannot be read (encoding, header); row problems are reported elsewhere."""


def check_bom(head: bytes) -> None:
    # Excel's "CSV UTF-8" adds a BOM, plain editors do not; both are fine. Anything else
    # (Excel's legacy "CSV" is Windows-1258 or 1252 here) would silently corrupt the
    # diacritics that tell communes apart, so it is refused rather than guessed (as it is read).
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise CsvFormatError(
            _("Tệp phải được mã hoá UTF-8 (tệp này là UTF-16/UTF-32). Hãy lưu lại dưới dạng «CSV UTF-8».")
        )


def max_bytes() -> int:
    # The same limits as the cadre import (docs/people.md, docs/localities.md): the official list is
    # some 2 MB and 14,000 rows, far under them.
    return settings.KNS_IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.KNS_IMPORT_MAX_ROWS


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"


def size_problem(size: int) -> CsvFormatError | None:
    if size > max_bytes():
        return CsvFormatError(
            _("Tệp quá lớn (%(size)s); giới hạn là %(limit)s. Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": _megabytes(size), "limit": _megabytes(max_bytes())}
        )
    return None


def _header(first_line: str) -> tuple[list[str], str]:
    # Excel in a decimal-comma locale saves with ";"; accept it rather than fail on the header.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        header = next(csv.reader([first_line], delimiter=delimiter))
    except StopIteration:
        raise CsvFormatError(_("Tệp trống.")) from None
    header = [unicodedata.normalize("NFC", h).strip().lower() for h in header]
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise CsvFormatError(
            _("Dòng 1: cột không hợp lệ: %(columns)s. Các cột được chấp nhận: %(allowed)s.")
            % {"columns": ", ".join(unknown), "allowed": ", ".join(COLUMNS)}
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise CsvFormatError(_("Dòng 1: thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)})
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    if duplicated:
        raise CsvFormatError(_("Dòng 1: cột bị lặp: %(columns)s.") % {"columns": ", ".join(duplicated)})
    return header, delimiter


def _rows(lines: Iterator[str]) -> Iterator[dict[str, str]]:
    """The header is checked at once (CsvFormatError); the rows then come one at a time, each a dict
    keyed by column with its physical ``line`` number for error messages."""
    first_line = next(lines, "")
    if not first_line.strip():
        raise CsvFormatError(_("Tệp trống."))
    header, delimiter = _header(first_line.rstrip("\r\n"))

    def generate() -> Iterator[dict[str, str]]:
        reader = csv.reader(lines, delimiter=delimiter)
        count = 0
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            count += 1
            if count > max_rows():
                raise CsvFormatError(
                    _("Tệp có hơn %(limit)s dòng. Hãy chia thành nhiều tệp nhỏ hơn.") % {"limit": f"{max_rows():,}"}
                )
            row = {column: (values[i] if i < len(values) else "") for i, column in enumerate(header) if column}
            row["line"] = reader.line_num + 1  # the header was line 1
            yield row

    return generate()


def parse_text(text: str) -> list[dict[str, str]]:
    """Rows of a CSV already in memory (tests, small files)."""
    return list(_rows(iter(io.StringIO(text, newline=""))))


def read_file(path: str | Path) -> Iterator[dict[str, str]]:
    """The rows of the file at ``path``, read and decoded as they are consumed, never held whole.

    The size limit, the encoding's BOM and the header are checked at once; a byte that is not
    UTF-8, or a row past the row limit, raises CsvFormatError while the rows are read.
    """
    problem = size_problem(os.stat(path).st_size)
    if problem:
        raise problem
    with open(path, "rb") as fh:
        check_bom(fh.read(4))
    stream = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed when the rows are done
    try:
        rows = _rows(_decoded(stream))
    except BaseException:
        stream.close()
        raise
    return rows


def _decoded(stream) -> Iterator[str]:
    line = 0
    with stream:
        try:
            for line, text in enumerate(stream, start=1):  # noqa: B007 - the count is the error's line
                yield text
        except UnicodeDecodeError as exc:
            raise CsvFormatError(
                _("Tệp không phải UTF-8 (byte lạ sau dòng %(line)s). Hãy lưu lại dưới dạng «CSV UTF-8».")
                % {"line": line}
            ) from exc
