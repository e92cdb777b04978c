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
from collections.abc import Iterable, Mapping
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
class _Unit:
    """One unit of the file; a divided former unit spans several rows, one per successor.

    Every unit of the file is kept until the import ends (successions, provinces and the identity
    checks relate units across the whole file), so it is kept small: slots, and the few distinct
    values (level, kind, province code) interned.
    """

    level: str
    line: int
    code: str
    name: str
    kind: str
    province_code: str
    latitude: int | None  # millionths of a degree: an int is a quarter of a Decimal's size
    longitude: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    successors: tuple[_Successor, ...] = ()  # the empty tuple is shared: most units have none
    existing_id: int | None = None
    pk: int | None = None  # set once written
    province: _Entry | None = None  # a commune's province, once resolved

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def same_unit_fields(self) -> tuple:
        return (self.name, self.kind, self.province_code, self.latitude, self.longitude, self.valid_from)

    # A file unit is its own _Entry (below): no second object per unit.
    @property
    def unit(self) -> _Unit:
        return self

    def resolve_pk(self) -> int:
        return self.pk

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


@dataclass(slots=True)
class _Entry:
    """A database row the file does not mention, as it will stand after the import (file units are their own)."""

    code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    unit: _Unit | None = None
    pk: int | None = None

    def resolve_pk(self) -> int:
        return self.unit.pk if self.unit is not None else self.pk

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


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


def _parse(raw: Mapping[str, Any], line: int) -> tuple[_Unit, _Successor | None]:
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

    unit = _Unit(
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
    def __init__(self, source: str):
        self.result = ImportResult(source=source)
        # (level, code) of rows that failed, so that rows referring to them are not
        # reported a second time as "unknown unit": one error per actual mistake.
        self.broken: set[tuple[str, str]] = set()

    def error(self, line: int, message: str) -> None:
        self.result.errors.append(RowError(line=line, message=message))

    # -- reading ---------------------------------------------------------------------------

    def group(self, rows: Iterable[Mapping[str, Any]]) -> dict[str, list[_Unit]]:
        current: dict[str, dict[str, _Unit]] = {level: {} for level in LEVELS}
        former: dict[tuple, _Unit] = {}
        for index, raw in enumerate(rows):
            line = int(raw.get("line") or index + 2)
            try:
                unit, successor = _parse(raw, line)
            except _RowProblem as problem:
                self.error(line, str(problem))
                level, code = _text(raw.get("level")).lower(), _text(raw.get("code"))
                if code:
                    self.broken.add((level, code))
                continue
            # A current unit is keyed by its code alone (the same string: no tuple for most units).
            key = unit.code if unit.is_current else (unit.level, unit.code, unit.valid_to)
            same = current[unit.level] if unit.is_current else former
            first = same.get(key)
            if first is None:
                same[key] = unit
                if successor:
                    unit.successors = (successor,)
                continue
            if unit.is_current:
                self.error(
                    line,
                    _("Dòng %(line)s: mã %(code)s đã có ở dòng %(first)s; mỗi đơn vị hiện hành chỉ được một dòng.")
                    % {"line": line, "code": unit.code, "first": first.line},
                )
            elif unit.same_unit_fields() != first.same_unit_fields():
                self.error(
                    line,
                    _("Dòng %(line)s: thông tin của đơn vị %(code)s khác với dòng %(first)s của cùng đơn vị.")
                    % {"line": line, "code": unit.code, "first": first.line},
                )
            elif successor is None or not first.successors:
                self.error(
                    line,
                    _(
                        "Dòng %(line)s: đơn vị %(code)s xuất hiện ở nhiều dòng thì mỗi dòng phải ghi một "
                        "merged_into_code (dòng đầu: %(first)s)."
                    )
                    % {"line": line, "code": unit.code, "first": first.line},
                )
            elif any(s.code == successor.code for s in first.successors):
                self.error(
                    line,
                    _("Dòng %(line)s: đơn vị %(code)s đã ghi sáp nhập vào %(successor)s ở dòng %(first)s.")
                    % {"line": line, "code": unit.code, "successor": successor.code, "first": first.line},
                )
            else:
                first.successors = (*first.successors, successor)

        units = [*current["province"].values(), *current["commune"].values(), *former.values()]
        units.sort(key=attrgetter("line"))  # file order, which says which of two clashing rows is reported
        del current, former
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

    def match(self, units: list[_Unit], existing: list[dict]) -> list[_Entry]:
        """Pair file units with database rows; return every unit as it will stand afterwards."""
        by_code_to = {(r["code"], r["valid_to"]): r for r in existing if r["valid_to"] is not None}
        by_code_from = {(r["code"], r["valid_from"]): r for r in existing if r["valid_from"] is not None}
        current_by_code = {r["code"]: r for r in existing if r["valid_to"] is None}
        claimed: dict[int, _Unit] = {}

        def claim(unit: _Unit, row: dict | None) -> None:
            if row is None:
                return
            other = claimed.get(row["id"])
            if other is not None:
                self.error(
                    unit.line,
                    _("Dòng %(line)s: dòng này và dòng %(first)s cùng chỉ một đơn vị đã có (mã %(code)s).")
                    % {"line": unit.line, "first": other.line, "code": unit.code},
                )
                return
            claimed[row["id"]] = unit
            unit.existing_id = row["id"]

        # Former rows first: a current unit they retire frees its code for a new current unit.
        for unit in units:
            if not unit.is_current:
                row = by_code_to.get((unit.code, unit.valid_to))
                if row is None and unit.valid_from is not None:
                    row = by_code_from.get((unit.code, unit.valid_from))
                claim(unit, row)
        for unit in units:
            if unit.is_current:
                row = current_by_code.get(unit.code)
                claim(unit, row if row is not None and row["id"] not in claimed else None)

        entries: list[_Entry | _Unit] = list(units)
        entries += [
            _Entry(code=r["code"], valid_from=r["valid_from"], valid_to=r["valid_to"], pk=r["id"])
            for r in existing
            if r["id"] not in claimed
        ]
        return entries

    def check_identity(self, entries: list[_Entry]) -> None:
        """Refuse what the database would: two units with the same code and the same first or last day."""
        for column in ("valid_from", "valid_to"):
            # Nested by day, not keyed by (code, day): one small dict per distinct day, no tuple per unit.
            seen: dict[dt.date, dict[str, _Entry]] = defaultdict(dict)
            for entry in entries:
                day = getattr(entry, column)
                if day is None:
                    continue
                other = seen[day].setdefault(entry.code, entry)
                if other is entry:
                    continue
                unit = entry.unit or other.unit
                if unit is None:
                    continue
                self.error(
                    unit.line,
                    _("Dòng %(line)s: đã có một đơn vị khác mã %(code)s cùng %(column)s %(day)s.")
                    % {"line": unit.line, "code": unit.code, "column": column, "day": day.isoformat()},
                )

    def check_successors(self, units: list[_Unit], entries: list[_Entry], level: str) -> dict[str, _Entry]:
        current = {e.code: e for e in entries if e.valid_to is None}
        for unit in units:
            for successor in unit.successors:
                if successor.code not in current and (level, successor.code) not in self.broken:
                    message = (
                        _("Dòng %(line)s: merged_into_code %(code)s không phải là mã của một tỉnh hiện hành.")
                        if level == "province"
                        else _(
                            "Dòng %(line)s: merged_into_code %(code)s không phải là mã của một xã, phường hiện hành."
                        )
                    )
                    self.error(successor.line, message % {"line": successor.line, "code": successor.code})
        return current

    def resolve_provinces(self, communes: list[_Unit], province_entries: list[_Entry]) -> None:
        """Each commune's province: the current one for a current commune, else the one in force on its last day."""
        by_code: dict[str, list[_Entry]] = defaultdict(list)
        for entry in province_entries:
            by_code[entry.code].append(entry)
        for unit in communes:
            candidates = by_code.get(unit.province_code, [])
            if unit.is_current:
                found = next((e for e in candidates if e.valid_to is None), None)
            else:
                # Prefer the province that ended with the commune (the 2025 case), then any in force that day.
                found = next((e for e in candidates if e.valid_to == unit.valid_to), None) or next(
                    (e for e in candidates if e.covers(unit.valid_to)), None
                )
            if found is not None:
                unit.province = found
            elif ("province", unit.province_code) not in self.broken:
                if unit.is_current:
                    message = _("Dòng %(line)s: không có tỉnh hiện hành mã %(code)s.") % {
                        "line": unit.line,
                        "code": unit.province_code,
                    }
                else:
                    message = _("Dòng %(line)s: không có tỉnh mã %(code)s còn hiệu lực vào ngày %(date)s.") % {
                        "line": unit.line,
                        "code": unit.province_code,
                        "date": unit.valid_to.isoformat(),
                    }
                self.error(unit.line, message)

    # -- writing ---------------------------------------------------------------------------

    def write_units(
        self, model, units: list[_Unit], existing: dict[int, dict], fields: list[str], values, tally: Tally
    ):
        # Written a batch at a time, so that a large file never has all its model instances at once;
        # every update before any create, as a unit the file retires frees its code for a new one.
        batch: list = []
        for unit in units:
            if unit.existing_id is None:
                continue
            unit.pk = unit.existing_id
            wanted = values(unit)
            current = existing[unit.existing_id]
            if all(current[f] == wanted[f] for f in fields):
                tally.unchanged += 1
                continue
            batch.append(model(pk=unit.existing_id, **wanted))
            if len(batch) >= BATCH_SIZE:
                model.objects.bulk_update(batch, fields, batch_size=BATCH_SIZE)
                tally.updated += len(batch)
                batch = []
        model.objects.bulk_update(batch, fields, batch_size=BATCH_SIZE)
        tally.updated += len(batch)

        created: list[tuple[_Unit, Any]] = []
        for position, unit in enumerate(units, start=1):
            if unit.existing_id is None:
                created.append((unit, model(**values(unit))))
            if len(created) >= BATCH_SIZE or (position == len(units) and created):
                model.objects.bulk_create([obj for _unit, obj in created], batch_size=BATCH_SIZE)
                for new_unit, obj in created:
                    new_unit.pk = obj.pk
                tally.created += len(created)
                created = []

    def write_successions(self, communes: list[_Unit], current_communes: dict[str, _Entry]) -> None:
        tally = self.result.successions
        predecessor_ids = {u.pk for u in communes if not u.is_current}
        if not predecessor_ids:
            return
        existing: dict[tuple[int, int], tuple] = {}
        for row in UnitSuccession.objects.values_list(
            "id", "predecessor_id", "successor_id", "effective", "is_default"
        ):
            if row[1] in predecessor_ids:
                existing[(row[1], row[2])] = row

        wanted: dict[tuple[int, int], tuple[dt.date, bool]] = {}
        for unit in communes:
            for successor in unit.successors:
                wanted[(unit.pk, current_communes[successor.code].resolve_pk())] = (
                    successor.effective,
                    successor.is_default,
                )

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

    def run(self, rows: Iterable[Mapping[str, Any]]) -> ImportResult:
        units = self.group(rows)
        provinces, communes = units["province"], units["commune"]

        province_rows = list(Province.objects.order_by().values("id", "code", "name", "kind", "valid_from", "valid_to"))
        commune_rows = list(
            Commune.objects.order_by().values(
                "id", "code", "name", "kind", "province_id", "latitude", "longitude", "valid_from", "valid_to"
            )
        )
        province_entries = self.match(provinces, province_rows)
        commune_entries = self.match(communes, commune_rows)
        self.check_identity(province_entries)
        self.check_identity(commune_entries)
        self.check_successors(provinces, province_entries, "province")
        current_communes = self.check_successors(communes, commune_entries, "commune")
        self.resolve_provinces(communes, province_entries)

        if self.result.errors:
            self.result.errors.sort(key=lambda e: e.line)
            return self.result

        self.write_units(
            Province,
            provinces,
            {r["id"]: r for r in province_rows},
            ["code", "name", "kind", "valid_from", "valid_to"],
            lambda u: {
                "code": u.code,
                "name": u.name,
                "kind": u.kind,
                "valid_from": u.valid_from,
                "valid_to": u.valid_to,
            },
            self.result.provinces,
        )
        self.write_units(
            Commune,
            communes,
            {r["id"]: r for r in commune_rows},
            ["code", "name", "kind", "province_id", "latitude", "longitude", "valid_from", "valid_to"],
            lambda u: {
                "code": u.code,
                "name": u.name,
                "kind": u.kind,
                "province_id": u.province.resolve_pk(),
                "latitude": _degrees(u.latitude),
                "longitude": _degrees(u.longitude),
                "valid_from": u.valid_from,
                "valid_to": u.valid_to,
            },
            self.result.communes,
        )
        self.write_successions(communes, current_communes)
        return self.result


@transaction.atomic
def import_units(*, rows: Iterable[Mapping[str, Any]], source: str) -> ImportResult:
    """Validate every row, then create or update the units and their successions.

    ``rows`` are dicts keyed by the CSV columns (docs/localities.md); a ``line`` key,
    when present, is the line number quoted in errors (else the position + 2, as if
    read from a file with a header). If ``result.errors`` is not empty nothing was written.
    """
    result = _Importer(source).run(rows)
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
