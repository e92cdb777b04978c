"""Assignment rules: a manager gives a course, with a due date, to every active cadre of a target.

A rule (``courses.Assignment``) names exactly one target: a province, a commune, a team or a
unit (a unit rule reaches the unit's members inside its creator's scope). Applying a rule gives
each active cadre (an active account holding the Cadres or Team leaders role) of the target an
enrolment with ``source="assigned"``, the rule's due date and a link to the rule. That enrolment
*is* the assignment: the enrolment table's unique (cadre, course) constraint makes a cadre
assigned a course once per course, whatever the number of rules that reach them.

When several rules reach a cadre for the same course, the enrolment follows the rule with the
earliest due date; an enrolment already linked to an active rule with an earlier (or the same)
due date is left alone, so running a rule again changes nothing (idempotent). An enrolment the
cadre made themselves is taken over by the rule (it becomes "assigned", with the due date).

A rule keeps applying until its due date: cadres who arrive later are assigned on arrival
(``accounts.signals.people_arrived``, and new accounts, through ``courses.receivers``) and by the
nightly reconcile (``assignments_reconcile``). Withdrawing stops that; the enrolments the rule made
stay, linked to it, and its count of cadres is frozen.

Applying works in batches of cadre ids read by keyset (``id > last``), with a fixed number of
queries per batch: the batch of ids, their existing enrolments, one bulk INSERT (conflicts
ignored), at most one UPDATE, and the notifications' fixed few (``notifications.services.notify_many``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from accounts.models import ManagerScope, Team, TeamMembership, Unit, User
from accounts.roles import CADRES, TEAM_LEADERS
from accounts.scopes import commune_filter, commune_in_scope, sees_everything
from localities.models import Commune, Province
from notifications.services import notify_many

from . import jobs
from .models import Assignment, CoursePage, Enrollment

logger = logging.getLogger(__name__)

OUT_OF_SCOPE = _("Địa bàn này nằm ngoài phạm vi quản lý của bạn.")
DUE_DATE_PAST = _("Hạn hoàn thành phải từ hôm nay trở đi.")
ONE_TARGET = _("Hãy chọn đúng một nhóm người nhận: một tỉnh, một xã, phường, một tổ hoặc một đơn vị.")
COURSE_CLOSED = _("Khóa học này không còn nhận học viên.")
ALREADY_WITHDRAWN = _("Quy tắc này đã được thu hồi.")

LOG_CREATE = "kns.assignment.create"
LOG_WITHDRAW = "kns.assignment.withdraw"

LEARNER_ROLES = (CADRES, TEAM_LEADERS)
# A job whose worker died is taken over by the next run after this long.
RUNNING_TOO_LONG = dt.timedelta(minutes=20)

ProgressCallback = Callable[[int, int], None]


def batch_size() -> int:
    return int(getattr(settings, "KNS_ASSIGN_BATCH_SIZE", 1000))


# --- Scope --------------------------------------------------------------------------------------


def _province_scope_ids(user: User) -> set[int]:
    """Provinces the user manages as a whole (a commune manager manages none)."""
    return set(ManagerScope.objects.filter(user=user, province__isnull=False).values_list("province_id", flat=True))


def provinces_for(user: User) -> QuerySet:
    provinces = Province.objects.current()
    if sees_everything(user):
        return provinces
    return provinces.filter(pk__in=_province_scope_ids(user))


def communes_for(user: User) -> QuerySet:
    return Commune.objects.filter(valid_to__isnull=True).filter(commune_filter(user))


def teams_for(user: User) -> QuerySet:
    return Team.objects.filter(commune_filter(user, "commune"))


def units_for(user: User) -> QuerySet:
    """Units with at least one person inside the user's scope."""
    if sees_everything(user):
        return Unit.objects.all()
    people = User.objects.filter(commune_filter(user, "commune")).filter(unit_id=OuterRef("pk"))
    return Unit.objects.filter(Exists(people))


def target_in_scope(
    user: User,
    *,
    province: Province | None = None,
    commune: Commune | None = None,
    team: Team | None = None,
    unit: Unit | None = None,
) -> bool:
    """May ``user`` assign to this target? A province needs a province scope; a commune or a team, a
    scope covering its commune; a unit, someone of the unit inside the user's scope."""
    if not (user.is_authenticated and user.is_active):
        return False
    if sees_everything(user):
        return True
    if province is not None:
        return province.pk in _province_scope_ids(user)
    if commune is not None:
        return commune_in_scope(user, commune)
    if team is not None:
        return commune_in_scope(user, team.commune)
    if unit is not None:
        return units_for(user).filter(pk=unit.pk).exists()
    return False


def rules_scope_q(user: User) -> Q:
    """The rules ``user`` may see, inspect and withdraw (listing and every object reached by id)."""
    if sees_everything(user):
        return Q()
    return (
        Q(province_id__in=sorted(_province_scope_ids(user)))
        | (Q(commune__isnull=False) & commune_filter(user, "commune"))
        | (Q(team__isnull=False) & commune_filter(user, "team__commune"))
        | Q(unit__isnull=False, created_by=user)
    )


def rule_in_scope(user: User, rule: Assignment) -> bool:
    return Assignment.objects.filter(rules_scope_q(user), pk=rule.pk).exists()


# --- Who a rule reaches -------------------------------------------------------------------------


def _learner_group_ids() -> list[int]:
    return list(Group.objects.filter(name__in=LEARNER_ROLES).values_list("pk", flat=True))


def active_cadres(group_ids: list[int] | None = None, *, after: int = 0) -> QuerySet:
    """Active accounts holding the Cadres or Team leaders role (what the dashboards count as cadres),
    with ids above ``after`` (the keyset: the bound is repeated inside the role subquery, so that
    PostgreSQL starts both index scans there instead of at the first id)."""
    group_ids = _learner_group_ids() if group_ids is None else group_ids
    through = User.groups.through
    roles = through.objects.filter(user_id=OuterRef("pk"), group_id__in=group_ids)
    people = User.objects.filter(is_active=True)
    if after:
        people, roles = people.filter(pk__gt=after), roles.filter(user_id__gt=after)
    return people.filter(Exists(roles))


def province_communes(province_id: int) -> list[int]:
    return list(Commune.objects.filter(province_id=province_id).values_list("pk", flat=True))


def target_people(
    rule: Assignment, *, group_ids: list[int] | None = None, after: int = 0, communes: list[int] | None = None
) -> QuerySet:
    """The active cadres a rule reaches (ids above ``after``); ``communes``: the province's, if read already."""
    people = active_cadres(group_ids, after=after)
    if rule.province_id:
        # The province's communes as a list (one query per run), not a join: PostgreSQL then estimates
        # from the users' own statistics and walks the id index batch by batch. Through the join it
        # guessed a few hundred people and sorted the whole rest of the province for every batch
        # (1 s a batch at 100,000 cadres, measured by bench.assign_rate).
        return people.filter(commune_id__in=communes if communes is not None else province_communes(rule.province_id))
    if rule.commune_id:
        return people.filter(commune_id=rule.commune_id)
    if rule.team_id:
        return people.filter(Exists(TeamMembership.objects.filter(team_id=rule.team_id, user_id=OuterRef("pk"))))
    # A unit is not a place: its members are reached inside the creator's scope (re-read at each run).
    # (commune_filter matches nothing for a creator without a scope, and reads the scope once per user object.)
    creator = rule.created_by
    if not creator.is_active:
        return people.none()
    return people.filter(unit_id=rule.unit_id).filter(commune_filter(creator, "commune"))


def active_rules() -> QuerySet:
    return Assignment.objects.filter(withdrawn_at__isnull=True, due_date__gte=timezone.localdate())


# --- Creating and withdrawing -------------------------------------------------------------------


def check_new_rule(
    *,
    manager: User,
    course: CoursePage | None,
    due_date: dt.date | None,
    province: Province | None = None,
    commune: Commune | None = None,
    team: Team | None = None,
    unit: Unit | None = None,
) -> None:
    """Raise ValidationError (the form's messages) or PermissionDenied (out of scope)."""
    if sum(target is not None for target in (province, commune, team, unit)) != 1:
        raise ValidationError(ONE_TARGET, code="target")
    if due_date is not None and due_date < timezone.localdate():
        raise ValidationError({"due_date": DUE_DATE_PAST}, code="past")
    if not target_in_scope(manager, province=province, commune=commune, team=team, unit=unit):
        raise PermissionDenied(OUT_OF_SCOPE)
    if course is not None and (not course.live or course.archived_at):
        raise ValidationError({"course": COURSE_CLOSED}, code="closed")


@transaction.atomic
def assignment_rule_create(
    *,
    manager: User,
    course: CoursePage,
    due_date: dt.date,
    province: Province | None = None,
    commune: Commune | None = None,
    team: Team | None = None,
    unit: Unit | None = None,
    run_now: bool = False,
) -> Assignment:
    """Create a rule and apply it: in a Celery job queued on commit, or here when ``run_now``."""
    check_new_rule(
        manager=manager, course=course, due_date=due_date, province=province, commune=commune, team=team, unit=unit
    )
    rule = Assignment.objects.create(
        course=course,
        course_key=course.course_key,
        province=province,
        commune=commune,
        team=team,
        unit=unit,
        due_date=due_date,
        created_by=manager,
        job_status=Assignment.JobStatus.QUEUED,
    )
    log(rule, LOG_CREATE, user=manager, data={"course": course.pk, "due_date": due_date.isoformat()})
    if run_now:
        assignment_rule_run(rule_id=rule.pk)
        rule.refresh_from_db()
    else:
        jobs.queue_rule_run(rule.pk)
    return rule


@transaction.atomic
def assignment_rule_withdraw(*, rule: Assignment, actor: User) -> bool:
    """Stop a rule assigning anyone new. The enrolments it made stay, linked to it. False if already withdrawn."""
    if not rule_in_scope(actor, rule):
        raise PermissionDenied(OUT_OF_SCOPE)
    now = timezone.now()
    withdrawn = Assignment.objects.filter(pk=rule.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawn_by=actor
    )
    if withdrawn:
        rule.withdrawn_at, rule.withdrawn_by = now, actor
        log(rule, LOG_WITHDRAW, user=actor, data={"people": rule.people_count})
    return bool(withdrawn)


# --- Applying -----------------------------------------------------------------------------------


@dataclass
class ApplyResult:
    batches: int = 0
    considered: int = 0
    inserted: int = 0
    relinked: int = 0
    notified: int = 0
    skipped: bool = False


def _notice_context(rule: Assignment) -> dict:
    course = rule.course
    return {
        "course_title": course.title,
        "due_date": formats.date_format(rule.due_date, "SHORT_DATE_FORMAT"),
        "url": settings.PUBLIC_BASE_URL + (course.get_url() or ""),
    }


def _assign_batch(rule: Assignment, people: list[tuple[int, int | None]], context: dict, result: ApplyResult) -> None:
    """One batch of (user id, commune id): a fixed number of queries whatever its size."""
    ids = [pk for pk, _commune in people]
    existing = {
        user_id: (pk, assignment_id, rule_withdrawn, due_date, completed_at)
        for pk, user_id, assignment_id, rule_withdrawn, due_date, completed_at in Enrollment.objects.filter(
            course_id=rule.course_id, user_id__in=ids
        ).values_list("pk", "user_id", "assignment_id", "assignment__withdrawn_at", "due_date", "completed_at")
    }
    now = timezone.now()
    new = [
        Enrollment(
            user_id=user_id,
            course_id=rule.course_id,
            course_key=rule.course_key,
            commune_id=commune_id,
            source=Enrollment.Source.ASSIGNED,
            assignment_id=rule.pk,
            due_date=rule.due_date,
            created_at=now,
        )
        for user_id, commune_id in people
        if user_id not in existing
    ]
    if new:
        # A cadre enrolled by someone else meanwhile is skipped here and picked up by the next run.
        Enrollment.objects.bulk_create(new, batch_size=len(new), ignore_conflicts=True)
    relink, notify = [], [row.user_id for row in new]
    for user_id, (pk, assignment_id, rule_withdrawn, due_date, completed_at) in existing.items():
        if assignment_id == rule.pk:
            continue
        # Keep a link to an active rule that asks as much or more (an earlier or equal due date).
        if assignment_id is not None and rule_withdrawn is None and due_date is not None and due_date <= rule.due_date:
            continue
        relink.append(pk)
        if completed_at is None:
            notify.append(user_id)
    if relink:
        Enrollment.objects.filter(pk__in=relink).update(
            assignment_id=rule.pk, due_date=rule.due_date, source=Enrollment.Source.ASSIGNED, withdrawn_at=None
        )
    if notify:
        result.notified += notify_many(notify, "assignment", context, idempotency_prefix=f"assignment:{rule.pk}")
    result.batches += 1
    result.considered += len(people)
    result.inserted += len(new)
    result.relinked += len(relink)


def assignment_rule_apply(
    *,
    rule_id: int,
    user_ids: Iterable[int] | None = None,
    size: int | None = None,
    progress: ProgressCallback | None = None,
) -> ApplyResult:
    """Assign the rule's course to every active cadre of its target (or only to ``user_ids`` of them).

    Idempotent. Each batch commits on its own, so a large target shows progress and a failure
    halfway keeps what was done (the next run completes it).
    """
    result = ApplyResult()
    rule = Assignment.objects.select_related("course", "created_by").get(pk=rule_id)
    course = rule.course
    if not rule.is_active or not course.live or course.archived_at:
        result.skipped = True
        return result
    size = size or batch_size()
    group_ids = _learner_group_ids()
    only = sorted(int(pk) for pk in user_ids) if user_ids is not None else None
    communes = province_communes(rule.province_id) if rule.province_id else None

    def people(after: int = 0) -> QuerySet:
        found = target_people(rule, group_ids=group_ids, after=after, communes=communes)
        return found if only is None else found.filter(pk__in=only)

    total = people().count() if progress else 0
    context = _notice_context(rule)
    last = 0
    while True:
        batch = list(people(last).order_by("pk").values_list("pk", "commune_id")[:size])
        if not batch:
            break
        last = batch[-1][0]
        with transaction.atomic():
            _assign_batch(rule, batch, context, result)
        if progress:
            progress(result.considered, total)
    assignment_rule_recount(rule_id=rule.pk)
    return result


def assignment_rule_recount(*, rule_id: int) -> None:
    """The rule's count of cadres: the enrolments linked to it (one query). A withdrawn rule keeps its count."""
    linked = Enrollment.objects.filter(assignment_id=OuterRef("pk")).order_by().values("assignment_id")
    Assignment.objects.filter(pk=rule_id, withdrawn_at__isnull=True).update(
        people_count=Coalesce(Subquery(linked.annotate(n=Count("pk")).values("n")[:1]), 0)
    )


# --- The job ------------------------------------------------------------------------------------


def _progress_key(rule_id: int) -> str:
    return f"kns:assignment-rule:{rule_id}:progress"


def _progress_writer(rule_id: int) -> ProgressCallback:
    def write(done: int, total: int) -> None:
        cache.set(_progress_key(rule_id), {"done": done, "total": total}, timeout=3600)

    return write


def _claim(rule_id: int) -> bool:
    """Take the rule's job with a conditional UPDATE, so that a task delivered twice runs once at a time."""
    now = timezone.now()
    idle = ~Q(job_status=Assignment.JobStatus.RUNNING) | Q(job_started_at__lt=now - RUNNING_TOO_LONG)
    return bool(
        Assignment.objects.filter(idle, pk=rule_id).update(job_status=Assignment.JobStatus.RUNNING, job_started_at=now)
    )


def assignment_rule_run(*, rule_id: int) -> ApplyResult | None:
    """The rule's job (creation, or the nightly reconcile): apply it to its whole target, with progress."""
    if not _claim(rule_id):
        return None
    try:
        result = assignment_rule_apply(rule_id=rule_id, progress=_progress_writer(rule_id))
    except Exception:
        logger.exception("Applying assignment rule %s failed", rule_id)
        Assignment.objects.filter(pk=rule_id).update(job_status=Assignment.JobStatus.FAILED)
        cache.delete(_progress_key(rule_id))
        raise
    Assignment.objects.filter(pk=rule_id).update(job_status=Assignment.JobStatus.DONE, applied_at=timezone.now())
    cache.delete(_progress_key(rule_id))
    return result


def rule_progress(rule: Assignment) -> dict:
    """What the progress bar shows (read only: GET never changes state)."""
    running = rule.job_status in (Assignment.JobStatus.QUEUED, Assignment.JobStatus.RUNNING)
    cached = cache.get(_progress_key(rule.pk)) if running else None
    total = (cached or {}).get("total") or 0
    done = (cached or {}).get("done") or 0
    if running:
        percent = int(done * 100 / total) if total else 0
    else:
        percent, done, total = 100, rule.people_count, rule.people_count
    return {
        "status": rule.job_status,
        "status_label": str(rule.get_job_status_display()),
        "running": running,
        "done": done,
        "total": total,
        "percent": max(0, min(100, percent)),
        "people": rule.people_count,
    }


# --- Arrivals and the reconcile ------------------------------------------------------------------


def rules_reaching(user_ids: list[int]) -> list[int]:
    """Active rules whose target holds any of these people (three queries)."""
    rows = list(active_cadres().filter(pk__in=user_ids).values_list("commune_id", "commune__province_id", "unit_id"))
    if not rows:
        return []
    communes = {c for c, _p, _u in rows if c}
    provinces = {p for _c, p, _u in rows if p}
    units = {u for _c, _p, u in rows if u}
    teams = set(TeamMembership.objects.filter(user_id__in=user_ids).values_list("team_id", flat=True))
    reach = Q(province_id__in=provinces) | Q(commune_id__in=communes) | Q(team_id__in=teams) | Q(unit_id__in=units)
    return list(active_rules().filter(reach).order_by("pk").values_list("pk", flat=True))


def assignments_for_arrivals(*, user_ids: Iterable[int]) -> int:
    """Apply every active rule reaching these people (imported, created, moved) to them alone."""
    ids = sorted({int(pk) for pk in user_ids})
    assigned = 0
    size = batch_size()
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        for rule_id in rules_reaching(chunk):
            result = assignment_rule_apply(rule_id=rule_id, user_ids=chunk)
            assigned += result.inserted + result.relinked
    return assigned


def assignments_reconcile() -> int:
    """Nightly: run every active rule again over its whole target (idempotent). Returns the rules queued."""
    rule_ids = list(active_rules().order_by("pk").values_list("pk", flat=True))
    for rule_id in rule_ids:
        jobs.queue_rule_run(rule_id)
    return len(rule_ids)
