"""Importing cadres: check every row, plan creates and updates, then write all of them or none.

``cadres_import`` is the service. It is used by ``manage.py import_cadres``, by the admin
screen's Celery task (``accounts.tasks``) and by the bench. The rules (docs/people.md):

* A row is matched to an existing person by phone number or by username (any case). If the phone
  belongs to one person and the username to another, or the phone to a person with a different
  username, the row is an error: nothing is guessed.
* Empty optional cells leave existing values as they are; roles are added, never taken away.
* The commune is given by its official code; it must be a current unit inside the acting user's
  scope, and so must the person updated. Managers place and update learners only (Cadres, Team
  leaders); the Trainers role may be given by a superuser; Managers never through a file.
* Every error is reported per row (``Dòng N: ...``) and nothing is written if there is one.

The file is read as a stream, twice, ROWS_PER_BATCH rows at a time: the first pass checks every
row (and the database lookups are made per batch); only if no row is bad, the second pass, in the
same transaction, plans each batch again and writes it in bulk. What is kept across batches, and so
grows with the file, is compact: the phone numbers and usernames seen (to refuse duplicates), the
ids of existing people matched (to refuse two rows for one person), the names of new units and
teams, and the ids of people created or moved. Lookups of communes, units and teams grow with the
database's few thousand of them, not with the file. The report keeps the first REPORT_ROWS rows
and REPORT_ERRORS errors, and the counts.
"""

from __future__ import annotations

import itertools
import re
import secrets
import time
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from localities.models import Commune, UnitSuccession

from ..models import CommuneChange, Team, TeamMembership, Unit, User
from ..roles import CADRES, MANAGERS, TEAM_LEADERS, TRAINERS
from ..scopes import _scope_rows, commune_filter, sees_everything
from ..signals import people_arrived
from ..text import nfc, normalize_phone
from .columns import BY_KEY, fold
from .reading import Table

CHUNK = 900  # ids or values per IN (...): under SQLite's parameter limit
BATCH = 1000  # rows per bulk INSERT
ROWS_PER_BATCH = CHUNK  # rows of the file checked, then written, together: one IN (...) per lookup
SAME_VALUES_GROUP = 20  # updates setting the same values to at least this many people go out as one UPDATE
REPORT_ROWS = 500  # rows of the plan kept in a job's report for the preview
REPORT_ERRORS = 1000  # errors kept in a job's report (the count is always exact)

ProgressCallback = Callable[[str, int, int], None]

USER_FIELDS = ("full_name", "phone", "email", "position", "unit_id", "commune_id")
LEARNER_ROLES = {CADRES, TEAM_LEADERS}
# Changes that can bring a person into an assignment rule's target (people_arrived).
ARRIVALS = {"commune", "team", "unit", "roles"}
ROLE_WORDS = {
    **dict.fromkeys(("canbo", "cadre", "cadres", "hocvien"), CADRES),
    **dict.fromkeys(("totruong", "teamleader", "teamleaders", "leader"), TEAM_LEADERS),
    **dict.fromkeys(("giangvien", "trainer", "trainers"), TRAINERS),
    **dict.fromkeys(("quanly", "canboquanly", "manager", "managers"), MANAGERS),
}
TEAM_ROLE_WORDS = {
    **dict.fromkeys(("totruong", "leader", "truong"), TeamMembership.Role.LEADER),
    **dict.fromkeys(("thanhvien", "member", "tovien"), TeamMembership.Role.MEMBER),
}

_VIETNAMESE_LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
VIETNAMESE_LETTERS = frozenset(_VIETNAMESE_LOWER + _VIETNAMESE_LOWER.upper())
NAME_PUNCTUATION = frozenset(" -'.’")
# Letters and signs of the Latin-1 and Latin Extended ranges that Vietnamese never uses: what text
# typed in TCVN3 or VNI turns into when it is wrongly converted to Unicode (NguyÔn, Ñöùc, Th¸i).
SUSPICIOUS = frozenset(
    chr(code) for code in range(0xA1, 0x250) if chr(code) not in VIETNAMESE_LETTERS and chr(code) not in "«»°·×–"
)
_MARKED_VOWELS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# VNI writes a base vowel followed by a mark ("Nguyeãn", "Vaên"): an unmarked a/e directly before a
# marked vowel, or o before â/ê, never happens in Vietnamese spelling.
VNI_PATTERN = re.compile(f"[aeAE][{_MARKED_VOWELS}{_MARKED_VOWELS.upper()}]|[oO][âêÂÊ]")
NUMERIC = re.compile(r"^[+\-]?[\d\s.()\-]*$")
CODE = re.compile(r"[0-9A-Za-z]{1,8}")
USERNAME_VALIDATOR = UnicodeUsernameValidator()
MAX_LENGTH = {"username": 150, "full_name": 150, "email": 254, "position": 150, "unit": 200, "team": 200}


class ImportConflict(Exception):
    """The database changed under the import; nothing was written. The message says so, in Vietnamese."""


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class RowPlan:
    line: int
    username: str = ""
    full_name: str = ""
    phone: str | None = None
    email: str = ""
    position: str = ""
    unit_name: str = ""
    commune_code: str = ""
    team_name: str = ""
    team_role: str = ""
    roles: set[str] = field(default_factory=set)
    given: set[str] = field(default_factory=set)  # columns with a value on this row
    commune_id: int | None = None
    user_id: int | None = None
    action: str = "error"  # create | update | unchanged | error
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "line": self.line,
            "action": self.action,
            "username": self.username,
            "full_name": self.full_name,
            "phone": self.phone or "",
            "commune_code": self.commune_code,
            "team": self.team_name,
            "changes": self.changes,
        }


@dataclass
class ImportReport:
    total_rows: int = 0
    blank_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)  # the first REPORT_ERRORS, in line order
    error_count: int = 0
    error_lines: int = 0
    rows: list[RowPlan] = field(default_factory=list)  # the first REPORT_ROWS rows without errors
    new_units: list[str] = field(default_factory=list)
    new_teams: list[str] = field(default_factory=list)
    moved: int = 0
    applied: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error_count

    def add_error(self, error: RowError, sink: Callable[[RowError], Any] | None = None) -> None:
        self.error_count += 1
        if len(self.errors) < REPORT_ERRORS:
            self.errors.append(error)
        if sink is not None:
            sink(error)

    def as_json(self) -> dict:
        shown = self.rows[:REPORT_ROWS]
        return {
            "total_rows": self.total_rows,
            "blank_rows": self.blank_rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "moved": self.moved,
            "error_count": self.error_count,
            "error_lines": self.error_lines,
            "errors": [{"line": e.line, "message": e.message} for e in self.errors[:REPORT_ERRORS]],
            "rows": [r.as_json() for r in shown],
            "rows_truncated": max(0, self.created + self.updated + self.unchanged - len(shown)),
            "new_units": self.new_units[:100],
            "new_teams": self.new_teams[:100],
            "applied": self.applied,
            "seconds": round(self.seconds, 2),
        }


def _chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _batches(rows: Iterable) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, ROWS_PER_BATCH)):
        yield batch


def _phone_key(phone: str) -> int | str:
    """A phone number as a dictionary key: its digits as one int take half the memory of the text."""
    digits = phone[1:] if phone.startswith("+") else phone
    return int(digits) if digits.isdigit() and not digits.startswith("0") else phone


class _ChangedMeanwhile(Exception):
    """A row checked good in the first pass is bad in the second: the database changed in between."""


@dataclass
class _Batch:
    """One batch of rows planned against the database, with what its writing needs."""

    plans: list[RowPlan]
    rows_by_id: dict[int, dict] = field(default_factory=dict)
    roles: dict[int, set[str]] = field(default_factory=dict)
    memberships: dict[tuple[int, int], str] = field(default_factory=dict)
    new_units: dict[str, str] = field(default_factory=dict)
    new_teams: dict[tuple[int, str], str] = field(default_factory=dict)


# --- one row, without the database ---------------------------------------------------------------


def _label(key: str) -> str:
    return str(BY_KEY[key].label)


def phone_from_cell(raw: str) -> str:
    """A number Excel stored as a number loses its leading zero (912345678): put it back."""
    digits = raw.strip()
    if digits.isdigit() and len(digits) == 9 and digits[0] in "235789":
        return "0" + digits
    return raw


def commune_code_from_cell(raw: str) -> str:
    code = raw.strip()
    if code.isdigit() and len(code) < 5:
        return code.zfill(5)  # Excel drops the leading zeros of 00004
    return code


def _text_problem(line: int, key: str, value: str, *, strict_letters: bool) -> str | None:
    odd = sorted({ch for ch in value if ch in SUSPICIOUS})
    if strict_letters:
        odd += sorted({ch for ch in value if not (ch in VIETNAMESE_LETTERS or ch in NAME_PUNCTUATION)} - set(odd))
    if odd or (strict_letters and VNI_PATTERN.search(value)):
        shown = "".join(odd) or VNI_PATTERN.search(value).group(0)
        return _(
            "Dòng %(line)s: «%(column)s» có ký tự lạ «%(chars)s» (%(value)s): có lẽ tệp được gõ bằng bảng mã cũ "
            "TCVN3 hoặc VNI. Hãy chuyển sang Unicode (công cụ chuyển mã của Unikey) rồi lưu lại."
        ) % {"line": line, "column": _label(key), "chars": shown, "value": value}
    return None


def clean_row(line: int, cells: dict[str, str], *, overflow: bool, actor_is_superuser: bool) -> RowPlan:
    """Check and normalise one row's cells (no database); problems go to ``plan.errors``."""
    plan = RowPlan(line=line)
    errors = plan.errors
    if overflow:
        errors.append(
            _("Dòng %(line)s: có giá trị nằm ngoài các cột có tiêu đề (thừa dấu phân cách?).") % {"line": line}
        )
    values: dict[str, str] = {}
    for key, raw in cells.items():
        raw = (raw or "").strip()
        if not raw:
            continue
        if raw[0] in "=@" or (raw[0] in "+-" and not NUMERIC.match(raw)):
            errors.append(
                _(
                    "Dòng %(line)s: ô «%(column)s» bắt đầu bằng «%(sign)s» như một công thức (%(value)s); "
                    "tệp nhập không được chứa công thức, hãy ghi giá trị."
                )
                % {"line": line, "column": _label(key), "sign": raw[0], "value": raw[:40]}
            )
            continue
        values[key] = nfc(raw)
    plan.given = set(values)

    for key, limit in MAX_LENGTH.items():
        if len(values.get(key, "")) > limit:
            errors.append(
                _("Dòng %(line)s: «%(column)s» dài quá %(limit)s ký tự.")
                % {"line": line, "column": _label(key), "limit": limit}
            )
            values.pop(key)

    plan.full_name = values.get("full_name", "")
    if not (cells.get("full_name") or "").strip():
        errors.append(_("Dòng %(line)s: thiếu «Họ và tên».") % {"line": line})
    elif plan.full_name:
        problem = _text_problem(line, "full_name", plan.full_name, strict_letters=True)
        if problem:
            errors.append(problem)
    for key in ("position", "unit", "team"):
        if values.get(key):
            problem = _text_problem(line, key, values[key], strict_letters=False)
            if problem:
                errors.append(problem)

    username = values.get("username", "")
    if username:
        if " " in username:
            errors.append(
                _("Dòng %(line)s: tên đăng nhập «%(value)s» không được có dấu cách.")
                % {"line": line, "value": username}
            )
        else:
            try:
                USERNAME_VALIDATOR(username)
            except ValidationError:
                errors.append(
                    _("Dòng %(line)s: tên đăng nhập «%(value)s» chỉ được gồm chữ, số và các ký tự . @ + - _")
                    % {"line": line, "value": username}
                )
    plan.username = username

    if values.get("phone"):
        try:
            plan.phone = normalize_phone(phone_from_cell(values["phone"]))
        except ValidationError:
            errors.append(
                _("Dòng %(line)s: số điện thoại «%(value)s» không hợp lệ (ví dụ đúng: 0912 345 678).")
                % {"line": line, "value": values["phone"]}
            )
    if not (cells.get("username") or "").strip() and not (cells.get("phone") or "").strip():
        errors.append(_("Dòng %(line)s: cần số điện thoại hoặc tên đăng nhập.") % {"line": line})

    if values.get("email"):
        email = values["email"].lower()
        try:
            validate_email(email)
            plan.email = email
        except ValidationError:
            errors.append(
                _("Dòng %(line)s: thư điện tử «%(value)s» không hợp lệ.") % {"line": line, "value": values["email"]}
            )
    plan.position = values.get("position", "")
    plan.unit_name = values.get("unit", "")

    code = commune_code_from_cell(values.get("commune_code", ""))
    if not code:
        errors.append(_("Dòng %(line)s: thiếu «Mã xã, phường».") % {"line": line})
    elif not CODE.fullmatch(code):
        errors.append(_("Dòng %(line)s: mã xã, phường «%(value)s» không hợp lệ.") % {"line": line, "value": code})
    plan.commune_code = code

    plan.team_name = values.get("team", "")
    raw_team_role = values.get("team_role", "")
    if raw_team_role:
        plan.team_role = TEAM_ROLE_WORDS.get(fold(raw_team_role), "")
        if not plan.team_role:
            errors.append(
                _("Dòng %(line)s: vai trò trong tổ «%(value)s» không hợp lệ; dùng «Tổ trưởng» hoặc «Thành viên».")
                % {"line": line, "value": raw_team_role}
            )
        elif not plan.team_name:
            errors.append(_("Dòng %(line)s: có «Vai trò trong tổ» nhưng thiếu «Tổ công nghệ số».") % {"line": line})
    elif plan.team_name:
        plan.team_role = TeamMembership.Role.MEMBER

    for word in re.split(r"[,;/]", values.get("role", "")):
        if not word.strip():
            continue
        role = ROLE_WORDS.get(fold(word))
        if role is None:
            errors.append(
                _("Dòng %(line)s: vai trò «%(value)s» không hợp lệ; dùng «Cán bộ» hoặc «Tổ trưởng».")
                % {"line": line, "value": word.strip()}
            )
        elif role == MANAGERS or (role == TRAINERS and not actor_is_superuser):
            errors.append(
                _("Dòng %(line)s: không thể gán vai trò «%(value)s» bằng nhập tệp; hãy gán trong trang quản trị.")
                % {"line": line, "value": word.strip()}
            )
        else:
            plan.roles.add(role)
    if TEAM_LEADERS in plan.roles or plan.team_role == TeamMembership.Role.LEADER:
        plan.roles |= {CADRES, TEAM_LEADERS}
    return plan


def unusable_password() -> str:
    """What ``make_password(None)`` stores ("!" and random text), without its slow per-character random choice."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def local_username(phone: str) -> str:
    """The username given to a new cadre without one: their number as they write it (0912345678)."""
    return "0" + phone[3:] if phone.startswith("+84") else phone.lstrip("+")


# --- the file, with the database -----------------------------------------------------------------


class _Planner:
    def __init__(self, *, actor: User, progress: ProgressCallback | None, on_error=None):
        self.actor = actor
        self.superuser = sees_everything(actor)
        self.progress = progress or (lambda phase, done, total: None)
        self.on_error = on_error
        self.report = ImportReport()
        # What the first pass keeps across batches: the cross-row keys, which grow with the file...
        self.seen_phone: dict[int | str, int] = {}  # phone (its digits as a number) -> first line
        self.seen_username: dict[str, int] = {}  # username given in the file, lower case -> first line
        self.matched_lines: dict[int, int] = {}  # id of an existing person matched -> line
        self.new_units: dict[str, str] = {}
        self.new_teams: dict[tuple[int, str], str] = {}
        # ...and lookups bounded by the database's units, communes and teams, not by the file.
        self.current: dict[str, dict] = {}
        self.in_scope_codes: set[str] = set()
        self.former: dict[str, dict] = {}
        self.unknown: set[str] = set()
        self._units: dict[str, int] | None = None
        self.teams: dict[tuple[int, str], int] = {}
        self.team_communes: set[int] = set()
        self._groups: dict[str, int] | None = None
        self.arrivals = array("q")  # ids of people created or moved, for people_arrived

    def error(self, plan: RowPlan, message: str) -> None:
        plan.errors.append(message)

    # lookups, each chunked so that the number of queries grows with the file, never per row
    def communes(self, codes: list[str]) -> tuple[dict[str, dict], set[str], dict[str, dict]]:
        current, in_scope, former = {}, set(), {}
        scope = commune_filter(self.actor)
        for chunk in _chunks(codes):
            for row in Commune.objects.current().filter(code__in=chunk).values("id", "code", "name", "province_id"):
                current[row["code"]] = row
            in_scope.update(Commune.objects.current().filter(scope, code__in=chunk).values_list("code", flat=True))
        missing = [c for c in codes if c not in current]
        for chunk in _chunks(missing):
            for row in UnitSuccession.objects.filter(
                predecessor__code__in=chunk, is_default=True, successor__valid_to__isnull=True
            ).values("predecessor__code", "predecessor__name", "successor__code", "successor__name"):
                former[row["predecessor__code"]] = row
        return current, in_scope, former

    def users(self, phones: list[str], usernames: list[str]) -> tuple[dict[str, dict], dict[str, dict]]:
        fields = ("id", "username", "is_superuser", "is_active", "commune__province_id", *USER_FIELDS)
        by_phone, by_username = {}, {}
        for chunk in _chunks(phones):
            for row in User.objects.filter(phone__in=chunk).values(*fields):
                by_phone[row["phone"]] = row
        for chunk in _chunks(usernames):
            for row in (
                User.objects.annotate(username_lower=Lower("username"))
                .filter(username_lower__in=chunk)
                .values(*fields, "username_lower")
            ):
                by_username[row["username_lower"]] = row
        return by_phone, by_username

    def roles_of(self, user_ids: list[int]) -> dict[int, set[str]]:
        roles: dict[int, set[str]] = defaultdict(set)
        through = User.groups.through
        for chunk in _chunks(user_ids):
            for user_id, name in through.objects.filter(user_id__in=chunk).values_list("user_id", "group__name"):
                roles[user_id].add(name)
        return roles

    def in_scope(self, row: dict) -> bool:
        if self.superuser:
            return True
        commune_id = row["commune_id"]
        if commune_id is None:
            return False
        for province_id, scoped_commune in _scope_rows(self.actor):
            if scoped_commune == commune_id or (province_id and province_id == row["commune__province_id"]):
                return True
        return False

    # --- checking -------------------------------------------------------------------------------

    def check(self, table: Table) -> None:
        """The first pass: every row checked, in batches; only counts, the first rows and errors, and
        the compact keys of the cross-row checks are kept (see the module's docstring)."""
        report = self.report
        report.blank_rows = table.blank_rows
        report.total_rows = total = table.total_rows
        done = 0
        self.progress("check", 0, total)
        for rows in _batches(table.iter_rows()):
            batch = self._plan_batch(table, rows, first_pass=True)
            for plan in batch.plans:
                if plan.errors:
                    report.error_lines += 1
                    for message in plan.errors:
                        report.add_error(RowError(plan.line, message), self.on_error)
                    continue
                if plan.action == "create":
                    report.created += 1
                elif plan.action == "update":
                    report.updated += 1
                    report.moved += "commune" in plan.changes
                else:
                    report.unchanged += 1
                if len(report.rows) < REPORT_ROWS:
                    report.rows.append(plan)
            done += len(rows)
            self.progress("check", done, total)
        report.new_units = sorted(self.new_units.values())
        report.new_teams = sorted(self.new_teams.values())

    def _plan_batch(self, table: Table, rows: list, *, first_pass: bool) -> _Batch:
        """Plan one batch of rows against the database as it stands (and, in the first pass, against
        the rows before them in the file); problems go to each plan's ``errors``."""
        plans = [
            clean_row(
                line,
                {key: cells[i] for i, key in enumerate(table.columns) if key},
                overflow=overflow,
                actor_is_superuser=self.superuser,
            )
            for line, cells, overflow in rows
        ]
        if first_pass:
            self._duplicates(plans)

        # communes, remembered across batches (there are a few thousand)
        codes = sorted({p.commune_code for p in plans if p.commune_code and CODE.fullmatch(p.commune_code)})
        self._load_communes([c for c in codes if c not in self.current and c not in self.unknown])
        for plan in plans:
            if not plan.commune_code or not CODE.fullmatch(plan.commune_code):
                continue  # missing or malformed: already reported
            commune = self.current.get(plan.commune_code)
            if commune is None:
                self._unknown_commune(plan, self.former)
            elif plan.commune_code not in self.in_scope_codes:
                self.error(
                    plan,
                    _("Dòng %(line)s: xã, phường «%(name)s» (mã %(code)s) nằm ngoài phạm vi bạn quản lý.")
                    % {"line": plan.line, "name": commune["name"], "code": plan.commune_code},
                )
            else:
                plan.commune_id = commune["id"]

        # people already there
        generated = {id(p): local_username(p.phone) for p in plans if not p.username and p.phone}
        usernames = sorted({p.username.lower() for p in plans if p.username} | {u.lower() for u in generated.values()})
        phones = sorted({p.phone for p in plans if p.phone})
        by_phone, by_username = self.users(phones, usernames)
        matched_lines = self.matched_lines if first_pass else {}
        for plan in plans:
            self._match(plan, by_phone, by_username, generated.get(id(plan)), matched_lines)

        # what would change
        batch = _Batch(plans=plans)
        batch.roles = self.roles_of([p.user_id for p in plans if p.user_id])
        batch.rows_by_id = {row["id"]: row for row in [*by_phone.values(), *by_username.values()]}
        units = self.units()
        self._load_teams(sorted({p.commune_id for p in plans if p.commune_id and p.team_name}))
        for chunk in _chunks([p.user_id for p in plans if p.user_id and p.team_name]):
            for user_id, team_id, role in TeamMembership.objects.filter(user_id__in=chunk).values_list(
                "user_id", "team_id", "role"
            ):
                batch.memberships[(user_id, team_id)] = role
        for plan in plans:
            if plan.errors:
                continue
            if plan.unit_name and plan.unit_name.lower() not in units:
                batch.new_units.setdefault(plan.unit_name.lower(), plan.unit_name)
            team_key = (plan.commune_id, plan.team_name.lower()) if plan.team_name else None
            if team_key and team_key not in self.teams:
                batch.new_teams.setdefault(team_key, plan.team_name)
            if plan.user_id is None:
                plan.action = "create"
                if not plan.roles:
                    plan.roles = {CADRES}
                continue
            row = batch.rows_by_id[plan.user_id]
            held = batch.roles.get(plan.user_id, set())
            if not self.superuser and held - LEARNER_ROLES:
                plan.errors.append(
                    _(
                        "Dòng %(line)s: tài khoản «%(username)s» có vai trò quản trị (giảng viên, quản lý); "
                        "không cập nhật bằng nhập tệp."
                    )
                    % {"line": plan.line, "username": plan.username}
                )
                plan.action = "error"
                continue
            changes = []
            for name, value in (
                ("full_name", plan.full_name),
                ("phone", plan.phone),
                ("email", plan.email),
                ("position", plan.position),
            ):
                if value and row[name] != value:
                    changes.append(name)
            unit_key = plan.unit_name.lower()
            if plan.unit_name and (unit_key not in units or units[unit_key] != row["unit_id"]):
                changes.append("unit")
            if plan.commune_id != row["commune_id"]:
                changes.append("commune")
            if plan.roles - held:
                changes.append("roles")
            if team_key:
                team_id = self.teams.get(team_key)
                if team_id is None or batch.memberships.get((plan.user_id, team_id)) != plan.team_role:
                    changes.append("team")
            plan.changes = changes
            plan.action = "update" if changes else "unchanged"
        if first_pass:
            self.new_units.update(batch.new_units)
            self.new_teams.update(batch.new_teams)
        return batch

    def _duplicates(self, plans: list[RowPlan]) -> None:
        """The same phone or username on an earlier row of the file (any batch)."""
        for plan in plans:
            if plan.phone:
                key = _phone_key(plan.phone)
                first = self.seen_phone.setdefault(key, plan.line)
                if first != plan.line:
                    self.error(
                        plan,
                        _("Dòng %(line)s: số điện thoại «%(phone)s» trùng với dòng %(first)s.")
                        % {"line": plan.line, "phone": plan.phone, "first": first},
                    )
            if plan.username:
                first = self.seen_username.setdefault(plan.username.lower(), plan.line)
                if first != plan.line:
                    self.error(
                        plan,
                        _("Dòng %(line)s: tên đăng nhập «%(username)s» trùng với dòng %(first)s.")
                        % {"line": plan.line, "username": plan.username, "first": first},
                    )

    def _load_communes(self, codes: list[str]) -> None:
        if not codes:
            return
        current, in_scope, former = self.communes(codes)
        self.current.update(current)
        self.in_scope_codes |= in_scope
        self.former.update(former)
        self.unknown.update(c for c in codes if c not in current)

    def units(self) -> dict[str, int]:
        if self._units is None:
            self._units = {name.lower(): pk for pk, name in Unit.objects.values_list("pk", "name")}
        return self._units

    def _load_teams(self, commune_ids: list[int]) -> None:
        missing = [c for c in commune_ids if c not in self.team_communes]
        for chunk in _chunks(missing):
            for pk, commune_id, name in Team.objects.filter(commune_id__in=chunk).values_list(
                "pk", "commune_id", "name"
            ):
                self.teams[(commune_id, name.lower())] = pk
        self.team_communes.update(missing)

    def _unknown_commune(self, plan: RowPlan, former: dict[str, dict]) -> None:
        old = former.get(plan.commune_code)
        if old:
            self.error(
                plan,
                _(
                    "Dòng %(line)s: mã %(code)s là của đơn vị cũ «%(old)s», nay thuộc «%(new)s»; "
                    "hãy dùng mã mới %(new_code)s."
                )
                % {
                    "line": plan.line,
                    "code": plan.commune_code,
                    "old": old["predecessor__name"],
                    "new": old["successor__name"],
                    "new_code": old["successor__code"],
                },
            )
        else:
            self.error(
                plan,
                _("Dòng %(line)s: không có xã, phường hiện hành nào mang mã «%(code)s».")
                % {"line": plan.line, "code": plan.commune_code},
            )

    def _match(self, plan, by_phone, by_username, generated, matched_lines) -> None:
        phone_row = by_phone.get(plan.phone) if plan.phone else None
        name_row = by_username.get(plan.username.lower()) if plan.username else None
        target = None
        if phone_row and name_row and phone_row["id"] != name_row["id"]:
            self.error(
                plan,
                _(
                    "Dòng %(line)s: số điện thoại «%(phone)s» thuộc một tài khoản, còn tên đăng nhập «%(username)s» "
                    "thuộc một tài khoản khác. Hãy sửa cho khớp một người."
                )
                % {"line": plan.line, "phone": plan.phone, "username": plan.username},
            )
            return
        if phone_row and plan.username and not name_row:
            self.error(
                plan,
                _(
                    "Dòng %(line)s: số điện thoại «%(phone)s» đã thuộc một tài khoản có tên đăng nhập khác "
                    "«%(username)s»; tên đăng nhập không đổi được bằng nhập tệp."
                )
                % {
                    "line": plan.line,
                    "phone": plan.phone,
                    "username": phone_row["username"] if self.in_scope(phone_row) else "…",
                },
            )
            return
        target = phone_row or name_row
        if target is None:
            if not plan.username:
                plan.username = generated or ""
                taken = by_username.get(plan.username.lower())
                if taken:
                    self.error(
                        plan,
                        _(
                            "Dòng %(line)s: tên đăng nhập tự đặt theo số điện thoại «%(username)s» đã có người dùng; "
                            "hãy điền cột «Tên đăng nhập»."
                        )
                        % {"line": plan.line, "username": plan.username},
                    )
            return
        if not self.in_scope(target) or (target["is_superuser"] and not self.superuser):
            self.error(
                plan,
                _(
                    "Dòng %(line)s: người có số điện thoại hoặc tên đăng nhập này thuộc một xã, phường ngoài phạm vi "
                    "bạn quản lý; không cập nhật được."
                )
                % {"line": plan.line},
            )
            return
        if target["id"] in matched_lines:
            self.error(
                plan,
                _("Dòng %(line)s: là cùng một người với dòng %(first)s.")
                % {"line": plan.line, "first": matched_lines[target["id"]]},
            )
            return
        matched_lines[target["id"]] = plan.line
        plan.user_id = target["id"]
        plan.username = target["username"]

    # --- writing -------------------------------------------------------------------------------

    def apply(self, table: Table) -> None:
        """The second pass, inside the caller's transaction: each batch is planned again (the database
        now holds the batches before it) and written in bulk. A row that turns bad now means the data
        changed under the import: everything is rolled back."""
        total = self.report.total_rows
        done = 0
        self.progress("write", 0, total)
        for rows in _batches(table.iter_rows()):
            batch = self._plan_batch(table, rows, first_pass=False)
            if any(plan.errors for plan in batch.plans):
                raise _ChangedMeanwhile
            self._write(batch)
            done += len(rows)
            self.progress("write", done, total)
        self.report.applied = True

    def _write(self, batch: _Batch) -> None:
        now = timezone.now()
        if batch.new_units:
            Unit.objects.bulk_create([Unit(name=name) for name in batch.new_units.values()], batch_size=BATCH)
            names = list(batch.new_units.values())
            for chunk in _chunks(names):
                for pk, name in Unit.objects.filter(name__in=chunk).values_list("pk", "name"):
                    self.units()[name.lower()] = pk
        if batch.new_teams:
            Team.objects.bulk_create(
                [Team(commune_id=commune_id, name=name) for (commune_id, _key), name in batch.new_teams.items()],
                batch_size=BATCH,
            )
            commune_ids = sorted({commune_id for commune_id, _key in batch.new_teams})
            self.team_communes.difference_update(commune_ids)
            self._load_teams(commune_ids)

        creates = [p for p in batch.plans if p.action == "create"]
        updates = [p for p in batch.plans if p.action == "update"]
        units = self.units()
        users = [
            User(
                username=p.username,
                full_name=p.full_name,
                phone=p.phone,
                email=p.email,
                position=p.position,
                unit_id=units.get(p.unit_name.lower()) if p.unit_name else None,
                commune_id=p.commune_id,
                password=unusable_password(),
                is_active=True,
                date_joined=now,
            )
            for p in creates
        ]
        User.objects.bulk_create(users, batch_size=BATCH)
        if any(u.pk is None for u in users):
            ids = dict(User.objects.filter(username__in=[u.username for u in users]).values_list("username", "pk"))
            for user in users:
                user.pk = ids[user.username]
        for plan, user in zip(creates, users, strict=True):
            plan.user_id = user.pk
            self.arrivals.append(user.pk)

        # Updates that set the same values (a new position for a whole commune, a move) go out as one
        # UPDATE ... WHERE id IN (...) per group; the rest as bulk_update in small batches (its CASE
        # WHEN costs grow with the square of the batch).
        groups: dict[tuple, list[int]] = defaultdict(list)
        moves = []
        for plan in updates:
            if ARRIVALS & set(plan.changes):
                self.arrivals.append(plan.user_id)
            row = batch.rows_by_id[plan.user_id]
            field_changes = set(plan.changes) - {"roles", "team"}
            if not field_changes:
                continue
            values = {}
            if "full_name" in field_changes:
                values["full_name"] = plan.full_name
            if "phone" in field_changes:
                values["phone"] = plan.phone
            if "email" in field_changes:
                values["email"] = plan.email
            if "position" in field_changes:
                values["position"] = plan.position
            if "unit" in field_changes:
                values["unit_id"] = units[plan.unit_name.lower()]
            if "commune" in field_changes:
                moves.append((plan.user_id, row["commune_id"], plan.commune_id))
                values["commune_id"] = plan.commune_id
            groups[tuple(sorted(values.items()))].append(plan.user_id)
        singles: dict[tuple[str, ...], list[User]] = defaultdict(list)
        for values, user_ids in groups.items():
            if len(user_ids) >= SAME_VALUES_GROUP:
                for chunk in _chunks(user_ids):
                    User.objects.filter(pk__in=chunk).update(**dict(values))
            else:
                fields = tuple(name for name, _value in values)
                singles[fields] += [User(pk=user_id, **dict(values)) for user_id in user_ids]
        for fields, people in singles.items():
            User.objects.bulk_update(people, list(fields), batch_size=100)
        if moves:
            CommuneChange.objects.bulk_create(
                [
                    CommuneChange(
                        user_id=user_id,
                        from_commune_id=before,
                        to_commune_id=after,
                        changed_at=now,
                        changed_by=self.actor if self.actor.pk else None,
                        source=CommuneChange.Source.IMPORT,
                    )
                    for user_id, before, after in moves
                ],
                batch_size=BATCH,
            )

        # roles: added, never taken away
        if self._groups is None:
            self._groups = dict(
                Group.objects.filter(name__in=[CADRES, TEAM_LEADERS, TRAINERS]).values_list("name", "pk")
            )
        through = User.groups.through
        links = [
            through(user_id=plan.user_id, group_id=self._groups[role])
            for plan in (*creates, *updates)
            for role in sorted(plan.roles - batch.roles.get(plan.user_id, set()))
            if role in self._groups
        ]
        through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)

        # team memberships
        new_members, changed_members = [], []
        for plan in (*creates, *updates):
            if not plan.team_name:
                continue
            team_id = self.teams[(plan.commune_id, plan.team_name.lower())]
            current = batch.memberships.get((plan.user_id, team_id))
            if current is None:
                new_members.append(TeamMembership(user_id=plan.user_id, team_id=team_id, role=plan.team_role))
            elif current != plan.team_role:
                changed_members.append((plan.user_id, team_id, plan.team_role))
        TeamMembership.objects.bulk_create(new_members, batch_size=BATCH)
        for user_id, team_id, role in changed_members:
            TeamMembership.objects.filter(user_id=user_id, team_id=team_id).update(role=role)


def cadres_import(
    *,
    table: Table,
    actor: User,
    dry_run: bool = False,
    source: str = "",
    progress: ProgressCallback | None = None,
    on_applied: Callable[[ImportReport], Any] | None = None,
    on_error: Callable[[RowError], Any] | None = None,
) -> ImportReport:
    """Check every row of ``table`` as ``actor`` would place them; unless ``dry_run`` or any row is bad,
    write them all in one transaction. ``report.applied`` says whether anything was written.

    ``report.errors`` keeps the first REPORT_ERRORS errors; ``on_error``, when given, receives every
    one of them, in line order, as they are found."""
    started = time.monotonic()
    try:
        with transaction.atomic():
            planner = _Planner(actor=actor, progress=progress, on_error=on_error)
            planner.check(table)
            report = planner.report
            if report.ok and not dry_run and (report.created or report.updated):
                planner.apply(table)
                # Assignment rules (courses) reach new people and people moved into their target.
                people_arrived.send(sender=User, user_ids=planner.arrivals)
                if on_applied is not None:
                    on_applied(report)
    except (IntegrityError, _ChangedMeanwhile):
        # Someone else wrote a phone number or username of the file between the check and the write.
        raise ImportConflict(
            _(
                "Dữ liệu vừa được người khác thay đổi trong lúc nhập (trùng số điện thoại hoặc tên đăng nhập); "
                "chưa nhập gì. Hãy chạy lại."
            )
        ) from None
    report.seconds = time.monotonic() - started
    return report
