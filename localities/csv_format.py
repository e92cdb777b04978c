"""The administrative-units CSV: its columns and how a file becomes rows.

The format is documented in docs/localities.md. It is written by
scripts/build_localities_csv.py and read by ``manage.py import_localities``.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from pathlib import Path

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


def decode(raw: bytes) -> str:
    # Excel's "CSV UTF-8" adds a BOM, plain editors do not; both are fine. Anything else
    # (Excel's legacy "CSV" is Windows-1258 or 1252 here) would silently corrupt the
    # diacritics that tell communes apart, so it is refused rather than guessed.
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise CsvFormatError(
            _("Tệp phải được mã hoá UTF-8 (tệp này là UTF-16/UTF-32). Hãy lưu lại dưới dạng «CSV UTF-8».")
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvFormatError(
            _("Tệp không phải UTF-8 (byte lạ ở vị trí %(position)s). Hãy lưu lại dưới dạng «CSV UTF-8».")
            % {"position": exc.start}
        ) from exc


def parse_text(text: str) -> list[dict[str, str]]:
    """Rows as dicts keyed by column, each with its physical ``line`` number for error messages."""
    first_line = text.split("\n", 1)[0]
    # Excel in a decimal-comma locale saves with ";"; accept it rather than fail on the header.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
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

    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        row = {column: (values[i] if i < len(values) else "") for i, column in enumerate(header) if column}
        row["line"] = reader.line_num
        rows.append(row)
    return rows


def read_file(path: str | Path) -> list[dict[str, str]]:
    with open(path, "rb") as fh:
        return parse_text(decode(fh.read()))
