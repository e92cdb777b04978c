"""Writes with rules for reports: refreshing summaries, targets, reminders and notices, exports, digests.

Each is keyword-only and atomic; tasks take ids and call these; work for a worker is queued on commit.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from accounts.models import CommuneChange, Team, TeamMembership, Unit, User
from accounts.roles import MANAGERS
from accounts.scopes import commune_in_scope
from accounts.storage import StorageRetry, retry_countdown, storage_error_text
from certificates.models import Certificate
from courses.models import Enrollment
from localities.models import Commune, Province
from notifications import kinds
from notifications.services import notify, notify_many
from quizzes.models import Attempt

from . import audit, selectors, summaries
from .exports import export_hours, inline_max_rows, spreadsheet
from .filters import Filters
from .models import ALL_CADRES, DailyProgress, DigestLog, ExportJob, Notice, Reminder, ReminderSlot, Target

logger = logging.getLogger(__name__)

OUT_OF_SCOPE = _("Địa bàn này nằm ngoài phạm vi quản lý của bạn.")
TARGET_PERCENT = _("Tỷ lệ phải là số nguyên từ 1 đến 100%.")
TARGET_PAST = _("Hạn của chỉ tiêu không được ở quá khứ.")
TARGET_ONE_LOCALITY = _("Hãy chọn đúng một địa bàn: một tỉnh hoặc một xã, phường.")
TARGET_NEEDS_UNIT = _("Hãy chọn đơn vị khi chỉ tiêu dành cho cán bộ của một đơn vị.")
TARGET_UNKNOWN_COURSE = _("Khóa học đã chọn không có.")


def debounce_seconds() -> int:
    return int(getattr(settings, "REPORTS_REFRESH_DEBOUNCE_SECONDS", 30))


def reminder_min_days() -> int:
    return int(getattr(settings, "REPORTS_REMINDER_MIN_DAYS", 7))


def _absolute(path: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


# --- Summary refresh ------------------------------------------------------------------------------


def refresh_key(commune_id: int) -> str:
    return f"reports:refresh:{commune_id}"


def summaries_queue_refresh(*, commune_ids) -> None:
    """After a completion: refresh these communes' summaries once the transaction commits, debounced.

    Within ``REPORTS_REFRESH_DEBOUNCE_SECONDS`` of a queued refresh of a commune, further requests
    for it are dropped (the queued one, which starts that long after, will see their rows).
    Nothing here touches the database, so the completing request costs no extra query.
    """
    ids = {pk for pk in commune_ids if pk}
    if not ids:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # One refresh per transaction, however many steps it completes (seeding, bulk approval): join
        # the callback already waiting. It is safe: a callback still listed was registered either in
        # a savepoint that is still open (an ancestor of this point: rolling it back rolls this back
        # too) or in one already released into its parent; a rolled-back savepoint's callbacks are gone.
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _PendingRefresh):
                callback.ids |= ids
                return
    transaction.on_commit(_PendingRefresh(ids))


class _PendingRefresh:
    def __init__(self, ids: set[int]):
        self.ids = set(ids)

    def __call__(self):
        _dispatch_refresh(sorted(self.ids))


def _dispatch_refresh(ids: list[int]) -> None:
    from .tasks import refresh_communes

    try:
        wait = debounce_seconds()
        fresh = [pk for pk in ids if cache.add(refresh_key(pk), 1, timeout=wait + 30)]
        if fresh:
            refresh_communes.apply_async(args=[fresh], countdown=wait)
    except Exception:  # noqa: BLE001 - the periodic refresh catches up; a completion must never fail for this
        logger.exception("reports: could not queue the summary refresh of communes %s", ids)


def summaries_refresh(*, commune_ids=None) -> summaries.RebuildResult:
    if commune_ids is not None:
        cache.delete_many([refresh_key(pk) for pk in commune_ids])
    return summaries.rebuild(commune_ids)


def changed_communes(*, since: dt.datetime) -> set[int]:
    """Communes whose numbers may have changed since ``since`` (what sends no signal: enrolment,
    withdrawal, assignment, certificates issued or revoked, quiz attempts, new cadres and members)."""
    ids: set[int] = set()
    enrolments = Enrollment.objects.filter(
        Q(created_at__gte=since) | Q(started_at__gte=since) | Q(completed_at__gte=since) | Q(withdrawn_at__gte=since)
    )
    ids.update(enrolments.values_list("commune_id", flat=True).distinct())
    ids.update(
        Certificate.objects.filter(
            Q(created_at__gte=since) | Q(issued_at__gte=since) | Q(revoked_at__gte=since) | Q(superseded_at__gte=since)
        )
        .values_list("commune_id", flat=True)
        .distinct()
    )
    ids.update(Attempt.objects.filter(submitted_at__gte=since).values_list("commune_id", flat=True).distinct())
    ids.update(User.objects.filter(date_joined__gte=since).values_list("commune_id", flat=True).distinct())
    ids.update(
        TeamMembership.objects.filter(joined_at__gte=since).values_list("team__commune_id", flat=True).distinct()
    )
    for before, after in CommuneChange.objects.filter(changed_at__gte=since).values_list(
        "from_commune_id", "to_commune_id"
    ):
        ids.update((before, after))
    ids.update(Target.objects.filter(created_at__gte=since, commune__isnull=False).values_list("commune_id", flat=True))
    provinces = Target.objects.filter(created_at__gte=since, province__isnull=False).values("province_id")
    ids.update(Commune.objects.current().filter(province_id__in=provinces).values_list("pk", flat=True))
    ids.discard(None)
    return ids


def summaries_refresh_changed(*, lookback_minutes: int | None = None) -> summaries.RebuildResult:
    minutes = lookback_minutes or int(getattr(settings, "REPORTS_REFRESH_LOOKBACK_MINUTES", 25))
    ids = changed_communes(since=timezone.now() - dt.timedelta(minutes=minutes))
    if not ids:
        return summaries.RebuildResult()
    return summaries.rebuild(ids)


# --- Targets --------------------------------------------------------------------------------------


def _target_communes(target: Target) -> list[int]:
    if target.commune_id:
        return [target.commune_id]
    return list(Commune.objects.current().filter(province_id=target.province_id).values_list("pk", flat=True))


@transaction.atomic
def target_create(
    *,
    manager: User,
    percent: int,
    due_date: dt.date,
    province: Province | None = None,
    commune: Commune | None = None,
    course_key: uuid.UUID | None = None,
    population: str = Target.Population.ALL,
    unit: Unit | None = None,
    measure: str = Target.Measure.COMPLETED,
) -> Target:
    """Set a target for a province or a commune in the manager's scope. Its progress is counted on commit."""
    errors: dict[str, list] = {}
    if (province is None) == (commune is None):
        errors.setdefault("__all__", []).append(TARGET_ONE_LOCALITY)
    if province is not None and not selectors.province_visible(manager, province):
        raise PermissionDenied(OUT_OF_SCOPE)
    if commune is not None and not selectors.commune_visible(manager, commune):
        raise PermissionDenied(OUT_OF_SCOPE)
    if not isinstance(percent, int) or isinstance(percent, bool) or not 1 <= percent <= 100:
        errors.setdefault("percent", []).append(TARGET_PERCENT)
    if due_date is None or due_date < timezone.localdate():
        errors.setdefault("due_date", []).append(TARGET_PAST)
    if population == Target.Population.UNIT and unit is None:
        errors.setdefault("unit", []).append(TARGET_NEEDS_UNIT)
    if population != Target.Population.UNIT:
        unit = None
    course_title = ""
    if course_key is not None:
        titles = dict(selectors.course_options())
        if course_key not in titles:
            errors.setdefault("course_key", []).append(TARGET_UNKNOWN_COURSE)
        course_title = titles.get(course_key, "")
    if errors:
        raise ValidationError(errors)
    target = Target(
        province=province,
        commune=commune,
        course_key=course_key,
        course_title=course_title,
        population=population,
        unit=unit,
        measure=measure,
        percent=percent,
        start_date=timezone.localdate(),
        due_date=due_date,
        created_by=manager,
    )
    target.full_clean()
    target.save()
    log(instance=target, action=audit.TARGET_CREATE, user=manager, data=_target_data(target))
    communes = _target_communes(target)
    transaction.on_commit(lambda: _refresh_now(communes))
    return target


def _refresh_now(communes: list[int]) -> None:
    from .tasks import refresh_communes

    try:
        refresh_communes.delay(communes)
    except Exception:  # noqa: BLE001 - the periodic refresh counts it within minutes
        logger.exception("reports: could not queue the refresh for a new target")


def _target_data(target: Target) -> dict:
    return {
        "locality": str(target.locality),
        "course": target.course_title,
        "population": target.population,
        "unit": target.unit.name if target.unit_id else "",
        "measure": target.measure,
        "percent": target.percent,
        "due_date": target.due_date.isoformat(),
    }


def target_visible(user: User, target: Target) -> bool:
    if target.commune_id:
        return selectors.commune_visible(user, target.commune)
    return selectors.province_visible(user, target.province)


@transaction.atomic
def target_delete(*, manager: User, target: Target) -> None:
    if not target_visible(manager, target):
        raise PermissionDenied(OUT_OF_SCOPE)
    log(instance=target, action=audit.TARGET_DELETE, user=manager, data=_target_data(target))
    target.delete()


# --- Reminders ------------------------------------------------------------------------------------


def reminder_candidates(*, commune: Commune | None = None, team: Team | None = None, reason: str, course_key=None):
    """Active, not completed enrolments of a commune's cadres (or a team's members): not started, or overdue."""
    enrolments = Enrollment.objects.filter(withdrawn_at__isnull=True, completed_at__isnull=True, user__is_active=True)
    if commune is not None:
        sources = selectors.commune_sources(commune)
        enrolments = enrolments.filter(Q(commune_id__in=sources) | Q(user__commune_id__in=sources))
    if team is not None:
        enrolments = enrolments.filter(Exists(TeamMembership.objects.filter(user_id=OuterRef("user_id"), team=team)))
    if course_key:
        enrolments = enrolments.filter(course_key=course_key)
    if reason == Reminder.Reason.NOT_STARTED:
        enrolments = enrolments.filter(started_at__isnull=True)
    else:
        enrolments = enrolments.filter(due_date__lt=timezone.localdate())
    return enrolments.select_related("user", "course").order_by("user_id", "course_key", "-created_at")


@dataclass
class ReminderOutcome:
    sent: int = 0
    throttled: int = 0
    # Reminders also sent off the site (SMS, Zalo or e-mail, by notify()); the others are notices only.
    messaged: int = 0
    site_only: int = 0
    reminder_ids: list[int] = field(default_factory=list)


def _claim_slots(pairs: list[tuple[int, uuid.UUID]], *, now: dt.datetime) -> set[tuple[int, uuid.UUID]]:
    """Claim the throttle slot of each (cadre, course) whose last reminder is older than the limit.

    A conditional UPDATE per course: of two managers sending at once, only one claims a slot.
    """
    if not pairs:
        return set()
    ReminderSlot.objects.bulk_create(
        [ReminderSlot(user_id=user_id, course_key=key) for user_id, key in pairs], ignore_conflicts=True
    )
    cutoff = now - dt.timedelta(days=reminder_min_days())
    token = secrets.token_hex(16)
    by_course: dict[uuid.UUID, list[int]] = {}
    for user_id, key in pairs:
        by_course.setdefault(key, []).append(user_id)
    for key, user_ids in by_course.items():
        ReminderSlot.objects.filter(course_key=key, user_id__in=user_ids).filter(
            Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=cutoff)
        ).update(last_sent_at=now, claim=token)
    return set(ReminderSlot.objects.filter(claim=token).values_list("user_id", "course_key"))


def _reminder_message(reason: str, title: str, due: dt.date | None) -> str:
    if reason == Reminder.Reason.OVERDUE and due:
        return gettext("Khóa học “%(course)s” đã quá hạn hoàn thành (hạn %(due)s). Hãy hoàn thành sớm.") % {
            "course": title,
            "due": date_format(due, "SHORT_DATE_FORMAT"),
        }
    return gettext("Bạn đã được ghi danh khóa học “%(course)s” nhưng chưa bắt đầu học. Hãy bắt đầu ngay.") % {
        "course": title
    }


@transaction.atomic
def reminders_send(
    *, manager: User, reason: str, commune: Commune | None = None, team: Team | None = None, course_key=None
) -> ReminderOutcome:
    """Remind the not-started or overdue cadres of a commune or a team, as a notice on their pages and
    by their channel (notifications.notify_many: SMS, Zalo or e-mail, for those who can be reached).
    At most one reminder per cadre and course per ``REPORTS_REMINDER_MIN_DAYS`` days, whoever sends
    it; the others are counted as throttled."""
    if reason not in Reminder.Reason.values:
        raise ValidationError(_("Hãy chọn nhắc người chưa bắt đầu hay người quá hạn."))
    if (commune is None) == (team is None):
        raise ValidationError(_("Hãy chọn một xã, phường hoặc một tổ."))
    locality = commune if commune is not None else team.commune
    if not (commune_in_scope(manager, locality) and locality.valid_to is None):
        raise PermissionDenied(OUT_OF_SCOPE)
    candidates: dict[tuple, Enrollment] = {}
    for enrollment in reminder_candidates(commune=commune, team=team, reason=reason, course_key=course_key):
        candidates.setdefault((enrollment.user_id, enrollment.course_key), enrollment)
    now = timezone.now()
    claimed = _claim_slots(list(candidates), now=now)
    outcome = ReminderOutcome(throttled=len(candidates) - len(claimed))
    reminders = []
    for key, enrollment in candidates.items():
        if key not in claimed:
            continue
        reminders.append(
            Reminder(
                user_id=enrollment.user_id,
                course_key=enrollment.course_key,
                course_title=enrollment.course.title,
                course_url=enrollment.course.get_url() or "",
                reason=reason,
                due_date=enrollment.due_date,
                sent_by=manager,
                sent_at=now,
                commune_id=commune.pk if commune else None,
                team_id=team.pk if team else None,
                email=enrollment.user.email or "",
            )
        )
    saved = Reminder.objects.bulk_create(reminders)
    Notice.objects.bulk_create(
        [
            Notice(
                user_id=r.user_id,
                reminder=r,
                message=_reminder_message(r.reason, r.course_title, r.due_date),
                url=r.course_url,
                created_at=now,
            )
            for r in saved
        ]
    )
    for r in saved:
        notice_flag_reset(r.user_id)
    outcome.sent = len(saved)
    outcome.reminder_ids = [r.pk for r in saved]
    outcome.messaged = _message_reminders(saved)
    outcome.site_only = outcome.sent - outcome.messaged
    log(
        instance=locality if team is None else team,
        action=audit.REMINDER,
        user=manager,
        data={
            "reason": reason,
            "course_key": str(course_key) if course_key else "",
            "sent": outcome.sent,
            "throttled": outcome.throttled,
            "messaged": outcome.messaged,
        },
    )
    return outcome


def _message_reminders(reminders: list[Reminder]) -> int:
    """Queue the reminders' messages, one notify_many per course and due date (one wording each).

    The key of each is the group's first reminder id and the cadre: a reminder is written once, so
    is its message. Returns how many were queued (the others opted out or have no address).
    """
    groups: dict[tuple, list[Reminder]] = {}
    for reminder in reminders:
        groups.setdefault((reminder.course_key, reminder.reason, reminder.due_date), []).append(reminder)
    queued = 0
    with translation.override(settings.LANGUAGE_CODE):
        for (_key, reason, due), group in groups.items():
            first = group[0]
            overdue = reason == Reminder.Reason.OVERDUE and due
            context = {
                "course_title": first.course_title,
                "due_text": gettext(" (đã quá hạn %(due)s)") % {"due": date_format(due, "SHORT_DATE_FORMAT")}
                if overdue
                else "",
                "url": _absolute(first.course_url or "/"),
                "message": _reminder_message(reason, first.course_title, due),
            }
            queued += notify_many(
                [r.user_id for r in group], kinds.REMINDER, context, idempotency_prefix=f"reminder:{first.pk}"
            )
    return queued


# --- Notices --------------------------------------------------------------------------------------

NOTICE_FLAG_SECONDS = 300


def notice_flag_key(user_id: int) -> str:
    return f"reports:notices:{user_id}"


def notice_flag_reset(user_id: int) -> None:
    """Forget the cached "has notices" answer, so the cadre's next page looks again."""
    cache.delete(notice_flag_key(user_id))


@transaction.atomic
def notice_dismiss(*, user: User, notice: Notice) -> None:
    if notice.user_id != user.pk:
        raise PermissionDenied
    Notice.objects.filter(pk=notice.pk, dismissed_at__isnull=True).update(dismissed_at=timezone.now())
    notice_flag_reset(user.pk)


# --- Exports --------------------------------------------------------------------------------------


def _scope_text(user: User) -> str:
    scope = selectors.scope_of(user)
    if scope.everything:
        return gettext("toàn quốc")
    names = list(Province.objects.filter(pk__in=scope.province_ids).values_list("name", flat=True))
    names += list(Commune.objects.filter(pk__in=scope.commune_ids).values_list("name", flat=True))
    return ", ".join(sorted(names))


@transaction.atomic
def export_start(
    *, user: User, level: str, obj, table: str, export_format: str, filters: Filters, label: str, rows: int
) -> ExportJob:
    """Record an export (every one, in the request or in the background) and log it in Wagtail's log."""
    if not (user.is_superuser or user.has_perm("reports.export_reports")):
        raise PermissionDenied
    background = rows > inline_max_rows()
    job = ExportJob.objects.create(
        created_by=user,
        table=table,
        level=level,
        object_id=getattr(obj, "pk", None),
        label=label[:300],
        format=export_format,
        filters=filters.to_json(),
        in_background=background,
        status=ExportJob.Status.QUEUED if background else ExportJob.Status.RUNNING,
        total=rows,
    )
    log(
        instance=job,
        action=audit.EXPORT,
        user=user,
        data={
            "table": table,
            "level": level,
            "object": label,
            "format": export_format,
            "filters": filters.to_json(),
            "scope": _scope_text(user),
            "rows": rows,
            "background": background,
        },
    )
    if background:
        job_id = job.pk
        transaction.on_commit(lambda: _queue_export(job_id))
    return job


def _queue_export(job_id: int) -> None:
    from .tasks import run_export

    try:
        run_export.delay(job_id)
    except Exception:  # noqa: BLE001
        logger.exception("reports: could not queue export %s", job_id)
        ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.FAILED, error="queue")


def export_finish_inline(*, job: ExportJob, rows: int) -> None:
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE, processed=rows, rows=rows, finished_at=timezone.now()
    )


class _Counting:
    """Rows passed through while counting them and telling the job how far it got."""

    def __init__(self, rows, job_id: int, every: int = 500):
        self.rows, self.job_id, self.every, self.count = rows, job_id, every, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            if self.count % self.every == 0:
                ExportJob.objects.filter(pk=self.job_id).update(processed=self.count)
            yield row


EXPORT_STORAGE_ERROR = _("Kho lưu trữ không ghi được tệp: %(error)s")
EXPORT_GAVE_UP = _("Đã thử %(count)s lần.")


def _export_store(job: ExportJob, name: str, content: bytes, attempt: int) -> bool:
    """Save the file; when the store refuses (full disk, unreachable bucket) keep its reason, queue the
    job again and raise ``StorageRetry`` while tries are left, else fail the job. True when saved."""
    try:
        job.file.save(name, ContentFile(content), save=False)
        return True
    except Exception as error:  # noqa: BLE001 - the store's reason is kept and the job retried
        logger.exception("reports: the file of export %s could not be stored", job.pk)
        reason = str(EXPORT_STORAGE_ERROR % {"error": storage_error_text(error)})
    countdown = retry_countdown(attempt)
    if countdown is None:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED,
            error=f"{reason} {EXPORT_GAVE_UP % {'count': attempt + 1}}",
            finished_at=timezone.now(),
        )
        return False
    ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.RUNNING).update(
        status=ExportJob.Status.QUEUED, processed=0, error=reason
    )
    raise StorageRetry(reason, countdown)


def export_run(*, job_id: int, attempt: int = 0) -> ExportJob | None:
    """Write a background export's file (private storage). Idempotent: a finished job is left alone.

    ``attempt`` counts the task's earlier tries; a store that refuses the file raises ``StorageRetry``
    (the job queued again with the reason) until the tries are used up (``_export_store``)."""
    from .tables import OutOfScope, resolve, table_data

    if not ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(status=ExportJob.Status.RUNNING):
        return ExportJob.objects.filter(pk=job_id).first()
    job = ExportJob.objects.select_related("created_by").get(pk=job_id)
    try:
        user = job.created_by
        if user is None or not user.is_active:
            raise OutOfScope("user")
        obj = resolve(user, job.level, job.object_id)
        data = table_data(user=user, level=job.level, obj=obj, table=job.table, filters=Filters.from_json(job.filters))
        ExportJob.objects.filter(pk=job.pk).update(total=data.count)
        counted = _Counting(data.rows, job.pk)
        sheet = spreadsheet(job.table, job.label)
        content = sheet.csv_bytes(counted) if job.format == ExportJob.Format.CSV else sheet.xlsx_bytes(counted)
        name = f"{sheet.get_filename()}.{job.format}"
        if not _export_store(job, name, content, attempt):
            return ExportJob.objects.get(pk=job.pk)
        now = timezone.now()
        ExportJob.objects.filter(pk=job.pk).update(
            file=job.file.name,
            status=ExportJob.Status.DONE,
            processed=counted.count,
            rows=counted.count,
            finished_at=now,
            expires_at=now + dt.timedelta(hours=export_hours()),
            error="",
        )
    except StorageRetry:
        raise
    except OutOfScope:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED,
            error=gettext("Không còn quyền xem địa bàn này."),
            finished_at=timezone.now(),
        )
    except Exception as error:  # noqa: BLE001 - recorded on the job; the manager sees it failed
        logger.exception("reports: export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
    return ExportJob.objects.get(pk=job.pk)


def exports_purge_expired() -> int:
    """Delete the files of expired exports; the rows stay as the record of who exported what."""
    count = 0
    for job in ExportJob.objects.filter(expires_at__lte=timezone.now()).exclude(file=""):
        job.file.delete(save=False)
        ExportJob.objects.filter(pk=job.pk).update(file="")
        count += 1
    return count


def export_visible(user: User, job: ExportJob) -> bool:
    """Only its creator (or a superuser) may see an export, and only while its locality is in scope."""
    from .tables import OutOfScope, resolve

    if not (user.is_superuser or job.created_by_id == user.pk):
        return False
    try:
        resolve(user, job.level, job.object_id)
    except OutOfScope:
        return False
    return True


# --- Weekly digest --------------------------------------------------------------------------------


def digest_recipients() -> list[int]:
    """Managers with a scope and an address: an e-mail, or a phone for SMS or Zalo."""
    return list(
        User.objects.filter(is_active=True, groups__name=MANAGERS, scopes__isnull=False)
        .filter(~Q(email="") | Q(phone__isnull=False))
        .values_list("pk", flat=True)
        .distinct()
    )


def digest_send(*, user_id: int, week: dt.date | None = None) -> bool:
    """The weekly digest for one manager: completions in the last 7 days, overdue, targets at risk. Once a week.

    Sent through notify(): the whole digest by e-mail, its figures in one line by SMS or Zalo."""
    week = week or selectors.week_start(timezone.localdate())
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    scope = selectors.scope_of(user)
    if scope.empty:
        return False
    entry, _created = DigestLog.objects.get_or_create(user=user, week=week)
    if not DigestLog.objects.filter(pk=entry.pk, sent_at__isnull=True).update(sent_at=timezone.now()):
        return False
    try:
        with translation.override(settings.LANGUAGE_CODE):
            data = selectors.overview(user=user, filters=Filters())
            since = timezone.localdate() - dt.timedelta(days=7)
            where = Q()
            if not scope.everything:
                where = Q(province_id__in=scope.province_ids) | Q(commune_id__in=scope.commune_ids)
            week_completions = (
                DailyProgress.objects.filter(where, team_id=ALL_CADRES, day__gte=since).aggregate(n=Sum("completions"))[
                    "n"
                ]
                or 0
            )
            context = {
                "user": user,
                "data": data,
                "total": data["total"],
                "week_completions": week_completions,
                "at_risk": [line for line in data["targets"] if line.assessment.at_risk],
                "url": _absolute(reverse("reports_admin:overview")),
                "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Kỹ Năng Số"),
            }
            body = render_to_string("reports/email/digest.txt", context)
            message = notify(
                user,
                kinds.WEEKLY_DIGEST,
                {
                    "week": date_format(week, "SHORT_DATE_FORMAT"),
                    "scope": gettext("phạm vi của bạn"),
                    "completed": week_completions,
                    "overdue": data["total"].overdue,
                    "url": context["url"],
                    "body": body,
                },
                idempotency_key=f"weekly-digest:{user.pk}:{week:%Y-%m-%d}",
            )
    except Exception:
        DigestLog.objects.filter(pk=entry.pk).update(sent_at=None)
        raise
    return message is not None
