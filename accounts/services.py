"""Writes about people that carry rules: one-time logins, moving communes, anonymising, team leaders.

Every function is keyword-only and atomic; callers are views, commands and tasks
(the cadre import lives in ``accounts.imports``).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import audit
from .models import CommuneChange, OneTimeLogin, Team, TeamMembership, User
from .roles import CADRES, TEAM_LEADERS, user_roles
from .scopes import commune_filter, sees_everything, user_in_scope
from .signals import people_arrived

# Sent inside the anonymising transaction; apps above accounts (certificates keep a name
# snapshot, for instance) scrub what they hold about the person. Arguments: ``user``, ``actor``.
person_anonymised = Signal()

ANONYMOUS_NAME = "Người dùng đã ẩn danh #%(id)s"
LEARNER_ROLES = frozenset({CADRES, TEAM_LEADERS})
CODE_DIGITS = 8
# Ids per IN (...) list: under SQLite's and every driver's parameter limits.
CHUNK = 900


# --- who may act on whom ------------------------------------------------------------------


def can_manage_person(actor: User, person: User) -> bool:
    """A manager acts only on learners (cadres, team leaders) of their own communes; superusers on anyone."""
    if sees_everything(actor):
        return True
    if person.is_superuser or person.pk == actor.pk:
        return False
    if not user_in_scope(actor, person):
        return False
    return set(user_roles(person)) <= LEARNER_ROLES


def manageable_people_filter(actor: User, field: str = "") -> Q:
    """``can_manage_person`` as a filter, for a listing in one query: ``field`` is a path to a person
    ("" for User itself). Same rule: superusers reach anyone; a manager reaches the people of their
    communes who are not superusers, not themselves, and hold no role but cadre and team leader."""
    if sees_everything(actor):
        return Q()
    prefix = f"{field}__" if field else ""
    privileged = User.groups.through.objects.exclude(group__name__in=LEARNER_ROLES).values("user_id")
    return (
        commune_filter(actor, f"{prefix}commune")
        & Q(**{f"{prefix}is_superuser": False})
        & ~Q(**{f"{prefix}pk": actor.pk})
        & ~Q(**{f"{prefix}pk__in": privileged})
    )


# --- one-time logins ------------------------------------------------------------------------


def _hash(value: str) -> str:
    return salted_hmac("kns.one_time_login", value, algorithm="sha256").hexdigest()


def _code_hash(user_id: int, code: str) -> str:
    return _hash(f"{user_id}:{code}")


def normalize_code(code: str) -> str:
    return "".join(ch for ch in str(code or "") if ch.isdigit())


@dataclass(frozen=True)
class IssuedOneTimeLogin:
    """What the manager is shown once: the link, the code, and when they expire. Only hashes are stored."""

    record: OneTimeLogin
    token: str
    code: str

    @property
    def expires_at(self) -> datetime:
        return self.record.expires_at

    @property
    def url(self) -> str:
        return settings.PUBLIC_BASE_URL + reverse("accounts:one_time_link", args=[self.token])

    @property
    def code_display(self) -> str:
        return f"{self.code[:4]} {self.code[4:]}"


@transaction.atomic
def one_time_login_issue(
    *, user: User, actor: User, purpose: str = OneTimeLogin.Purpose.FIRST_LOGIN
) -> IssuedOneTimeLogin:
    """Issue a one-time link and code for ``user``, revoking any still open. Refused outside the actor's remit."""
    if not can_manage_person(actor, user):
        raise PermissionDenied(_("Bạn không thể cấp mã đăng nhập cho người này."))
    if not user.is_active:
        raise PermissionDenied(_("Tài khoản đã ngừng hoạt động; hãy kích hoạt lại trước khi cấp mã."))
    now = timezone.now()
    OneTimeLogin.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    code = _new_code()
    record = OneTimeLogin.objects.create(
        user=user,
        purpose=purpose,
        token_hash=_hash(token),
        code_hash=_code_hash(user.pk, code),
        created_at=now,
        created_by=actor,
        expires_at=now + timedelta(hours=settings.KNS_ONE_TIME_LOGIN_HOURS),
    )
    log(user, audit.ONE_TIME_LOGIN, user=actor, data={"purpose": purpose, "expires_at": record.expires_at.isoformat()})
    return IssuedOneTimeLogin(record=record, token=token, code=code)


def _new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def format_code(code: str) -> str:
    """8 digits as people read them aloud and type them: "1234 5678"."""
    return f"{code[:4]} {code[4:]}"


def one_time_codes_issue(
    *,
    user_ids: list[int],
    actor: User | None,
    expires_at: datetime,
    purpose: str = OneTimeLogin.Purpose.FIRST_LOGIN,
    sheet=None,
) -> dict[int, str]:
    """Issue one code per user in bulk, revoking every code still open for them; returns user id → code.

    The caller has checked the actor's remit (a printed sheet checks its commune or team). Only the
    hashes are stored; the codes live in the returned dict, for the one document that prints them.
    Atomic with the caller's transaction: revoke and issue commit together.
    """
    now = timezone.now()
    codes: dict[int, str] = {}
    with transaction.atomic():
        for start in range(0, len(user_ids), CHUNK):
            chunk = user_ids[start : start + CHUNK]
            OneTimeLogin.objects.filter(user_id__in=chunk, used_at__isnull=True, revoked_at__isnull=True).update(
                revoked_at=now
            )
            rows = []
            for user_id in chunk:
                code = _new_code()
                codes[user_id] = code
                rows.append(
                    OneTimeLogin(
                        user_id=user_id,
                        purpose=purpose,
                        # The link is never shown for printed codes; a random token fills the unique column.
                        token_hash=_hash(secrets.token_urlsafe(32)),
                        code_hash=_code_hash(user_id, code),
                        created_at=now,
                        created_by=actor,
                        expires_at=expires_at,
                        sheet=sheet,
                    )
                )
            OneTimeLogin.objects.bulk_create(rows, batch_size=500)
    return codes


def _spend(queryset) -> User | None:
    """Mark the first usable row of ``queryset`` used, if no one else did first; return its user."""
    now = timezone.now()
    for record in queryset.filter(
        used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now, user__is_active=True
    ).select_related("user"):
        spent = OneTimeLogin.objects.filter(pk=record.pk, used_at__isnull=True, revoked_at__isnull=True).update(
            used_at=now
        )
        if spent:
            return record.user
    return None


@transaction.atomic
def one_time_login_consume_token(*, token: str) -> User | None:
    if not token or len(token) > 128:
        return None
    return _spend(OneTimeLogin.objects.filter(token_hash=_hash(token)))


@transaction.atomic
def one_time_login_consume_code(*, user: User, code: str) -> User | None:
    code = normalize_code(code)
    if len(code) != CODE_DIGITS:
        return None
    expected = _code_hash(user.pk, code)
    candidates = OneTimeLogin.objects.filter(user=user)
    matching = [
        r.pk
        for r in candidates.filter(used_at__isnull=True, revoked_at__isnull=True).only("pk", "code_hash")
        if constant_time_compare(r.code_hash, expected)
    ]
    if not matching:
        return None
    return _spend(candidates.filter(pk__in=matching))


# --- moving between communes ----------------------------------------------------------------


@transaction.atomic
def commune_changes_record(
    *,
    changes: Iterable[tuple[int, int | None, int | None]],
    actor: User | None,
    source: str = CommuneChange.Source.ADMIN,
) -> int:
    """Record that users moved: ``(user_id, from_commune_id, to_commune_id)`` each.

    Only the history row is written: enrolments, memberships and certificates keep the
    commune they were made in, so past work stays counted where it happened.
    """
    now = timezone.now()
    rows = [
        CommuneChange(
            user_id=user_id,
            from_commune_id=before,
            to_commune_id=after,
            changed_at=now,
            changed_by=actor,
            source=source,
        )
        for user_id, before, after in changes
        if before != after
    ]
    CommuneChange.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@transaction.atomic
def person_move(*, person: User, commune, actor: User | None) -> User:
    """Move one person to ``commune`` (already checked against the actor's scope by the caller's form)."""
    before = person.commune_id
    after = commune.pk if commune is not None else None
    if before == after:
        return person
    person.commune = commune
    person.save(update_fields=["commune"])
    commune_changes_record(changes=[(person.pk, before, after)], actor=actor)
    log(person, audit.PERSON_MOVE, user=actor, data={"from": before, "to": after})
    # Assignment rules of the new commune (courses) reach the person too.
    people_arrived.send(sender=User, user_ids=[person.pk])
    return person


# --- anonymising -----------------------------------------------------------------------------


@transaction.atomic
def person_anonymise(*, person: User, actor: User) -> User:
    """Remove what identifies a departed cadre while keeping every row that aggregates count.

    Name, username, phone, e-mail and position are replaced or cleared, the account is
    switched off with an unusable password, one-time logins and login records are deleted,
    and earlier log entries about the person lose their name. Commune, unit, roles, team
    memberships, enrolments, attempts and certificates stay, so counts do not change.
    """
    if not sees_everything(actor):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được ẩn danh hoá tài khoản."))
    if person.pk == actor.pk:
        raise PermissionDenied(_("Không thể tự ẩn danh hoá tài khoản của chính mình."))
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    old_username = person.username
    old_phone = person.phone
    person.username = f"an-danh-{person.pk}"
    person.full_name = ANONYMOUS_NAME % {"id": person.pk}
    person.phone = None
    person.email = ""
    person.position = ""
    person.is_active = False
    person.is_staff = False
    person.set_unusable_password()
    person.save()

    OneTimeLogin.objects.filter(user=person).delete()
    identifiers = {old_username, old_username.lower()} | ({old_phone} if old_phone else set())
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        model.objects.filter(username__in=identifiers).delete()
    ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=str(person.pk)).update(
        label=str(person)
    )
    person_anonymised.send(sender=User, user=person, actor=actor)
    log(person, audit.PERSON_ANONYMISE, user=actor)
    return person


# --- teams -----------------------------------------------------------------------------------


@transaction.atomic
def team_leaders_sync_roles(*, team: Team) -> int:
    """Give every leader of ``team`` the Team leaders role (and Cadres). Roles are never taken away here."""
    leader_ids = list(
        TeamMembership.objects.filter(team=team, role=TeamMembership.Role.LEADER).values_list("user_id", flat=True)
    )
    return roles_grant(user_ids=leader_ids, roles=[CADRES, TEAM_LEADERS])


def roles_grant(*, user_ids: Iterable[int], roles: Iterable[str]) -> int:
    """Add role groups to users in bulk (idempotent); returns how many links were added."""
    user_ids = list(user_ids)
    if not user_ids:
        return 0
    through = User.groups.through
    groups = list(Group.objects.filter(name__in=list(roles)).values_list("pk", flat=True))
    existing = set()
    for start in range(0, len(user_ids), CHUNK):
        chunk = user_ids[start : start + CHUNK]
        existing.update(
            through.objects.filter(user_id__in=chunk, group_id__in=groups).values_list("user_id", "group_id")
        )
    rows = [
        through(user_id=user_id, group_id=group_id)
        for user_id in user_ids
        for group_id in groups
        if (user_id, group_id) not in existing
    ]
    through.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)
