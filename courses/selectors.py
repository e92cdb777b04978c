"""Reads for learner pages, each in a fixed number of queries whatever the number of steps or enrolments."""

from dataclasses import dataclass, field
from functools import cache, reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import Count, Q
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.db_rows import instance_from_row, select_columns

from .models import Audience, CoursePage, Enrollment, Evidence, LessonPage, Level, StepCompletion, StepPage, Topic
from .page_cache import course_steps, lesson_body, outline_html
from .progress import progress_percent
from .services import locked_step_ids


@dataclass
class StepRow:
    step: StepPage
    kind: str
    url: str
    done: bool
    locked: bool
    is_current: bool = False


@dataclass
class Outline:
    course: CoursePage
    rows: list[StepRow]
    enrollment: Enrollment | None
    required_total: int
    required_done: int
    continue_row: StepRow | None = None
    meta: dict = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return progress_percent(
            completed=self.is_complete, required_done=self.required_done, required_total=self.required_total
        )

    @property
    def is_enrolled(self) -> bool:
        return bool(self.enrollment and self.enrollment.withdrawn_at is None)

    @property
    def is_complete(self) -> bool:
        return bool(self.enrollment and self.enrollment.completed_at)


@cache
def _step_models_by_content_type() -> dict[int, type]:
    # The page models are fixed once the apps are loaded; the labels are translated per request below.
    return {ContentType.objects.get_for_model(model).pk: model for model in _step_models()}


def _kind_labels() -> dict[int, str]:
    """Content type id → the step's kind, for every step model (lessons, practice, quizzes, ...)."""
    return {pk: str(model.step_kind_label) for pk, model in _step_models_by_content_type().items()}


def _step_models():
    from wagtail.models import get_page_models

    return [m for m in get_page_models() if issubclass(m, StepPage) and m is not StepPage]


def course_outline(*, course: CoursePage, user, current_step: StepPage | None = None) -> Outline:
    """The steps of a course with this user's status for each. Two queries (the steps are cached: page_cache)."""
    course_url, steps = course_steps(course)
    enrollment = None
    done: set[int] = set()
    if user.is_authenticated:
        enrollment, done = enrollment_and_done(user_id=user.pk, course_id=course.pk)
    locked = locked_step_ids(steps=steps, done_ids=done, sequential=course.sequential)
    labels = _kind_labels()
    # A step's URL is its course's plus its slug (Wagtail's url_path): one URL lookup, not one per step.
    rows = [
        StepRow(
            step=step,
            kind=labels.get(step.content_type_id, str(StepPage.step_kind_label)),
            url=f"{course_url}{step.slug}/" if course_url else step.url,
            done=step.pk in done,
            locked=step.pk in locked,
            is_current=current_step is not None and step.pk == current_step.pk,
        )
        for step in steps
    ]
    required = [row for row in rows if row.step.is_required]
    outline = Outline(
        course=course,
        rows=rows,
        enrollment=enrollment,
        required_total=len(required),
        required_done=sum(row.done for row in required),
    )
    outline.continue_row = _continue_row(outline)
    return outline


def enrollment_and_done(*, user_id: int, course_id: int) -> tuple[Enrollment | None, set[int]]:
    """The cadre's enrolment in the course (any state) and the ids of the steps they completed in it.

    One hand-written SELECT, the enrolment joined to its completions, its columns taken from the models:
    it is read on every step and course page, and the two ORM queries it replaces cost more to build than
    to run. Nothing here is cached; a completion or an enrolment shows on the next page.
    """
    alias = router.db_for_read(Enrollment)
    with connections[alias].cursor() as cursor:
        cursor.execute(_enrollment_and_done_sql(alias), [user_id, course_id])
        rows = cursor.fetchall()
    if not rows:
        return None, set()
    enrollment = instance_from_row(Enrollment, alias, rows[0][:-1])
    return enrollment, {row[-1] for row in rows if row[-1] is not None}


@cache
def _enrollment_and_done_sql(alias: str) -> str:
    q = connections[alias].ops.quote_name
    column = {f.name: q(f.column) for f in StepCompletion._meta.concrete_fields}
    enrolment = {f.name: q(f.column) for f in Enrollment._meta.concrete_fields}
    # Only names from the models, quoted; the user and the course are parameters.
    return (
        f"SELECT {select_columns(Enrollment, alias, 'e')}, c.{column['step']} "  # noqa: S608
        f"FROM {q(Enrollment._meta.db_table)} e LEFT JOIN {q(StepCompletion._meta.db_table)} c "
        f"ON c.{column['user']} = e.{enrolment['user']} AND c.{column['course']} = e.{enrolment['course']} "
        f"WHERE e.{enrolment['user']} = %s AND e.{enrolment['course']} = %s"
    )


def _continue_row(outline: Outline) -> StepRow | None:
    """Where the cadre left off: the last step they opened if not done, else the first open step not done."""
    if not outline.is_enrolled:
        return None
    last_id = outline.enrollment.last_step_id
    by_id = {row.step.pk: row for row in outline.rows}
    last = by_id.get(last_id)
    if last is not None and not last.done and not last.locked:
        return last
    for row in outline.rows:
        if not row.done and not row.locked:
            return row
    return None


def step_context(*, step: StepPage, user, is_preview: bool = False, outline: Outline | None = None) -> dict:
    if outline is None:
        course = CoursePage.objects.get(path=step.path[: -step.steplen], depth=step.depth - 1)
        outline = course_outline(course=course, user=user, current_step=step)
    course = outline.course
    index = next((i for i, row in enumerate(outline.rows) if row.step.pk == step.pk), None)
    previous_row = outline.rows[index - 1] if index else None
    next_row = outline.rows[index + 1] if index is not None and index + 1 < len(outline.rows) else None
    current = outline.rows[index] if index is not None else None
    context = {
        "course": course,
        "outline": outline,
        "current_row": current,
        "previous_row": previous_row,
        "next_row": next_row,
        "is_preview": is_preview,
        "step_done": bool(current and current.done),
        # The outline list, rendered once per state of the course (page_cache.outline_html).
        "outline_html": mark_safe(outline_html(outline, language=get_language())),  # noqa: S308 (our template)
    }
    if not is_preview and isinstance(step, LessonPage):
        # A lesson's blocks are rendered once per publish and language (page_cache.lesson_body); a
        # preview shows the draft, rendered by the template itself.
        body = lesson_body(step, language=get_language())
        step.__dict__["plain_text"] = body["plain_text"]  # the cached_properties behind the reading time
        if "word_count" in body:
            step.__dict__["word_count"] = body["word_count"]
        context["lesson_body"] = mark_safe(body["html"])  # noqa: S308 (Wagtail's own block rendering)
    if user.is_authenticated and hasattr(step, "needs_evidence"):
        context["evidence_list"] = list(
            Evidence.objects.filter(user=user, step_id=step.pk).select_related("reviewed_by").order_by("-submitted_at")
        )
    return context


# --- Catalogue ------------------------------------------------------------------------------------

FILTERS = {"topic": Topic, "level": Level, "audience": Audience}


def catalogue(*, index_page, user, params) -> dict:
    """Live courses under the index page, filtered by topic, level and audience (unknown values ignored)."""
    courses = (
        CoursePage.objects.child_of(index_page).live().filter(archived_at__isnull=True).select_related("cover_image")
    )
    active = {}
    for name, choices in FILTERS.items():
        value = params.get(name, "")
        if value in choices.values:
            courses = courses.filter(**{name: value})
            active[name] = value
    courses = list(courses.order_by("path"))
    status = {}
    if user.is_authenticated:
        status = dict(
            Enrollment.objects.filter(user=user, course__in=courses, withdrawn_at__isnull=True).values_list(
                "course_id", "completed_at"
            )
        )
    labels = {"topic": _("Chủ đề"), "level": _("Trình độ"), "audience": _("Đối tượng")}
    return {
        "cards": [{"course": c, "enrolled": c.pk in status, "completed": bool(status.get(c.pk))} for c in courses],
        "filter_fields": [
            {
                "name": name,
                "label": labels[name],
                "options": [(value, label, active.get(name) == value) for value, label in choices.choices],
            }
            for name, choices in FILTERS.items()
        ],
        "active_filters": active,
    }


# --- My learning ----------------------------------------------------------------------------------


@dataclass
class LearningRow:
    enrollment: Enrollment
    course: CoursePage
    required_total: int
    required_done: int

    @property
    def percent(self) -> int:
        return progress_percent(
            completed=bool(self.enrollment.completed_at),
            required_done=self.required_done,
            required_total=self.required_total,
        )


def my_learning(*, user) -> list[LearningRow]:
    """The cadre's courses with progress, due dates and overdue marks. Three queries, whatever the count."""
    enrollments = list(
        Enrollment.objects.filter(user=user, withdrawn_at__isnull=True)
        .select_related("course")
        .order_by("completed_at", "due_date", "-created_at")
    )
    if not enrollments:
        return []
    courses = [e.course for e in enrollments]
    prefix_filter = reduce(or_, [Q(path__startswith=c.path, depth=c.depth + 1) for c in courses])
    required = {}
    for path in StepPage.objects.live().filter(prefix_filter, is_required=True).values_list("path", flat=True):
        required[path[: -StepPage.steplen]] = required.get(path[: -StepPage.steplen], 0) + 1
    done = dict(
        StepCompletion.objects.filter(user=user, course__in=courses, step__is_required=True, step__live=True)
        .values("course_id")
        .annotate(n=Count("id"))
        .values_list("course_id", "n")
    )
    return [
        LearningRow(
            enrollment=e,
            course=e.course,
            required_total=required.get(e.course.path, 0),
            required_done=done.get(e.course_id, 0),
        )
        for e in enrollments
    ]


def evidence_awaiting(reviewer):
    """Submitted evidence this reviewer may decide, oldest first, as one query (``can_review``'s rule).

    Trainers and superusers see everyone's; a team leader sees the members of the teams they lead.
    Nobody but a superuser sees their own."""
    from accounts.models import TeamMembership

    pending = Evidence.objects.filter(status=Evidence.Status.SUBMITTED)
    if not reviewer.is_superuser:
        pending = pending.exclude(user_id=reviewer.pk)
        if not reviewer.has_perm("courses.review_evidence"):
            led_teams = TeamMembership.objects.filter(user=reviewer, role=TeamMembership.Role.LEADER).values("team_id")
            members = TeamMembership.objects.filter(team_id__in=led_teams).values("user_id")
            pending = pending.filter(user_id__in=members)
    return pending.select_related("user", "user__commune", "step").order_by("submitted_at", "pk")
