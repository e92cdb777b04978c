"""Importing the official list of administrative units (docs/localities.md).

Every row is checked before anything is written, so an import either applies whole or
not at all; the second run of the same file changes nothing.

How a row finds the unit it describes (codes were reused in 2025, so a code alone
is not enough):

* a current row (``valid_to`` blank) is the current unit of that level with that code;
* a former row (``valid_to`` filled) is the unit with that code and that ``valid_to``;
  failing that, the unit with that code and that ``valid_from`` (when filled), which
  is how a later official change retires a current unit in place, keeping its id and
  so every record that points at it;
* otherwise the unit is created.

Units the file does not mention are left alone, so a file may carry just one change.
A former commune's successions are exactly those its rows list.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from operator import attrgetter
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Commune, Province, UnitSuccession

logger = logging.getLogger(__name__)

LEVELS = ("province", "commune")
KINDS = {
    "province": tuple(value for value, _label in Province._meta.get_field("kind").choices),
    "commune": tuple(Commune.Kind.values),
}
CODE_MAX_LENGTH = Commune._meta.get_field("code").max_length
NAME_MAX_LENGTH = Commune._meta.get_field("name").max_length
CODE_PATTERN = re.compile(r"^[0-9A-Za-z]+$")
COORDINATE_STEP = Decimal("0.000001")
TRUE_VALUES = {"1", "true", "yes", "x", "có", "co"}
FALSE_VALUES = {"0", "false", "no", "không", "khong"}
BATCH_SIZE = 500


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


@dataclass
class ImportResult:
    source: str
    provinces: Tally = field(default_factory=Tally)
    communes: Tally = field(default_factory=Tally)
    successions: Tally = field(default_factory=Tally)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> bool:
        return any(t.created or t.updated or t.deleted for t in (self.provinces, self.communes, self.successions))


class _RowProblem(Exception):
    pass


@dataclass(slots=True)
class _Successor:
    code: str
    effective: dt.date
    is_default: bool | None
    line: int


@dataclass(slots=True)
class _Row:
    """One parsed row: held only while it is read, never for the whole file."""

    level: str
    line: int
    code: str
    name: str
    kind: str
    province_code: str
    latitude: int | None  # millionths of a degree
    longitude: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def same_unit_fields(self) -> tuple:
        return (self.name, self.kind, self.province_code, self.latitude, self.longitude, self.valid_from)


@dataclass(slots=True)
class _Unit:
    """A former unit of the file (``valid_to`` filled), kept until the import ends.

    A former unit may span several rows (one per successor), and successions, provinces and the
    identity checks relate it to units across the whole file; the current units, the bulk of any
    file, are kept as one packed integer each instead (``_pack``). Its name and coordinates are
    re-read from the file when it is written; only their hash is kept, to compare its other rows.
    """

    level: str
    line: int
    code: str
    province_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    detail: int  # hash of same_unit_fields()
    successors: tuple[_Successor, ...] = ()  # the empty tuple is shared: most units have none
    existing_id: int | None = None
    pk: int | None = None  # set once written
    province: _Entry | _Unit | None = None  # a commune's province, once resolved

    is_current = False

    @property
    def unit(self) -> _Unit:
        return self

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


@dataclass(slots=True)
class _Entry:
    """A unit as it will stand after the import that is not a former unit of the file: a database
    row the file does not mention (``pk``), or a current unit of the file (``pk`` None until written)."""

    code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    line: int | None = None  # a current unit of the file
    pk: int | None = None

    @property
    def unit(self) -> _Entry | None:
        return self if self.line is not None else None

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


# A current unit of the file is one int: its line, its province code's index and its first day.
_DAY_BITS = 22  # date.max.toordinal() is under 2**22
_PROVINCE_BITS = 24


def _pack(line: int, province_index: int, valid_from: dt.date | None) -> int:
    day = valid_from.toordinal() if valid_from is not None else 0
    return (line << (_PROVINCE_BITS + _DAY_BITS)) | (province_index << _DAY_BITS) | day


def _unpack(packed: int) -> tuple[int, int, dt.date | None]:
    day = packed & ((1 << _DAY_BITS) - 1)
    province_index = (packed >> _DAY_BITS) & ((1 << _PROVINCE_BITS) - 1)
    return packed >> (_PROVINCE_BITS + _DAY_BITS), province_index, (dt.date.fromordinal(day) if day else None)


def _text(value: Any) -> str:
    # Names typed in different tools arrive in NFD or NFC; stored NFC so equal names compare equal.
    return " ".join(unicodedata.normalize("NFC", str(value or "")).split())


_DATES: dict[str, dt.date] = {}  # a file has a few distinct dates: one object each, parsed once


def _date(raw: str, column: str, line: int) -> dt.date | None:
    if not raw:
        return None
    if raw in _DATES:
        return _DATES[raw]
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
        if len(_DATES) < 10_000:
            _DATES[raw] = day
        return day
    raise _RowProblem(
        _("Dòng %(line)s: %(column)s «%(value)s» không phải ngày hợp lệ (dùng dạng YYYY-MM-DD).")
        % {"line": line, "column": column, "value": raw}
    )


def _coordinate(raw: str, column: str, limit: int, line: int) -> Decimal | None:
    if not raw:
        return None
    # A decimal comma is what Excel writes in a Vietnamese locale.
    candidate = raw.replace(",", ".") if "." not in raw else raw
    try:
        value = Decimal(candidate)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise _RowProblem(
            _("Dòng %(line)s: %(column)s «%(value)s» không phải là số.")
            % {"line": line, "column": column, "value": raw}
        )
    if not -limit <= value <= limit:
        raise _RowProblem(
            _("Dòng %(line)s: %(column)s «%(value)s» phải nằm trong khoảng -%(limit)s đến %(limit)s.")
            % {"line": line, "column": column, "value": raw, "limit": limit}
        )
    return value.quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP)


def _micro(value: Decimal | None) -> int | None:
    return None if value is None else int(value.scaleb(6))


def _degrees(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value).scaleb(-6)


def _parse(raw: Mapping[str, Any], line: int) -> tuple[_Row, _Successor | None]:
    get = {key: _text(value) for key, value in raw.items() if key != "line"}.get

    level = (get("level") or "").lower()
    if level not in LEVELS:
        raise _RowProblem(
            _("Dòng %(line)s: cấp (level) «%(value)s» không hợp lệ; dùng «province» hoặc «commune».")
            % {"line": line, "value": get("level") or ""}
        )
    code = get("code") or ""
    if not code:
        raise _RowProblem(_("Dòng %(line)s: thiếu mã đơn vị.") % {"line": line})
    if len(code) > CODE_MAX_LENGTH or not CODE_PATTERN.match(code):
        raise _RowProblem(
            _("Dòng %(line)s: mã «%(code)s» không hợp lệ (tối đa %(max)s chữ số hoặc chữ cái không dấu).")
            % {"line": line, "code": code, "max": CODE_MAX_LENGTH}
        )
    name = get("name") or ""
    if not name:
        raise _RowProblem(_("Dòng %(line)s: thiếu tên đơn vị.") % {"line": line})
    if len(name) > NAME_MAX_LENGTH:
        raise _RowProblem(
            _("Dòng %(line)s: tên quá dài (tối đa %(max)s ký tự).") % {"line": line, "max": NAME_MAX_LENGTH}
        )
    kind = (get("kind") or "").lower()
    if kind not in KINDS[level]:
        raise _RowProblem(
            _("Dòng %(line)s: loại (kind) «%(value)s» không hợp lệ cho cấp %(level)s; dùng một trong: %(allowed)s.")
            % {"line": line, "value": get("kind") or "", "level": level, "allowed": ", ".join(KINDS[level])}
        )

    latitude = _micro(_coordinate(get("latitude") or "", "latitude", 90, line))
    longitude = _micro(_coordinate(get("longitude") or "", "longitude", 180, line))
    if (latitude is None) != (longitude is None):
        raise _RowProblem(_("Dòng %(line)s: cần cả vĩ độ và kinh độ, hoặc để trống cả hai.") % {"line": line})

    valid_from = _date(get("valid_from") or "", "valid_from", line)
    valid_to = _date(get("valid_to") or "", "valid_to", line)
    if valid_from and valid_to and valid_to < valid_from:
        raise _RowProblem(
            _("Dòng %(line)s: valid_to (%(valid_to)s) trước valid_from (%(valid_from)s).")
            % {"line": line, "valid_to": valid_to, "valid_from": valid_from}
        )

    province_code = (get("province_code") or "") if level == "commune" else ""
    if level == "commune" and not province_code:
        raise _RowProblem(_("Dòng %(line)s: thiếu mã tỉnh (province_code) của xã, phường.") % {"line": line})

    merged_into = get("merged_into_code") or ""
    successor = None
    if merged_into:
        if valid_to is None:
            raise _RowProblem(
                _(
                    "Dòng %(line)s: đơn vị hiện hành (valid_to để trống) không thể có merged_into_code; "
                    "hãy điền valid_to là ngày cuối cùng đơn vị còn hiệu lực."
                )
                % {"line": line}
            )
        effective = _date(get("effective") or "", "effective", line) or valid_to + dt.timedelta(days=1)
        raw_default = (get("is_default") or "").lower()
        if raw_default in TRUE_VALUES:
            is_default = True
        elif raw_default in FALSE_VALUES:
            is_default = False
        elif not raw_default:
            is_default = None
        else:
            raise _RowProblem(
                _("Dòng %(line)s: is_default «%(value)s» không hợp lệ; dùng 1 hoặc 0.")
                % {"line": line, "value": get("is_default")}
            )
        successor = _Successor(code=merged_into, effective=effective, is_default=is_default, line=line)

    unit = _Row(
        level=sys.intern(level),
        line=line,
        code=code,
        name=name,
        kind=sys.intern(kind),
        province_code=sys.intern(province_code),
        latitude=latitude,
        longitude=longitude,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    return unit, successor


class _Importer:
    """Two readings of the rows: the first checks them all and keeps compact keys, the second writes.

    What is kept between them is one packed integer per current unit (keyed by its code), one
    small record per former unit, and the database's units of the levels the file touches.
    """

    def __init__(self, source: str):
        self.result = ImportResult(source=source)
        # (level, code) of rows that failed, so that rows referring to them are not
        # reported a second time as "unknown unit": one error per actual mistake.
        self.broken: set[tuple[str, str]] = set()
        self.current: dict[str, dict[str, int]] = {level: {} for level in LEVELS}  # code -> _pack(...)
        self.former: dict[tuple, _Unit] = {}
        self.province_codes: list[str] = [""]  # a commune's province code, by the index packed with it
        self.province_index: dict[str, int] = {"": 0}
        self.existing: dict[str, list[dict]] = {}
        self.current_by_code: dict[str, dict[str, dict]] = {}
        self.claimed: dict[str, set[int]] = {}  # database ids claimed by former units of the file

    def error(self, line: int, message: str) -> None:
        self.result.errors.append(RowError(line=line, message=message))

    # -- reading ---------------------------------------------------------------------------

    def group(self, rows: Iterable[Mapping[str, Any]]) -> dict[str, list[_Unit]]:
        """Check every row on its own and against the rows before it; return the former units by level."""
        for index, raw in enumerate(rows):
            line = int(raw.get("line") or index + 2)
            try:
                row, successor = _parse(raw, line)
            except _RowProblem as problem:
                self.error(line, str(problem))
                level, code = _text(raw.get("level")).lower(), _text(raw.get("code"))
                if code:
                    self.broken.add((level, code))
                continue
            if row.is_current:
                same = self.current[row.level]
                packed = same.get(row.code)
                if packed is None:
                    index_ = self.province_index.get(row.province_code)
                    if index_ is None:
                        index_ = self.province_index[row.province_code] = len(self.province_codes)
                        self.province_codes.append(row.province_code)
                    same[row.code] = _pack(line, index_, row.valid_from)
                else:
                    self.error(
                        line,
                        _("Dòng %(line)s: mã %(code)s đã có ở dòng %(first)s; mỗi đơn vị hiện hành chỉ được một dòng.")
                        % {"line": line, "code": row.code, "first": _unpack(packed)[0]},
                    )
                continue
            key = (row.level, row.code, row.valid_to)
            first = self.former.get(key)
            if first is None:
                self.former[key] = _Unit(
                    level=row.level,
                    line=line,
                    code=row.code,
                    province_code=row.province_code,
                    valid_from=row.valid_from,
                    valid_to=row.valid_to,
                    detail=hash(row.same_unit_fields()),
                    successors=(successor,) if successor else (),
                )
            elif hash(row.same_unit_fields()) != first.detail:
                self.error(
                    line,
                    _("Dòng %(line)s: thông tin của đơn vị %(code)s khác với dòng %(first)s của cùng đơn vị.")
                    % {"line": line, "code": row.code, "first": first.line},
                )
            elif successor is None or not first.successors:
                self.error(
                    line,
                    _(
                        "Dòng %(line)s: đơn vị %(code)s xuất hiện ở nhiều dòng thì mỗi dòng phải ghi một "
                        "merged_into_code (dòng đầu: %(first)s)."
                    )
                    % {"line": line, "code": row.code, "first": first.line},
                )
            elif any(s.code == successor.code for s in first.successors):
                self.error(
                    line,
                    _("Dòng %(line)s: đơn vị %(code)s đã ghi sáp nhập vào %(successor)s ở dòng %(first)s.")
                    % {"line": line, "code": row.code, "successor": successor.code, "first": first.line},
                )
            else:
                first.successors = (*first.successors, successor)

        units = sorted(self.former.values(), key=attrgetter("line"))
        for unit in units:
            if not unit.successors:
                continue
            if len(unit.successors) == 1 and unit.successors[0].is_default is None:
                unit.successors[0].is_default = True
            defaults = sum(1 for s in unit.successors if s.is_default)
            # A unit whose other row was already rejected would only repeat that error here.
            if defaults != 1 and (unit.level, unit.code) not in self.broken:
                self.error(
                    unit.line,
                    _(
                        "Dòng %(line)s: đơn vị %(code)s phải có đúng một đơn vị kế thừa mặc định "
                        "(is_default = 1), hiện có %(count)s."
                    )
                    % {"line": unit.line, "code": unit.code, "count": defaults},
                )
                self.broken.add((unit.level, unit.code))

        by_level: dict[str, list[_Unit]] = {level: [] for level in LEVELS}
        for unit in units:
            by_level[unit.level].append(unit)
        return by_level

    # -- matching against the database -----------------------------------------------------

    def match(self, level: str, formers: list[_Unit], existing: list[dict]) -> None:
        """Pair the former units with database rows; a current unit is paired by its code when written."""
        self.existing[level] = existing
        by_code_to = {(r["code"], r["valid_to"]): r for r in existing if r["valid_to"] is not None}
        by_code_from = {(r["code"], r["valid_from"]): r for r in existing if r["valid_from"] is not None}
        self.current_by_code[level] = {r["code"]: r for r in existing if r["valid_to"] is None}
        claimed: dict[int, _Unit] = {}
        # Former rows first: a current unit they retire frees its code for a new current unit.
        for unit in formers:
            row = by_code_to.get((unit.code, unit.valid_to))
            if row is None and unit.valid_from is not None:
                row = by_code_from.get((unit.code, unit.valid_from))
            if row is None:
                continue
            other = claimed.get(row["id"])
            if other is not None:
                self.error(
                    unit.line,
                    _("Dòng %(line)s: dòng này và dòng %(first)s cùng chỉ một đơn vị đã có (mã %(code)s).")
                    % {"line": unit.line, "first": other.line, "code": unit.code},
                )
                continue
            claimed[row["id"]] = unit
            unit.existing_id = row["id"]
        self.claimed[level] = set(claimed)

    def current_existing_id(self, level: str, code: str) -> int | None:
        """The row a current unit of the file updates: the current one of its code, unless a former unit retires it."""
        row = self.current_by_code[level].get(code)
        return row["id"] if row is not None and row["id"] not in self.claimed[level] else None

    def is_current_code(self, level: str, code: str) -> bool:
        return code in self.current[level] or self.current_existing_id(level, code) is not None

    def untouched(self, level: str) -> Iterator[dict]:
        """The database rows of ``level`` the file does not mention."""
        current = self.current[level]
        for row in self.existing[level]:
            if row["id"] in self.claimed[level] or (row["valid_to"] is None and row["code"] in current):
                continue
            yield row

    def check_identity(self, level: str, formers: list[_Unit]) -> None:
        """Refuse what the database would: two units with the same code and the same first or last day."""
        # Only a former unit or an untouched row can share a code with a current unit of the file (two
        # current rows of one code are refused above), so the groups are keyed from those few alone.
        groups: dict[tuple[str, str, dt.date], list[int | None]] = defaultdict(list)
        for column in ("valid_from", "valid_to"):
            for unit in formers:
                day = getattr(unit, column)
                if day is not None:
                    groups[(column, unit.code, day)].append(unit.line)
            for row in self.untouched(level):
                if row[column] is not None:
                    groups[(column, row["code"], row[column])].append(None)
        if groups:
            for code, packed in self.current[level].items():
                line, _province, valid_from = _unpack(packed)
                key = ("valid_from", code, valid_from)
                if valid_from is not None and key in groups:
                    groups[key].append(line)
        for (column, code, day), members in groups.items():
            if len(members) < 2:
                continue
            # File units in file order, then database rows; the later of two is reported (a database
            # row's clash on the file unit's line).
            ordered = sorted(m for m in members if m is not None) + [m for m in members if m is None]
            first = ordered[0]
            for member in ordered[1:]:
                line = member if member is not None else first
                if line is None:
                    continue
                self.error(
                    line,
                    _("Dòng %(line)s: đã có một đơn vị khác mã %(code)s cùng %(column)s %(day)s.")
                    % {"line": line, "code": code, "column": column, "day": day.isoformat()},
                )

    def check_successors(self, level: str, formers: list[_Unit]) -> None:
        for unit in formers:
            for successor in unit.successors:
                if not self.is_current_code(level, successor.code) and (level, successor.code) not in self.broken:
                    message = (
                        _("Dòng %(line)s: merged_into_code %(code)s không phải là mã của một tỉnh hiện hành.")
                        if level == "province"
                        else _(
                            "Dòng %(line)s: merged_into_code %(code)s không phải là mã của một xã, phường hiện hành."
                        )
                    )
                    self.error(successor.line, message % {"line": successor.line, "code": successor.code})

    def resolve_provinces(self, former_communes: list[_Unit], former_provinces: list[_Unit]) -> None:
        """Each commune's province: the current one for a current commune, else the one in force on its last day."""
        for packed in self.current["commune"].values():
            line, index, _valid_from = _unpack(packed)
            province_code = self.province_codes[index]
            if not self.is_current_code("province", province_code) and ("province", province_code) not in self.broken:
                self.error(
                    line,
                    _("Dòng %(line)s: không có tỉnh hiện hành mã %(code)s.") % {"line": line, "code": province_code},
                )
        if not former_communes:
            return
        # The provinces as they will stand, of the codes former communes name: file units in file order, then the rest.
        wanted = {u.province_code for u in former_communes}
        by_code: dict[str, list[_Entry | _Unit]] = defaultdict(list)
        file_units: list[_Entry | _Unit] = [u for u in former_provinces if u.code in wanted]
        for code in wanted:
            packed = self.current["province"].get(code)
            if packed is not None:
                line, _index, valid_from = _unpack(packed)
                file_units.append(_Entry(code=code, valid_from=valid_from, valid_to=None, line=line))
        file_units.sort(key=attrgetter("line"))
        for entry in file_units:
            by_code[entry.code].append(entry)
        for row in self.untouched("province"):
            if row["code"] in wanted:
                by_code[row["code"]].append(
                    _Entry(code=row["code"], valid_from=row["valid_from"], valid_to=row["valid_to"], pk=row["id"])
                )
        for unit in former_communes:
            candidates = by_code.get(unit.province_code, [])
            # Prefer the province that ended with the commune (the 2025 case), then any in force that day.
            found = next((e for e in candidates if e.valid_to == unit.valid_to), None) or next(
                (e for e in candidates if e.covers(unit.valid_to)), None
            )
            if found is not None:
                unit.province = found
            elif ("province", unit.province_code) not in self.broken:
                self.error(
                    unit.line,
                    _("Dòng %(line)s: không có tỉnh mã %(code)s còn hiệu lực vào ngày %(date)s.")
                    % {"line": unit.line, "code": unit.province_code, "date": unit.valid_to.isoformat()},
                )

    # -- writing ---------------------------------------------------------------------------

    def reread(self, rows: Iterable[Mapping[str, Any]], level: str) -> Iterator[tuple[_Row, _Unit | None]]:
        """The units of ``level`` read again, each with its former unit's record (None for a current unit).

        A unit's later rows (its other successors) are skipped. A row that no longer matches what the
        first reading checked (its place, its province or first day, a former unit's fields) means the
        file changed meanwhile: CsvFormatError, and the transaction is rolled back. A current unit's
        name, kind and coordinates are checked again as the row is parsed, and relate to no other row.
        """
        from .csv_format import CsvFormatError

        changed = CsvFormatError(_("Tệp đã thay đổi trong khi nhập; chưa nhập gì. Hãy chạy lại."))
        for index, raw in enumerate(rows):
            if _text(raw.get("level")).lower() != level:
                continue
            line = int(raw.get("line") or index + 2)
            try:
                row, _successor = _parse(raw, line)
            except _RowProblem:
                raise changed from None
            if row.is_current:
                packed = self.current[level].get(row.code)
                province_index = self.province_index.get(row.province_code)
                if province_index is None or packed != _pack(line, province_index, row.valid_from):
                    raise changed
                yield row, None
                continue
            unit = self.former.get((level, row.code, row.valid_to))
            if unit is None or hash(row.same_unit_fields()) != unit.detail:
                raise changed
            if unit.line == line:
                yield row, unit

    def write_units(self, model, level: str, rows, fields: list[str], values, tally: Tally) -> None:
        # Written a batch at a time, so that a large file never has all its model instances at once;
        # every update (a first reading of the file) before any create (a second), as a unit the file
        # retires frees its code for a new one.
        existing = {r["id"]: r for r in self.existing[level]}
        expected = len(self.current[level]) + sum(1 for key in self.former if key[0] == level)
        seen = 0
        batch: list = []
        for row, unit in self.reread(rows(), level):
            seen += 1
            existing_id = unit.existing_id if unit is not None else self.current_existing_id(level, row.code)
            if existing_id is None:
                continue
            if unit is not None:
                unit.pk = existing_id
            wanted = values(row, unit)
            current = existing[existing_id]
            if all(current[f] == wanted[f] for f in fields):
                tally.unchanged += 1
                continue
            batch.append(model(pk=existing_id, **wanted))
            if len(batch) >= BATCH_SIZE:
                model.objects.bulk_update(batch, fields, batch_size=BATCH_SIZE)
                tally.updated += len(batch)
                batch = []
        model.objects.bulk_update(batch, fields, batch_size=BATCH_SIZE)
        tally.updated += len(batch)
        if seen != expected:
            from .csv_format import CsvFormatError

            raise CsvFormatError(_("Tệp đã thay đổi trong khi nhập; chưa nhập gì. Hãy chạy lại."))

        created: list[tuple[_Unit | None, Any]] = []

        def flush():
            model.objects.bulk_create([obj for _unit, obj in created], batch_size=BATCH_SIZE)
            for new_unit, obj in created:
                if new_unit is not None:
                    new_unit.pk = obj.pk
            tally.created += len(created)
            created.clear()

        for row, unit in self.reread(rows(), level):
            existing_id = unit.existing_id if unit is not None else self.current_existing_id(level, row.code)
            if existing_id is not None:
                continue
            created.append((unit, model(**values(row, unit))))
            if len(created) >= BATCH_SIZE:
                flush()
        if created:
            flush()

    def write_successions(self, communes: list[_Unit]) -> None:
        tally = self.result.successions
        predecessor_ids = {u.pk for u in communes}
        if not predecessor_ids:
            return
        existing: dict[tuple[int, int], tuple] = {}
        for row in UnitSuccession.objects.values_list(
            "id", "predecessor_id", "successor_id", "effective", "is_default"
        ):
            if row[1] in predecessor_ids:
                existing[(row[1], row[2])] = row

        successor_codes = sorted({s.code for u in communes for s in u.successors})
        successor_pks: dict[str, int] = {}
        for start in range(0, len(successor_codes), BATCH_SIZE):
            successor_pks.update(
                Commune.objects.current()
                .filter(code__in=successor_codes[start : start + BATCH_SIZE])
                .values_list("code", "id")
            )
        wanted: dict[tuple[int, int], tuple[dt.date, bool]] = {}
        for unit in communes:
            for successor in unit.successors:
                wanted[(unit.pk, successor_pks[successor.code])] = (successor.effective, successor.is_default)

        stale = [row[0] for key, row in existing.items() if key not in wanted]
        for start in range(0, len(stale), BATCH_SIZE):
            UnitSuccession.objects.filter(pk__in=stale[start : start + BATCH_SIZE]).delete()
        tally.deleted += len(stale)

        demote, promote, create = [], [], []
        for (predecessor_id, successor_id), (effective, is_default) in wanted.items():
            row = existing.get((predecessor_id, successor_id))
            if row is None:
                create.append(
                    UnitSuccession(
                        predecessor_id=predecessor_id,
                        successor_id=successor_id,
                        effective=effective,
                        is_default=is_default,
                    )
                )
            elif (row[3], row[4]) == (effective, is_default):
                tally.unchanged += 1
            else:
                obj = UnitSuccession(pk=row[0], effective=effective, is_default=is_default)
                (promote if is_default else demote).append(obj)
        # One default per predecessor is a database constraint, checked row by row: the old
        # default must give way before the new one takes its place.
        UnitSuccession.objects.bulk_update(demote, ["effective", "is_default"], batch_size=BATCH_SIZE)
        UnitSuccession.objects.bulk_update(promote, ["effective", "is_default"], batch_size=BATCH_SIZE)
        UnitSuccession.objects.bulk_create(create, batch_size=BATCH_SIZE)
        tally.created += len(create)
        tally.updated += len(demote) + len(promote)

    # -- the whole -------------------------------------------------------------------------

    def run(self, rows: Callable[[], Iterable[Mapping[str, Any]]]) -> ImportResult:
        formers = self.group(rows())
        provinces, communes = formers["province"], formers["commune"]

        self.match(
            "province",
            provinces,
            list(Province.objects.order_by().values("id", "code", "name", "kind", "valid_from", "valid_to")),
        )
        self.match(
            "commune",
            communes,
            list(
                Commune.objects.order_by().values(
                    "id", "code", "name", "kind", "province_id", "latitude", "longitude", "valid_from", "valid_to"
                )
            ),
        )
        self.check_identity("province", provinces)
        self.check_identity("commune", communes)
        self.check_successors("province", provinces)
        self.check_successors("commune", communes)
        self.resolve_provinces(communes, provinces)

        if self.result.errors:
            self.result.errors.sort(key=lambda e: e.line)
            return self.result

        self.write_units(
            Province,
            "province",
            rows,
            ["code", "name", "kind", "valid_from", "valid_to"],
            lambda row, unit: {
                "code": row.code,
                "name": row.name,
                "kind": row.kind,
                "valid_from": row.valid_from,
                "valid_to": row.valid_to,
            },
            self.result.provinces,
        )
        current_provinces = dict(Province.objects.current().values_list("code", "id"))

        def province_id(row: _Row, unit: _Unit | None) -> int:
            if unit is None:
                return current_provinces[row.province_code]
            found = unit.province
            if isinstance(found, _Unit) or found.line is None:
                return found.pk
            return current_provinces[found.code]  # a current province of the file, written above

        self.write_units(
            Commune,
            "commune",
            rows,
            ["code", "name", "kind", "province_id", "latitude", "longitude", "valid_from", "valid_to"],
            lambda row, unit: {
                "code": row.code,
                "name": row.name,
                "kind": row.kind,
                "province_id": province_id(row, unit),
                "latitude": _degrees(row.latitude),
                "longitude": _degrees(row.longitude),
                "valid_from": row.valid_from,
                "valid_to": row.valid_to,
            },
            self.result.communes,
        )
        self.write_successions(communes)
        return self.result


@transaction.atomic
def import_units(
    *, rows: Iterable[Mapping[str, Any]] | Callable[[], Iterable[Mapping[str, Any]]], source: str
) -> ImportResult:
    """Validate every row, then create or update the units and their successions.

    ``rows`` are dicts keyed by the CSV columns (docs/localities.md); a ``line`` key,
    when present, is the line number quoted in errors (else the position + 2, as if
    read from a file with a header). If ``result.errors`` is not empty nothing was written.

    The rows are read more than once (checked, then written a level at a time), so ``rows`` is
    either a function that reads them afresh each time it is called (the command re-reads its file,
    so that memory does not grow with it) or a collection; a one-off iterator is held as a list.
    """
    if callable(rows):
        read = rows
    else:
        held = rows if not isinstance(rows, Iterator) else list(rows)

        def read():
            return held

    result = _Importer(source).run(read)
    if result.ok:
        logger.info(
            "Imported localities from %s: provinces %s, communes %s, successions %s",
            source,
            result.provinces,
            result.communes,
            result.successions,
        )
    return result


def rows_for_province(rows: Iterable[Mapping[str, Any]], province_code: str) -> list[Mapping[str, Any]]:
    """The rows of one current province, its communes, and the former units that merged into them.

    Former communes are kept whole: every row of a divided unit comes along if any of
    its successors lies in the province.
    """
    rows = list(rows)

    def value(row, key):
        return _text(row.get(key))

    def is_current(row):
        return not value(row, "valid_to")

    commune_codes = {
        value(r, "code")
        for r in rows
        if value(r, "level") == "commune" and is_current(r) and value(r, "province_code") == province_code
    }
    former_communes = {
        (value(r, "code"), value(r, "valid_to"))
        for r in rows
        if value(r, "level") == "commune" and not is_current(r) and value(r, "merged_into_code") in commune_codes
    }
    selected = []
    for row in rows:
        level = value(row, "level")
        if level == "province":
            keep = (is_current(row) and value(row, "code") == province_code) or (
                not is_current(row) and value(row, "merged_into_code") == province_code
            )
        elif is_current(row):
            keep = value(row, "code") in commune_codes
        else:
            keep = (value(row, "code"), value(row, "valid_to")) in former_communes
        if keep:
            selected.append(row)
    return selected
