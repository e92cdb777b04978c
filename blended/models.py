"""Blended learning: in-person training sessions, who is invited, who attended, and the session step.

A ``TrainingSession`` happens in a room, in one commune, run by a trainer. ``Invitation`` rows are
the people invited (a commune, a team or a unit is expanded into people when invited, so the list
is what was notified). ``Attendance`` is one row per cadre and session (a unique constraint), by
QR check-in or marked by hand from the roster. A ``SessionStepPage`` in a course is complete when
the cadre attended a session linked to that course (``blended.services``).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from accounts.access import LOGGED_IN
from courses.models import CoursePage, StepPage
from localities.models import Commune


class TrainingSession(models.Model):
    course = models.ForeignKey(
        CoursePage,
        verbose_name=_("khóa học"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Nếu chọn, dự buổi học sẽ hoàn thành bước “buổi học trực tiếp” của khóa học này."),
    )
    title = models.CharField(_("tên buổi học"), max_length=200)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    place = models.CharField(_("địa điểm"), max_length=300)
    commune = models.ForeignKey(Commune, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+")
    capacity = models.PositiveIntegerField(_("số chỗ"), null=True, blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("giảng viên"), on_delete=models.PROTECT, related_name="+"
    )
    open_to_all = models.BooleanField(
        _("mở cho người không được mời"),
        default=False,
        help_text=_("Cán bộ không có trong danh sách mời vẫn điểm danh được bằng mã QR (ghi là người đến thêm)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)

    class Meta:
        verbose_name = _("buổi học trực tiếp")
        verbose_name_plural = _("buổi học trực tiếp")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="training_session_ends_after_start")
        ]
        indexes = [models.Index(fields=["commune", "starts_at"]), models.Index(fields=["course", "starts_at"])]

    def __str__(self):
        return self.title

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class Invitation(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="session_invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lời mời")
        verbose_name_plural = _("lời mời")
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="invitation_once_per_session")]

    def __str__(self):
        return f"{self.user_id} → {self.session_id}"


class Attendance(models.Model):
    class Method(models.TextChoices):
        CHECKIN = "checkin", _("Quét mã QR")
        MANUAL = "manual", _("Giảng viên điểm danh")

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="session_attendances")
    method = models.CharField(_("cách điểm danh"), max_length=8, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("lúc"), default=timezone.now)
    # The QR window the code was shown in (check-in only), and whether the cadre was not on the list.
    window = models.BigIntegerField(null=True, blank=True)
    walk_in = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="attendance_once_per_session")]

    def __str__(self):
        return f"{self.user_id} @ {self.session_id} ({self.method})"


class SessionStepPage(StepPage):
    """A course step done in a room: complete once the cadre attended a session of this course."""

    access_rule = LOGGED_IN

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.CoursePage"]
    is_creatable = True
    template = "blended/session_step_page.html"

    class Meta:
        verbose_name = _("buổi học trực tiếp (bước)")
        verbose_name_plural = _("buổi học trực tiếp (bước)")

    step_kind_label = _("Buổi học trực tiếp")

    def get_context(self, request, *args, **kwargs):
        from .selectors import step_sessions

        context = super().get_context(request, *args, **kwargs)
        if request.user.is_authenticated and not getattr(request, "is_preview", False):
            context.update(step_sessions(user=request.user, course=context["course"]))
        return context
