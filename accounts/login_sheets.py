"""Printed login sheets: first-login codes on paper for the cadres of a commune or a team.

Most commune cadres have a phone and no e-mail. A manager prints one PDF for a commune or a team
in scope; each cadre's slip carries their name, username, a one-time code and a QR code that opens
the code-login page with the username filled in.

- ``login_sheet_request`` (the admin's POST) checks the scope, records the print in the audit log,
  and queues the job on commit.
- ``login_sheet_build`` (the Celery task, by id) claims the sheet with a conditional UPDATE, issues
  the codes in bulk (revoking every code still open for those cadres: printing again invalidates the
  previous sheet), renders the PDF in chunks while writing progress to the cache, and stores it in
  private storage until ``file_expires_at``. If the render fails, the sheet's codes are revoked.
- ``login_sheets_purge`` deletes expired files (the codes keep their own expiry).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from localities.models import Commune

from . import audit
from .login_sheets_pdf import Slip, code_login_url, qr_png, render_sheet_pdf
from .models import LoginSheet, OneTimeLogin, Team, User
from .roles import CADRES, ROLES, TEAM_LEADERS
from .scopes import commune_filter, commune_in_scope, sees_everything
from .services import format_code, one_time_codes_issue
from .storage import StorageRetry, retry_countdown, storage_error_text

logger = logging.getLogger(__name__)

# Celery's hard limit for one sheet (a few thousand slips render in well under this); Redis's
# visibility timeout (CELERY_VISIBILITY_TIMEOUT, 600 s) stays longer.
TASK_TIME_LIMIT = 540
TASK_SOFT_TIME_LIMIT = 500
QUEUED_TOO_LONG = dt.timedelta(hours=1)
RUNNING_TOO_LONG = dt.timedelta(seconds=2 * TASK_TIME_LIMIT)
NOT_LEARNER_ROLES = [name for name in ROLES if name not in (CADRES, TEAM_LEADERS)]


class NothingToPrint(ValidationError):
    pass


# --- who is on a sheet ----------------------------------------------------------------------------


def sheet_people(*, commune: Commune | None = None, team: Team | None = None, only_new: bool = True) -> QuerySet:
    """The cadres a sheet prints: active learners (cadres, team leaders) of the commune, or members of the team.

    Trainers, managers and administrators are never printed: a sheet is a learner's way in.
    Team members are kept to those whose commune is the team's (someone who moved away is
    printed by their new commune). ``only_new``: only people who have never logged in.
    """
    people = User.objects.filter(is_active=True, is_superuser=False, is_staff=False)
    if team is not None:
        people = people.filter(memberships__team=team, commune_id=team.commune_id)
    else:
        people = people.filter(commune=commune)
    people = people.exclude(pk__in=User.objects.filter(groups__name__in=NOT_LEARNER_ROLES).values("pk"))
    if only_new:
        people = people.filter(last_login__isnull=True)
    return people.order_by("full_name", "username", "pk")


def team_counts(*, commune: Commune, only_new: bool = True) -> list[dict]:
    """The commune's teams with how many people each would print: one query."""
    printable = sheet_people(commune=commune, only_new=only_new).order_by().values("pk")
    return list(
        Team.objects.filter(commune=commune)
        .annotate(people=Count("memberships", filter=Q(memberships__user__in=printable)))
        .order_by("name")
        .values("pk", "name", "village", "people")
    )


def sheets_of(user) -> QuerySet:
    """Sheets a user may open: their own prints inside their scope (superusers: all). Sheets hold live codes."""
    sheets = LoginSheet.objects.select_related("commune", "team", "team__commune", "created_by")
    if sees_everything(user):
        return sheets
    return sheets.filter(created_by=user).filter(
        commune_filter(user, "commune") | commune_filter(user, "team__commune")
    )


# --- the print (admin POST) -----------------------------------------------------------------------


def _queue(sheet_id: int) -> None:
    from . import tasks

    transaction.on_commit(lambda: tasks.login_sheet_build.delay(sheet_id))


@transaction.atomic
def login_sheet_request(
    *, actor: User, commune: Commune | None = None, team: Team | None = None, only_new: bool = True
) -> LoginSheet:
    """Record a print for a commune or a team in the actor's scope and queue its job.

    A second request by the same manager for the same target while one is still being made returns
    that one (a double click prints once). Refused with ``NothingToPrint`` when nobody would be printed.
    """
    if (commune is None) == (team is None):
        raise ValueError("a login sheet is for one commune or one team")
    target_commune = commune if commune is not None else team.commune
    if not commune_in_scope(actor, target_commune):
        raise PermissionDenied(_("Xã, phường hoặc tổ này nằm ngoài phạm vi quản lý của bạn."))
    running = LoginSheet.objects.filter(
        created_by=actor, commune=commune, team=team, only_new=only_new, status__in=LoginSheet.RUNNING_STATES
    ).first()
    if running is not None:
        return running
    total = sheet_people(commune=commune, team=team, only_new=only_new).count()
    if not total:
        raise NothingToPrint(
            _("Không có cán bộ nào chưa đăng nhập lần nào.") if only_new else _("Không có cán bộ nào để in.")
        )
    sheet = LoginSheet.objects.create(created_by=actor, commune=commune, team=team, only_new=only_new, total=total)
    log(
        sheet,
        audit.LOGIN_SHEET_PRINT,
        user=actor,
        data={
            "count": total,
            "commune": commune.pk if commune else None,
            "team": team.pk if team else None,
            "only_new": only_new,
        },
    )
    _queue(sheet.pk)
    return sheet


# --- the job (Celery task, by id) -----------------------------------------------------------------


def _progress_key(sheet_id: int) -> str:
    return f"kns:login-sheet:{sheet_id}:progress"


def _write_progress(sheet_id: int, phase: str, done: int, total: int) -> None:
    cache.set(_progress_key(sheet_id), {"phase": phase, "done": done, "total": total}, timeout=3600)


def _fail(sheet: LoginSheet, message: str) -> None:
    now = timezone.now()
    # A sheet nobody can download must not leave live codes behind.
    OneTimeLogin.objects.filter(sheet=sheet, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    LoginSheet.objects.filter(pk=sheet.pk).update(status=LoginSheet.Status.FAILED, message=message, finished_at=now)
    cache.delete(_progress_key(sheet.pk))


def _place(sheet: LoginSheet) -> str:
    if sheet.team_id:
        return f"{sheet.team.name} – {sheet.team.commune.name}"
    return sheet.commune.name


STORAGE_ERROR = gettext_lazy("Kho lưu trữ không ghi được tệp PDF; các mã vừa cấp đã bị thu hồi. %(error)s")
GAVE_UP = gettext_lazy("Đã thử %(count)s lần. Hãy in lại.")


def _store_refused(sheet: LoginSheet, error: Exception, attempt: int) -> None:
    """The PDF was rendered but the store would not take it (full disk, unreachable bucket): no code of
    this try may stay live; while tries are left the sheet is queued again with the store's reason
    (``StorageRetry``: the task runs it after the backoff, with new codes), else it is failed."""
    reason = str(STORAGE_ERROR % {"error": storage_error_text(error)})
    countdown = retry_countdown(attempt)
    if countdown is None:
        _fail(sheet, f"{reason} {GAVE_UP % {'count': attempt + 1}}")
        return
    OneTimeLogin.objects.filter(sheet=sheet, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    LoginSheet.objects.filter(pk=sheet.pk, status=LoginSheet.Status.RUNNING).update(
        status=LoginSheet.Status.QUEUED, started_at=None, message=reason
    )
    cache.delete(_progress_key(sheet.pk))
    raise StorageRetry(reason, countdown)


def login_sheet_build(*, sheet_id: int, attempt: int = 0) -> None:
    """Issue the codes and render the PDF of one sheet. Does its work once, however often it is delivered.

    ``attempt`` counts the task's earlier tries: a store that refuses the PDF raises ``StorageRetry``
    until they are used up (``_store_refused``)."""
    now = timezone.now()
    claimed = LoginSheet.objects.filter(pk=sheet_id, status=LoginSheet.Status.QUEUED).update(
        status=LoginSheet.Status.RUNNING, started_at=now
    )
    if not claimed:
        return
    sheet = LoginSheet.objects.select_related("commune", "team", "team__commune", "created_by").get(pk=sheet_id)
    actor = sheet.created_by
    target_commune = sheet.commune if sheet.commune_id else sheet.team.commune
    if actor is None or not actor.is_active or not commune_in_scope(actor, target_commune):
        _fail(sheet, _("Người in không còn quản lý xã, phường này; không có mã nào được cấp."))
        return
    people = list(
        sheet_people(commune=sheet.commune, team=sheet.team, only_new=sheet.only_new).only(
            "pk", "username", "full_name"
        )
    )
    if not people:
        _fail(sheet, _("Không còn cán bộ nào để in."))
        return
    total = len(people)
    _write_progress(sheet.pk, "codes", 0, total)
    expires_at = now + dt.timedelta(days=settings.KNS_LOGIN_SHEET_CODE_DAYS)
    try:
        codes = one_time_codes_issue(
            user_ids=[person.pk for person in people], actor=actor, expires_at=expires_at, sheet=sheet
        )
        LoginSheet.objects.filter(pk=sheet.pk).update(total=total, codes_expire_at=expires_at)
        place = _place(sheet)
        slips = []
        for person in people:
            url = code_login_url(person.username)
            slips.append(
                Slip(
                    full_name=person.full_name or person.username,
                    username=person.username,
                    code=format_code(codes[person.pk]),
                    place=place,
                    login_url=url,
                    qr_png=qr_png(url),
                )
            )
        _write_progress(sheet.pk, "render", 0, total)
        pdf = render_sheet_pdf(
            slips=slips,
            title=_("Phiếu đăng nhập lần đầu – %(place)s") % {"place": place},
            codes_expire_at=expires_at,
            progress=lambda done: _write_progress(sheet.pk, "render", done, total),
        )
        del codes, slips
    except Exception:  # noqa: BLE001 - a failed sheet must end as failed, its codes revoked
        logger.exception("Login sheet %s failed", sheet.pk)
        if sheet.file:
            sheet.file.delete(save=False)
        _fail(sheet, _("Lỗi hệ thống khi tạo phiếu; các mã vừa cấp đã bị thu hồi. Hãy in lại."))
        return
    try:
        # An unguessable name: the file has no URL, but its name should not say whose codes it holds.
        sheet.file.save(f"{sheet.pk}-{secrets.token_hex(8)}.pdf", ContentFile(pdf), save=False)
    except Exception as error:  # noqa: BLE001 - the store's reason is kept and the sheet retried
        logger.exception("Login sheet %s could not be stored", sheet.pk)
        _store_refused(sheet, error, attempt)
        return
    finished = timezone.now()
    LoginSheet.objects.filter(pk=sheet.pk).update(
        status=LoginSheet.Status.READY,
        file=sheet.file.name,
        finished_at=finished,
        file_expires_at=finished + dt.timedelta(hours=settings.KNS_LOGIN_SHEET_FILE_HOURS),
    )
    cache.delete(_progress_key(sheet.pk))


def expire_stale(sheet: LoginSheet) -> None:
    """A sheet whose worker died would say "being made" forever: end it after a while."""
    now = timezone.now()
    since = sheet.started_at or sheet.created_at
    stale = (sheet.status == LoginSheet.Status.QUEUED and now - since > QUEUED_TOO_LONG) or (
        sheet.status == LoginSheet.Status.RUNNING and now - since > RUNNING_TOO_LONG
    )
    if stale:
        message = _("Tiến trình nền không tạo xong phiếu; các mã đã cấp bị thu hồi. Hãy in lại.")
        _fail(sheet, message)
        sheet.status, sheet.message = LoginSheet.Status.FAILED, message


def sheet_progress(sheet: LoginSheet) -> dict:
    """What the progress bar shows: status, phase, people done and total, percent."""
    expire_stale(sheet)
    running = sheet.is_running
    cached = (cache.get(_progress_key(sheet.pk)) if running else None) or {}
    total = cached.get("total") or sheet.total
    done = cached.get("done", 0 if running else total)
    phase = cached.get("phase", "")
    if not running:
        percent = 100
    elif phase == "render" and total:
        # Issuing codes is quick; rendering is most of the work.
        percent = 10 + int(done * 90 / total)
    else:
        percent = 5 if phase == "codes" else 0
    return {
        "status": sheet.status,
        "status_label": str(sheet.get_status_display()),
        "running": running,
        "phase": phase,
        "done": done,
        "total": total,
        "percent": max(0, min(100, percent)),
    }


def is_downloadable(sheet: LoginSheet, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return bool(
        sheet.status == LoginSheet.Status.READY and sheet.file and sheet.file_expires_at and sheet.file_expires_at > now
    )


def login_sheet_downloaded(*, sheet: LoginSheet, actor: User) -> None:
    log(sheet, audit.LOGIN_SHEET_DOWNLOAD, user=actor, data={"count": sheet.total})


def login_sheets_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the PDFs whose time is up (they hold codes in clear); the codes keep their own expiry."""
    now = now or timezone.now()
    purged = 0
    for sheet in LoginSheet.objects.filter(status=LoginSheet.Status.READY, file_expires_at__lte=now).only("pk", "file"):
        if sheet.file:
            sheet.file.delete(save=False)
        purged += LoginSheet.objects.filter(pk=sheet.pk, status=LoginSheet.Status.READY).update(
            status=LoginSheet.Status.EXPIRED, file=""
        )
    return purged
