"""Spreadsheets we hand out: CSV that Excel opens with its diacritics, and no cell that runs as a formula.

Wagtail's spreadsheet export writes XLSX formulas as text already, but its CSV has no BOM (Excel
then garbles Vietnamese) and no formula protection, and its XLSX datetimes are naive UTC. The
mixin below fixes all three for any Wagtail listing view; ``safe_cell`` does the same for our own CSVs.
Phone numbers such as +84912345678 are kept intact: a cell that is only a number (with + or -,
spaces, dots, brackets) cannot run anything, so it is left alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from django.utils import timezone

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMERIC = re.compile(r"^[+\-]?[\d\s.()\-]*$")


def safe_cell(value) -> str:
    """The text to write in a CSV cell: a leading apostrophe stops Excel and LibreOffice running formulas."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return local_naive(value).strftime("%Y-%m-%d %H:%M")
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMERIC.match(text):
        return "'" + text
    return text


def local_naive(value: dt.datetime) -> dt.datetime:
    """Spreadsheets have no time zones: show the local (Asia/Ho_Chi_Minh) wall time."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def csv_bytes(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


class SafeSpreadsheetExportMixin:
    """Mix into a Wagtail view that has ``SpreadsheetExportMixin`` (generic IndexView, ReportView)."""

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, dt.datetime):
            value = local_naive(value)
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return safe_cell(value)
        return value

    def stream_csv(self, queryset):
        yield BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
