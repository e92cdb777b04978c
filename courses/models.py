"""The course tree (Wagtail pages) and what learners leave in it (enrolments, completions, evidence).

``courses`` knows nothing of quizzes, certificates or reports: steps are
subclasses of the concrete ``StepPage``, and a ``CoursePage`` accepts any of
them, so quiz pages plug in from the app above.
"""

import math
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models
from wagtail.search import index

from accounts.access import LOGGED_IN, PUBLIC, AccessControlledPage
from localities.models import Commune

from .blocks import ChecklistItemBlock, LessonStreamBlock, stream_text
from .search import fold
from .storage import private_storage

WORDS_PER_MINUTE = 200


class Topic(models.TextChoices):
    DIGITAL_BASICS = "digital_basics", _("Kỹ năng số cơ bản")
    PUBLIC_SERVICES = "public_services", _("Dịch vụ công trực tuyến")
    SECURITY = "security", _("An toàn thông tin")
    CIVIC_ENGAGEMENT = "civic_engagement", _("Nắm tình hình nhân dân")
    COMMUNITY_TEAM = "community_team", _("Tổ công nghệ số cộng đồng")


class Level(models.TextChoices):
    BASIC = "basic", _("Cơ bản")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ADVANCED = "advanced", _("Nâng cao")


class Audience(models.TextChoices):
    ALL = "all", _("Mọi cán bộ")
    PROPAGANDA = "propaganda", _("Cán bộ tuyên giáo, dân vận")
    COMMUNITY_TEAM = "community_team", _("Thành viên Tổ công nghệ số cộng đồng")
    LEADERS = "leaders", _("Cán bộ chủ chốt cơ sở")


class FoldedSearchMixin:
    """Vietnamese is found with or without diacritics: an ASCII-folded copy of the text is indexed.

    Wagtail's database backends do not fold "số" to "so" (SQLite FTS5 misses
    letters with two marks; đ is a letter of its own), so queries are folded the
    same way before searching (``courses.search``).
    """

    def folded_search_text(self) -> str:
        return fold(" ".join(filter(None, self.search_text_parts())))

    def search_text_parts(self) -> list[str]:
        return [self.title]


class CourseIndexPage(AccessControlledPage, Page):
    access_rule = PUBLIC

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("danh mục khóa học")
        verbose_name_plural = _("danh mục khóa học")

    def get_context(self, request, *args, **kwargs):
        from .selectors import catalogue

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue(index_page=self, user=request.user, params=request.GET))
        return context

    def get_view_restrictions(self):
        # One query instead of Wagtail's two (courses.view_restrictions).
        from .view_restrictions import view_restrictions

        return view_restrictions(self)


class CoursePage(FoldedSearchMixin, AccessControlledPage, Page):
    access_rule = PUBLIC

    course_key = models.UUIDField(
        _("mã khóa học"),
        default=uuid.uuid4,
        editable=False,
        db_index=True,
        help_text=_("Giữ nguyên khi sao chép khóa học để làm phiên bản mới."),
    )
    intro = RichTextField(_("giới thiệu"), features=["bold", "italic", "ol", "ul", "link"])
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.CharField(_("chủ đề"), max_length=32, choices=Topic.choices, default=Topic.DIGITAL_BASICS)
    level = models.CharField(_("trình độ"), max_length=16, choices=Level.choices, default=Level.BASIC)
    audience = models.CharField(_("đối tượng"), max_length=32, choices=Audience.choices, default=Audience.ALL)
    estimated_minutes = models.PositiveIntegerField(_("thời gian học dự kiến (phút)"), default=60)
    hours = models.DecimalField(
        _("số giờ học ghi trên chứng nhận"),
        max_digits=5,
        decimal_places=1,
        default=4,
        help_text=_("Số giờ quy đổi của khóa học."),
    )
    outcomes = RichTextField(_("kết quả đầu ra"), blank=True, features=["ul", "bold"])
    sequential = models.BooleanField(
        _("học theo thứ tự"), default=False, help_text=_("Bước sau chỉ mở khi đã hoàn thành các bước bắt buộc trước.")
    )
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("cover_image"),
        FieldPanel("outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldPanel("level"),
                FieldPanel("audience"),
                FieldPanel("estimated_minutes"),
                FieldPanel("hours"),
                FieldPanel("sequential"),
            ],
            heading=_("Thông tin khóa học"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("folded_search_text"),
        index.FilterField("topic"),
        index.FilterField("level"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]

    class Meta:
        verbose_name = _("khóa học")
        verbose_name_plural = _("khóa học")

    @classmethod
    def clean_subpage_models(cls):
        # Any kind of step, including those defined by apps above this one (quizzes).
        return [model for model in get_page_models() if issubclass(model, StepPage) and model is not StepPage]

    def search_text_parts(self):
        from django.utils.html import strip_tags

        return [self.title, strip_tags(self.intro), strip_tags(self.outcomes)]

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_outline

        context = super().get_context(request, *args, **kwargs)
        from django.utils.translation import get_language

        from .page_cache import course_head, outline_html

        context["outline"] = outline = course_outline(course=self, user=request.user)
        if not getattr(request, "is_preview", False):
            # Title, facts, cover, intro and outcomes, rendered once per publish and language (page_cache).
            found = course_head(self, language=get_language())
            context["course_head"] = {"head": mark_safe(found["head"]), "offline": mark_safe(found["offline"])}  # noqa: S308
        # The outline list, rendered once per state of the course (page_cache.outline_html).
        context["outline_html"] = mark_safe(outline_html(outline, language=get_language()))  # noqa: S308
        # The catalogue's URL is this one less its last segment: the breadcrumb reads no parent page.
        url = self.get_url(request) or ""
        context["parent_url"] = url[: url.rstrip("/").rfind("/") + 1]
        return context

    def get_view_restrictions(self):
        # One query instead of Wagtail's two (courses.view_restrictions).
        from .view_restrictions import view_restrictions

        return view_restrictions(self)


class StepPage(AccessControlledPage, Page):
    """One step of a course: a lesson, a practice task, a quiz (from ``quizzes``), ..."""

    access_rule = LOGGED_IN

    is_required = models.BooleanField(
        _("bắt buộc"), default=True, help_text=_("Các bước bắt buộc phải hoàn thành để hoàn thành khóa học.")
    )
    estimated_minutes = models.PositiveIntegerField(_("thời gian dự kiến (phút)"), default=10)

    settings_panels = [*Page.settings_panels, FieldPanel("is_required"), FieldPanel("estimated_minutes")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    is_creatable = False

    class Meta:
        verbose_name = _("bước học")
        verbose_name_plural = _("bước học")

    step_kind_label = _("Bước")

    def serve(self, request, *args, **kwargs):
        # Anonymous visitors go to the login page first (the access rule), then the lock is checked.
        from accounts.access import enforce

        refused = enforce(type(self).access_rule, request)
        if refused:
            return refused
        if not getattr(request, "is_preview", False):
            from .page_cache import course_at
            from .selectors import course_outline
            from .services import step_gate

            # One outline serves both the gate and the page (kept on the request for get_context). The
            # course comes from the page cache, dropped on every publish (courses.page_cache).
            course = course_at(self.path[: -self.steplen])
            outline = course_outline(course=course, user=request.user, current_step=self)
            current = next((row for row in outline.rows if row.step.pk == self.pk), None)
            step_gate(
                user=request.user, step=self, enrollment=outline.enrollment, locked=bool(current and current.locked)
            )
            request.kns_outline = outline
        return Page.serve(self, request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .selectors import step_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            step_context(
                step=self,
                user=request.user,
                is_preview=getattr(request, "is_preview", False),
                outline=getattr(request, "kns_outline", None),
            )
        )
        return context

    def get_view_restrictions(self):
        # One query instead of Wagtail's two (courses.view_restrictions).
        from .view_restrictions import view_restrictions

        return view_restrictions(self)


class LessonPage(FoldedSearchMixin, StepPage):
    access_rule = LOGGED_IN

    summary = models.CharField(_("tóm tắt"), max_length=300, blank=True)
    body = StreamField(LessonStreamBlock(), verbose_name=_("nội dung"), use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("folded_search_text")]
    parent_page_types = ["courses.CoursePage"]
    is_creatable = True

    class Meta:
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")

    step_kind_label = _("Bài học")

    @cached_property
    def plain_text(self) -> str:
        return stream_text(self.body.raw_data)

    def search_text_parts(self):
        return [self.title, self.summary, self.plain_text]

    @cached_property
    def word_count(self) -> int:
        return len(self.plain_text.split())

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    def serve(self, request, *args, **kwargs):
        from functools import partial

        from .page_weight import fill_in

        response = super().serve(request, *args, **kwargs)
        # "Dung lượng trang" is measured on the rendered page itself (courses.page_weight).
        if hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(partial(fill_in, page_id=self.pk))
        return response

    def get_context(self, request, *args, **kwargs):
        from .page_weight import PLACEHOLDER

        context = super().get_context(request, *args, **kwargs)
        context["page_weight"] = mark_safe(PLACEHOLDER)  # noqa: S308 (a constant HTML comment)
        # Sent with "Đã học xong" so a press queued offline and replayed is recognisably the same press.
        context["idempotency_key"] = uuid.uuid4()
        return context


class PracticePage(StepPage):
    """A hands-on task, completed by ticking a checklist or by evidence a team leader or trainer approves."""

    access_rule = LOGGED_IN

    class Completion(models.TextChoices):
        SELF_CHECK = "self_check", _("Tự kiểm tra theo danh sách")
        EVIDENCE = "evidence", _("Nộp minh chứng để được duyệt")

    instructions = RichTextField(_("hướng dẫn"), features=["bold", "italic", "ol", "ul", "link"])
    checklist = StreamField(
        [("item", ChecklistItemBlock())], verbose_name=_("danh sách việc cần làm"), use_json_field=True
    )
    completion = models.CharField(
        _("cách hoàn thành"), max_length=16, choices=Completion.choices, default=Completion.SELF_CHECK
    )
    evidence_hint = models.CharField(
        _("hướng dẫn nộp minh chứng"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: ảnh chụp màn hình đã che thông tin cá nhân của người dân."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("instructions"),
        FieldPanel("checklist"),
        FieldPanel("completion"),
        FieldPanel("evidence_hint"),
    ]
    parent_page_types = ["courses.CoursePage"]
    is_creatable = True

    class Meta:
        verbose_name = _("bài thực hành")
        verbose_name_plural = _("bài thực hành")

    step_kind_label = _("Bài thực hành")

    @property
    def checklist_items(self) -> list[str]:
        return [child.get("value") for child in self.checklist.raw_data if child.get("value")]

    @property
    def needs_evidence(self) -> bool:
        return self.completion == self.Completion.EVIDENCE

    def get_context(self, request, *args, **kwargs):
        from .forms import EvidenceForm

        context = super().get_context(request, *args, **kwargs)
        context["evidence_form"] = EvidenceForm()
        return context


class Enrollment(models.Model):
    """A cadre in a course. Soft states only, so history is never lost."""

    class Source(models.TextChoices):
        SELF = "self", _("Tự đăng ký")
        ASSIGNED = "assigned", _("Được giao")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrollments")
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="enrollments")
    course_key = models.UUIDField(db_index=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("xã, phường khi ghi danh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.SELF)
    assignment = models.ForeignKey(
        "courses.Assignment", null=True, blank=True, on_delete=models.SET_NULL, related_name="enrollments"
    )
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    last_step = models.ForeignKey(StepPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("ghi danh")
        verbose_name_plural = _("ghi danh")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="enrollment_one_per_user_course")]
        indexes = [models.Index(fields=["commune", "course_key"]), models.Index(fields=["course", "completed_at"])]

    def __str__(self):
        return f"{self.user} – {self.course_id}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    @property
    def is_overdue(self) -> bool:
        return bool(self.due_date and not self.completed_at and self.due_date < timezone.localdate())


class StepCompletion(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="step_completions")
    step = models.ForeignKey(StepPage, on_delete=models.PROTECT, related_name="completions")
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="step_completions")
    completed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("bước đã hoàn thành")
        verbose_name_plural = _("bước đã hoàn thành")
        constraints = [models.UniqueConstraint(fields=["user", "step"], name="step_completion_once")]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self):
        return f"{self.user_id} – {self.step_id}"


class Assignment(models.Model):
    """An assignment rule: a course, with a due date, for every active cadre of one target.

    The target is exactly one of a province, a commune, a team or a unit (a database
    constraint). The rule keeps applying until its due date: cadres who arrive in the target
    later (import, creation, a move, a new team membership) are assigned too, on arrival and by
    the nightly reconcile (``courses.assignments``). What it assigned is an ``Enrollment`` with
    ``source="assigned"`` linked here. Withdrawing stops future assignment; the enrolments it made
    stay, linked to it. A unit rule reaches the unit's members inside its creator's scope.
    """

    class JobStatus(models.TextChoices):
        QUEUED = "queued", _("Đang chờ giao")
        RUNNING = "running", _("Đang giao")
        DONE = "done", _("Đã giao")
        FAILED = "failed", _("Lỗi khi giao")

    course = models.ForeignKey(CoursePage, verbose_name=_("khóa học"), on_delete=models.PROTECT, related_name="+")
    course_key = models.UUIDField(db_index=True)
    province = models.ForeignKey(
        "localities.Province",
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    commune = models.ForeignKey(
        Commune, verbose_name=_("xã, phường"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("tổ"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("hạn hoàn thành"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người giao"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The cadres whose enrolment this rule set (counted after each application).
    people_count = models.PositiveIntegerField(_("số cán bộ được giao"), default=0)
    # The last application job (creation, or the nightly reconcile): claimed by a conditional UPDATE.
    job_status = models.CharField(
        _("tình trạng giao"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    job_started_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(_("lần giao gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("quy tắc giao khóa học")
        verbose_name_plural = _("giao khóa học")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(province__isnull=False, commune__isnull=True, team__isnull=True, unit__isnull=True)
                    | Q(province__isnull=True, commune__isnull=False, team__isnull=True, unit__isnull=True)
                    | Q(province__isnull=True, commune__isnull=True, team__isnull=False, unit__isnull=True)
                    | Q(province__isnull=True, commune__isnull=True, team__isnull=True, unit__isnull=False)
                ),
                name="assignment_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_by__isnull=False),
                name="assignment_withdrawn_by_someone",
            ),
        ]
        indexes = [models.Index(fields=["withdrawn_at", "due_date"])]

    def __str__(self):
        return f"{self.course} → {self.target}"

    @property
    def target(self):
        return self.province or self.commune or self.team or self.unit

    @property
    def is_active(self) -> bool:
        """Still assigning newcomers: not withdrawn, and its due date not passed."""
        return self.withdrawn_at is None and self.due_date >= timezone.localdate()


class Evidence(models.Model):
    """What a cadre hands in for a practice task, and what the reviewer said."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        RETURNED = "returned", _("Trả lại để bổ sung")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evidence")
    step = models.ForeignKey(PracticePage, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(storage=private_storage, upload_to="evidence/%Y/%m/", max_length=255)
    content_type = models.CharField(max_length=64)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    note = models.TextField(_("ghi chú của người nộp"), blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SUBMITTED, db_index=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("nhận xét"), blank=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        permissions = [("review_evidence", _("Duyệt minh chứng thực hành"))]
        constraints = [
            # One piece of evidence waiting for review per cadre and task.
            models.UniqueConstraint(
                fields=["user", "step"], condition=Q(status="submitted"), name="evidence_one_pending"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.step_id} ({self.get_status_display()})"
