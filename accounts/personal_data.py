"""What the platform holds about one person: their own download, a manager's export, anonymising.

Accounts contributes the profile, roles, teams, moves, one-time logins, login records and the
messages sent to the person (``notifications`` stands below accounts). Apps above accounts add
their own sections without accounts importing them: each has a ``<app>/personal_data.py``
module, found at start-up (``discover``, called from ``AccountsConfig.ready``), that calls
``register_section(key, label, collect, files=...)``: ``collect(user)`` returns a list of plain
dicts (strings, numbers, dates); ``files(user)`` the stored files that go with them, as
``(name in the archive, FieldFile)`` pairs. The same modules connect their receivers of
``accounts.services.person_anonymised``.

The person's ZIP (``as_zip``) holds ``du-lieu.json`` (every section), ``du-lieu.csv`` (every
value, one row each, for Excel), one CSV per section under ``bang/`` and the files under ``tep/``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import User
from .roles import ROLE_LABELS, user_roles
from .spreadsheets import csv_bytes

logger = logging.getLogger(__name__)

FileList = Iterable[tuple[str, FieldFile]]


@dataclass(frozen=True)
class Section:
    key: str
    label: object
    collect: Callable[[User], list[dict]]
    files: Callable[[User], FileList] | None = None


_sections: dict[str, Section] = {}


def register_section(
    key: str, label, collect: Callable[[User], list[dict]], *, files: Callable[[User], FileList] | None = None
) -> None:
    _sections[key] = Section(key, label, collect, files)


def discover() -> None:
    """Import every installed app's ``personal_data`` module (as Wagtail finds ``wagtail_hooks``)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("personal_data")


def sections() -> list[Section]:
    return list(_sections.values())


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


def _messages(user: User) -> list[dict]:
    from notifications.models import Message

    return [
        {
            "kind": str(message.get_kind_display()),
            "channel": str(message.get_channel_display()) if message.channel else "",
            "address": message.address,
            "subject": message.get_subject_display(),
            "text": message.get_text_display(),
            "status": str(message.get_status_display()),
            "created_at": message.created_at,
            "sent_at": message.sent_at,
        }
        for message in Message.objects.filter(user=user).order_by("created_at", "pk")
    ]


def _message_preference(user: User) -> list[dict]:
    from notifications.models import NotificationPreference

    preference = NotificationPreference.objects.filter(user=user).first()
    if preference is None:
        return []
    return [
        {
            "channel": str(preference.get_channel_display()) if preference.channel else "",
            "opted_out": preference.opted_out,
            "updated_at": preference.updated_at,
        }
    ]


register_section("profile", _("Hồ sơ"), _profile)
register_section("teams", _("Tổ công nghệ số"), _teams)
register_section("commune_changes", _("Chuyển xã, phường"), _moves)
register_section("one_time_logins", _("Mã đăng nhập một lần"), _one_time_logins)
register_section("logins", _("Nhật ký đăng nhập"), _logins)
register_section("notifications", _("Tin nhắn đã gửi"), _messages)
register_section("notification_preference", _("Cách nhận thông báo"), _message_preference)


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


def _cell(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value
    if isinstance(value, bool):
        return _("có") if value else _("không")
    return value


def as_csv(user: User) -> tuple[bytes, int]:
    """One CSV for every section: section, record number, field, value (opens in Excel with its diacritics)."""
    data = collect(user)
    rows = []
    for section in data["sections"].values():
        for number, record in enumerate(section["rows"], start=1):
            for field, value in record.items():
                rows.append([section["label"], number, field, _cell(value)])
    header = [str(_("Mục")), str(_("Số thứ tự")), str(_("Trường")), str(_("Giá trị"))]
    return csv_bytes(header, rows), len(rows)


def _section_csv(rows: list[dict]) -> bytes:
    fields: list[str] = []
    for record in rows:
        fields.extend(field for field in record if field not in fields)
    return csv_bytes(fields, [[_cell(record.get(field)) for field in fields] for record in rows])


@dataclass
class Archive:
    file: tempfile.SpooledTemporaryFile
    records: int  # rows over every section
    files: int  # stored files included
    missing: list[str]  # stored files that could not be read (named in the archive's own list)


def as_zip(user: User) -> Archive:
    """One ZIP of everything held about ``user``: JSON, CSV (all values, and one table per section)
    and the stored files (evidence, certificate PDFs). Built in a spooled temporary file, so a
    person with large files does not hold them all in memory."""
    data = collect(user)
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    records = sum(len(section["rows"]) for section in data["sections"].values())
    included, missing = 0, []
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("du-lieu.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        archive.writestr("du-lieu.csv", as_csv(user)[0])
        for key, section in data["sections"].items():
            if section["rows"]:
                archive.writestr(f"bang/{key}.csv", _section_csv(section["rows"]))
        for section in sections():
            if section.files is None:
                continue
            for name, stored in section.files(user):
                path = f"tep/{section.key}/{name}"
                try:
                    with stored.open("rb") as handle:
                        with archive.open(path, "w") as target:
                            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                                target.write(chunk)
                    included += 1
                except OSError:
                    # A file the store no longer has: say so in the archive rather than fail the export.
                    logger.warning("personal data: %s could not be read for user %s", stored.name, user.pk)
                    missing.append(path)
        if missing:
            archive.writestr("tep/khong-doc-duoc.txt", "\n".join(missing) + "\n")
    spool.seek(0)
    return Archive(file=spool, records=records, files=included, missing=missing)


def relabel_log_entries(objects: Iterable) -> None:
    """Log entries carry the label an object had when they were written (often with a person's
    name): after anonymising, each takes the object's label as it is now."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    for obj in objects:
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        ).update(label=str(obj)[:255])


def _forget_messages(sender, user, **kwargs):
    """Messages sent to an anonymised person keep their kind, channel and status (counts) and lose
    the address, the text, what filled it and a reason in free text (notifications.services)."""
    from notifications.services import messages_forget

    messages_forget(user_id=user.pk)


def _connect():
    from .services import person_anonymised

    person_anonymised.connect(_forget_messages, dispatch_uid="accounts.personal_data.forget_messages")


_connect()
