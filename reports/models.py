"""What the dashboards read, what managers set, and what they send.

Summary rows (Zulip's analytics style: counts computed by a job, read by pages):

- ``DailyProgress``: commune × team × unit × course × day. The grain every filter needs.
- ``CourseTotal``: commune × course (and an "all courses" row), no day, team or unit: what the
  overview and province pages read when no date, team or unit filter is set, so their cost is
  bounded by communes × courses, never by the number of cadres or progress rows.
- ``PeopleCount``: commune × team × unit: cadres registered, and how many completed or hold a
  certificate in any course.
- ``TargetProgress``: each target's numerator and denominator per commune.
- ``CommuneRefresh``: when each commune's rows were last rebuilt (the pages say how fresh they are).

Dimension ids are plain integers, not foreign keys: summaries never block a delete, and a
unique constraint holds on both databases without NULLs. ``team_id`` is ``ALL_CADRES`` (0) for
the whole commune, ``ANY_TEAM`` (-1) for the members of any of its teams (each counted once),
or a team's id; ``unit_id`` 0 means "no unit". The rows are rebuilt by ``reports.summaries``
(docs/reports.md).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.storage import private_storage
from localities.models import Commune, Province

ALL_CADRES = 0
ANY_TEAM = -1
NO_UNIT = 0
# The "all courses" row of CourseTotal.
ALL_COURSES = uuid.UUID(int=0)


class Counts(models.Model):
    """The counters every summary row of enrolments carries."""

    enrolled = models.PositiveIntegerField(default=0)
    assigned = models.PositiveIntegerField(default=0)
    started = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    certified = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    # Quizzes: (cadre, quiz) pairs with a graded attempt, those with a pass, and the sum of their best scores (%).
    quiz_takers = models.PositiveIntegerField(default=0)
    quiz_passers = models.PositiveIntegerField(default=0)
    quiz_best_sum = models.FloatField(default=0)

    COUNTERS = (
        "enrolled",
        "assigned",
        "started",
        "completed",
        "certified",
        "overdue",
        "quiz_takers",
        "quiz_passers",
        "quiz_best_sum",
    )

    class Meta:
        abstract = True


class DailyProgress(Counts):
    """Enrolments made on ``day`` (local date) and where they are now; and completions on ``day``.

    The counters of ``Counts`` describe the cohort of enrolments made that day, as of the last
    refresh (so a date range filters by enrolment date and every stage stays a subset of the one
    before); ``completions`` counts the enrolments completed that day (the weekly chart).
    """

    day = models.DateField()
    province_id = models.IntegerField()
    commune_id = models.IntegerField()
    team_id = models.IntegerField(default=ALL_CADRES)
    unit_id = models.IntegerField(default=NO_UNIT)
    course_key = models.UUIDField()
    completions = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tiến độ theo ngày")
        verbose_name_plural = _("tiến độ theo ngày")
        default_permissions = ()
        permissions = [
            ("view_dashboard", _("Xem báo cáo tiến độ học tập")),
            ("export_reports", _("Xuất báo cáo ra tệp")),
            ("send_reminders", _("Gửi nhắc nhở học tập")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["commune_id", "team_id", "unit_id", "course_key", "day"], name="daily_progress_grain"
            )
        ]
        indexes = [
            models.Index(fields=["province_id", "team_id", "day"], name="daily_progress_province"),
            models.Index(fields=["commune_id", "team_id", "day"], name="daily_progress_commune"),
        ]

    def __str__(self):
        return f"{self.day} {self.commune_id}/{self.team_id}/{self.unit_id} {self.course_key}"


class CourseTotal(Counts):
    """All enrolments of a commune in a course (``ALL_COURSES``: in every course), as of the last refresh."""

    province_id = models.IntegerField()
    commune_id = models.IntegerField()
    course_key = models.UUIDField()

    class Meta:
        verbose_name = _("tổng hợp theo khóa học")
        verbose_name_plural = _("tổng hợp theo khóa học")
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["commune_id", "course_key"], name="course_total_grain")]
        indexes = [models.Index(fields=["province_id", "course_key"], name="course_total_province")]

    def __str__(self):
        return f"{self.commune_id} {self.course_key}"


class PeopleCount(models.Model):
    """Cadres of a commune (or members of a team), by unit: how many, and how many got somewhere."""

    province_id = models.IntegerField()
    commune_id = models.IntegerField()
    team_id = models.IntegerField(default=ALL_CADRES)
    unit_id = models.IntegerField(default=NO_UNIT)
    registered = models.PositiveIntegerField(default=0)
    completed_any = models.PositiveIntegerField(default=0)
    certified_any = models.PositiveIntegerField(default=0)

    COUNTERS = ("registered", "completed_any", "certified_any")

    class Meta:
        verbose_name = _("số cán bộ")
        verbose_name_plural = _("số cán bộ")
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["commune_id", "team_id", "unit_id"], name="people_count_grain")]
        indexes = [models.Index(fields=["province_id", "team_id"], name="people_count_province")]

    def __str__(self):
        return f"{self.commune_id}/{self.team_id}/{self.unit_id}: {self.registered}"


class CommuneRefresh(models.Model):
    """When a commune's summary rows were last rebuilt."""

    commune_id = models.IntegerField(unique=True)
    province_id = models.IntegerField(db_index=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lần cập nhật số liệu")
        verbose_name_plural = _("lần cập nhật số liệu")
        default_permissions = ()

    def __str__(self):
        return f"{self.commune_id}: {self.refreshed_at}"


# --- Targets ------------------------------------------------------------------------------------------


class Target(models.Model):
    """A manager's goal for a province or a commune: "80% of the unit's cadres complete course X by …"."""

    class Population(models.TextChoices):
        ALL = "all", _("Tất cả cán bộ")
        TEAM_MEMBERS = "team_members", _("Thành viên Tổ công nghệ số cộng đồng")
        UNIT = "unit", _("Cán bộ của một đơn vị")

    class Measure(models.TextChoices):
        COMPLETED = "completed", _("hoàn thành khóa học")
        CERTIFIED = "certified", _("được cấp chứng nhận")

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    commune = models.ForeignKey(
        Commune, verbose_name=_("xã, phường"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    course_key = models.UUIDField(_("khóa học"), null=True, blank=True)
    course_title = models.CharField(_("tên khóa học"), max_length=255, blank=True)
    population = models.CharField(_("đối tượng"), max_length=16, choices=Population.choices, default=Population.ALL)
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    measure = models.CharField(_("chỉ tiêu"), max_length=16, choices=Measure.choices, default=Measure.COMPLETED)
    percent = models.PositiveSmallIntegerField(
        _("tỷ lệ (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    start_date = models.DateField(_("tính từ ngày"), default=timezone.localdate)
    due_date = models.DateField(_("hạn"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đặt"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("đặt lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(province__isnull=False) & Q(commune__isnull=True))
                | (Q(province__isnull=True) & Q(commune__isnull=False)),
                name="target_one_locality",
            ),
            models.CheckConstraint(condition=Q(percent__gte=1, percent__lte=100), name="target_percent_range"),
            models.CheckConstraint(
                condition=(Q(population="unit") & Q(unit__isnull=False))
                | (~Q(population="unit") & Q(unit__isnull=True)),
                name="target_unit_iff_unit_population",
            ),
            models.CheckConstraint(condition=Q(due_date__gte=models.F("start_date")), name="target_due_after_start"),
        ]

    def __str__(self):
        return f"{self.percent}% {self.get_population_display().lower()} – {self.locality}"

    @property
    def locality(self):
        return self.commune or self.province


class TargetProgress(models.Model):
    """A target's population and how many of them got there, in one commune, as of the last refresh."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="progress")
    commune_id = models.IntegerField()
    numerator = models.PositiveIntegerField(default=0)
    denominator = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tiến độ chỉ tiêu")
        verbose_name_plural = _("tiến độ chỉ tiêu")
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["target", "commune_id"], name="target_progress_grain")]
        indexes = [models.Index(fields=["commune_id"], name="target_progress_commune")]

    def __str__(self):
        return f"{self.target_id}@{self.commune_id}: {self.numerator}/{self.denominator}"


# --- Reminders and notices ----------------------------------------------------------------------------


class ReminderSlot(models.Model):
    """The last reminder a cadre got about a course: the throttle, claimed by a conditional UPDATE."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course_key = models.UUIDField()
    last_sent_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True, db_index=True)

    class Meta:
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["user", "course_key"], name="reminder_slot_unique")]

    def __str__(self):
        return f"{self.user_id} {self.course_key}: {self.last_sent_at}"


class Reminder(models.Model):
    class Reason(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa bắt đầu học")
        OVERDUE = "overdue", _("Quá hạn hoàn thành")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="reminders"
    )
    course_key = models.UUIDField()
    course_title = models.CharField(max_length=255)
    course_url = models.CharField(max_length=500, blank=True)
    reason = models.CharField(_("lý do"), max_length=16, choices=Reason.choices)
    due_date = models.DateField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    commune_id = models.IntegerField(null=True, blank=True)
    team_id = models.IntegerField(null=True, blank=True)
    email = models.EmailField(blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nhắc nhở")
        verbose_name_plural = _("nhắc nhở")
        default_permissions = ()
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["user", "course_key", "sent_at"], name="reminder_user_course")]

    def __str__(self):
        return f"{self.user_id}: {self.course_title} ({self.reason})"


class Notice(models.Model):
    """A message shown on a cadre's pages until they dismiss it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    message = models.CharField(max_length=500)
    url = models.CharField(max_length=500, blank=True)
    reminder = models.OneToOneField(Reminder, null=True, blank=True, on_delete=models.CASCADE, related_name="notice")
    created_at = models.DateTimeField(default=timezone.now)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        default_permissions = ()
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "dismissed_at"], name="notice_open")]

    def __str__(self):
        return self.message


class DigestLog(models.Model):
    """One weekly digest per manager and week, whatever beat or a retry does."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the week.")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="digest_once_a_week")]

    def __str__(self):
        return f"{self.user_id} {self.week}"


# --- Exports ------------------------------------------------------------------------------------------


class ExportJob(models.Model):
    """Every export: who, which table, which scope and filters, and (for large ones) the private file."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tạo tệp")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Lỗi")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xuất"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    table = models.CharField(_("bảng"), max_length=32)
    level = models.CharField(max_length=16)
    object_id = models.IntegerField(null=True, blank=True)
    label = models.CharField(_("nội dung"), max_length=300)
    format = models.CharField(_("định dạng"), max_length=4, choices=Format.choices)
    filters = models.JSONField(default=dict, blank=True)
    in_background = models.BooleanField(default=False)
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    file = models.FileField(storage=private_storage, upload_to="exports/%Y/%m/", blank=True, max_length=255)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("lượt xuất báo cáo")
        verbose_name_plural = _("lượt xuất báo cáo")
        default_permissions = ()
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "expires_at"], name="export_job_expiry")]

    def __str__(self):
        return f"{self.get_format_display()}: {self.label}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, round(100 * self.processed / self.total)) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_expired(self) -> bool:
        return bool(self.expires_at and self.expires_at <= timezone.now())
