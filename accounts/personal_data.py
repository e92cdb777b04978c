"""What the platform holds about one person, for their own download (JSON and CSV).

Accounts contributes the profile, roles, teams, moves, one-time logins and login records.
Apps above accounts (courses, quizzes, certificates) add their own sections without accounts
importing them: in their AppConfig.ready(), call ``register_section(key, label, collect)``
where ``collect(user)`` returns a list of plain dicts (strings, numbers, dates).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import User
from .roles import ROLE_LABELS, user_roles
from .spreadsheets import csv_bytes


@dataclass(frozen=True)
class Section:
    key: str
    label: object
    collect: Callable[[User], list[dict]]


_sections: dict[str, Section] = {}


def register_section(key: str, label, collect: Callable[[User], list[dict]]) -> None:
    _sections[key] = Section(key, label, collect)


def _profile(user: User) -> list[dict]:
    commune = user.commune
    return [
        {
            "username": user.username,
            "full_name": user.full_name,
            "phone": user.phone or "",
            "email": user.email,
            "position": user.position,
            "unit": user.unit.name if user.unit_id else "",
            "commune": commune.name if commune else "",
            "commune_code": commune.code if commune else "",
            "province": commune.province.name if commune else "",
            "roles": ", ".join(str(ROLE_LABELS.get(r, r)) for r in sorted(user_roles(user))),
            "is_active": user.is_active,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        }
    ]


def _teams(user: User) -> list[dict]:
    return [
        {
            "team": m.team.name,
            "commune": m.team.commune.name,
            "village": m.team.village,
            "role": str(m.get_role_display()),
            "joined_at": m.joined_at,
        }
        for m in user.memberships.select_related("team", "team__commune").order_by("joined_at")
    ]


def _moves(user: User) -> list[dict]:
    return [
        {
            "from": change.from_commune.name if change.from_commune_id else "",
            "to": change.to_commune.name if change.to_commune_id else "",
            "changed_at": change.changed_at,
            "source": str(change.get_source_display()),
        }
        for change in user.commune_changes.select_related("from_commune", "to_commune").order_by("changed_at")
    ]


def _one_time_logins(user: User) -> list[dict]:
    return [
        {
            "purpose": str(r.get_purpose_display()),
            "created_at": r.created_at,
            "expires_at": r.expires_at,
            "used_at": r.used_at,
        }
        for r in user.one_time_logins.order_by("created_at")
    ]


def _logins(user: User) -> list[dict]:
    from axes.models import AccessLog

    names = {user.username, user.username.lower()} | ({user.phone} if user.phone else set())
    return [
        {
            "attempt_time": row.attempt_time,
            "logout_time": row.logout_time,
            "ip_address": row.ip_address or "",
            "user_agent": row.user_agent,
        }
        for row in AccessLog.objects.filter(username__in=names).order_by("attempt_time")
    ]


register_section("profile", _("Hồ sơ"), _profile)
register_section("teams", _("Tổ công nghệ số"), _teams)
register_section("commune_changes", _("Chuyển xã, phường"), _moves)
register_section("one_time_logins", _("Mã đăng nhập một lần"), _one_time_logins)
register_section("logins", _("Nhật ký đăng nhập"), _logins)


def collect(user: User) -> dict:
    """Every section, in registration order: ``{"generated_at": ..., "sections": {key: {"label", "rows"}}}``."""
    return {
        "generated_at": timezone.now(),
        "sections": {
            section.key: {"label": str(section.label), "rows": section.collect(user)} for section in _sections.values()
        },
    }


def as_json(user: User) -> bytes:
    return json.dumps(collect(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


def as_csv(user: User) -> tuple[bytes, int]:
    """One CSV for every section: section, record number, field, value (opens in Excel with its diacritics)."""
    data = collect(user)
    rows = []
    for section in data["sections"].values():
        for number, record in enumerate(section["rows"], start=1):
            for field, value in record.items():
                if isinstance(value, dt.datetime):
                    value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value
                elif isinstance(value, bool):
                    value = _("có") if value else _("không")
                rows.append([section["label"], number, field, value])
    header = [str(_("Mục")), str(_("Số thứ tự")), str(_("Trường")), str(_("Giá trị"))]
    return csv_bytes(header, rows), len(rows)
