"""Spreadsheets we hand out: CSV that Excel opens with its diacritics, and no cell that runs as a formula.

Wagtail's spreadsheet export writes XLSX formulas as text already, but its CSV has no BOM (Excel
then garbles Vietnamese) and no formula protection, and its XLSX datetimes are naive UTC. The
mixin below fixes all three for any Wagtail listing view; ``safe_cell`` does the same for our own CSVs.

``neutralise_formula`` is the one helper every export of the project uses (this mixin, the
personal-data download, the dashboards' exports in ``reports.exports``, the question export in
``quizzes.spreadsheets``, the listing in the commune certificate ZIP): a text that starts with
``= + - @``, a tab, a carriage return or a line feed (or the full-width ``＝ ＋ － ＠``, which some
spreadsheets read the same) gets a leading apostrophe, so Excel and LibreOffice show it as text and
never run it. Phone numbers such as +84912345678 and plain signed numbers are kept intact: a cell
that is only a number can only ever read as itself.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from django.utils import timezone

BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def neutralise_formula(text: str) -> str:
    """``text`` as a spreadsheet must show it: never a formula (see the module docstring)."""
    if text.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def safe_cell(value) -> str:
    """The text to write in a CSV cell: a leading apostrophe stops Excel and LibreOffice running formulas."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return local_naive(value).strftime("%Y-%m-%d %H:%M")
    return neutralise_formula(str(value))


class SafeCsvWriter:
    """``csv.writer`` whose every cell goes through ``safe_cell``: for CSV files we write by hand."""

    def __init__(self, buffer, **kwargs):
        self._writer = csv.writer(buffer, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def local_naive(value: dt.datetime) -> dt.datetime:
    """Spreadsheets have no time zones: show the local (Asia/Ho_Chi_Minh) wall time."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def csv_bytes(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
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
