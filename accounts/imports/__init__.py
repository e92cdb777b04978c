"""Importing cadres from CSV or XLSX (docs/people.md): reading, checking, planning, writing, and admin jobs."""

from .cadres import ImportConflict, ImportReport, RowError, cadres_import
from .reading import FileProblem, Table, read_table

__all__ = ["FileProblem", "ImportConflict", "ImportReport", "RowError", "Table", "cadres_import", "read_table"]
