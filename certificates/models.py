"""Certificate templates (a snippet trainers edit), which template a course uses, and the certificates.

``courses`` knows nothing of certificates: the link from a course to its template lives here,
keyed by the course's stable ``course_key``, and a ``Certificate`` keeps a snapshot of
everything it prints, so later edits of names, courses or templates never change an issued PDF.
"""

import re
import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import PreviewableMixin

from courses.storage import private_storage
from localities.models import Commune

from .codes import format_code

# Placeholders a template's body may use, and what each stands for.
PLACEHOLDERS = {
    "name": _("họ và tên người nhận"),
    "course": _("tên khóa học"),
    "hours": _("số giờ học"),
    "commune": _("xã, phường của người học"),
    "date": _("ngày hoàn thành khóa học"),
}
REQUIRED_PLACEHOLDERS = ("course",)

NATIONAL_HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

DEFAULT_BODY = (
    "Cán bộ {commune}\nđã hoàn thành khóa bồi dưỡng “{course}”\nvới thời lượng {hours} giờ học, hoàn thành ngày {date}."
)

UNKNOWN_PLACEHOLDER = _("Chỗ điền {%(name)s} không tồn tại. Các chỗ điền dùng được: %(known)s.")
MALFORMED_PLACEHOLDER = _(
    "Nội dung có dấu ngoặc nhọn không khớp (%(error)s). Chỗ điền viết dạng {course}; "
    "muốn in dấu ngoặc nhọn thì gõ {{ hoặc }}."
)
FORMATTED_PLACEHOLDER = _("Chỗ điền {%(name)s} không được kèm định dạng; hãy viết đúng {%(name)s}.")
MISSING_PLACEHOLDER = _("Nội dung phải có chỗ điền {%(name)s}.")

hex_colour = RegexValidator(
    re.compile(r"^#[0-9a-fA-F]{6}$"), _("Nhập mã màu dạng #RRGGBB, ví dụ #9b1c1c."), code="colour"
)


def placeholder_errors(text: str, *, required=REQUIRED_PLACEHOLDERS) -> list[str]:
    """What is wrong with the placeholders of a template text, as messages for the trainer."""
    known = ", ".join(f"{{{key}}}" for key in PLACEHOLDERS)
    errors: list[str] = []
    used: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(text or ""))
    except ValueError as error:
        return [str(MALFORMED_PLACEHOLDER % {"error": error})]
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in PLACEHOLDERS:
            errors.append(str(UNKNOWN_PLACEHOLDER % {"name": field, "known": known}))
        elif spec or conversion:
            errors.append(str(FORMATTED_PLACEHOLDER % {"name": field}))
        used.add(field)
    for name in required:
        if name not in used:
            errors.append(str(MISSING_PLACEHOLDER % {"name": name}))
    return errors


def fill_placeholders(text: str, values: dict[str, str]) -> list[list[tuple[str, bool]]]:
    """The text as lines of (piece, is_value) runs, for the template to escape and emphasise.

    Raises ValueError for a text whose placeholders are broken; ``placeholder_errors`` says why.
    """
    if placeholder_errors(text, required=()):
        raise ValueError(text)
    lines: list[list[tuple[str, bool]]] = [[]]
    for literal, field, _spec, _conversion in string.Formatter().parse(text):
        for index, part in enumerate(literal.split("\n")):
            if index:
                lines.append([])
            if part:
                lines[-1].append((part, False))
        if field is not None:
            lines[-1].append((values[field], True))
    return [line for line in lines if line]


class CertificateTemplate(PreviewableMixin, models.Model):
    """What a certificate says and looks like. Trainers edit it; a course chooses one."""

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("Khổ ngang (A4)")
        PORTRAIT = "portrait", _("Khổ dọc (A4)")

    name = models.CharField(_("tên mẫu"), max_length=120, unique=True)
    is_default = models.BooleanField(
        _("mẫu mặc định"), default=False, help_text=_("Dùng cho các khóa học chưa được chọn mẫu riêng.")
    )
    orientation = models.CharField(
        _("khổ giấy"), max_length=16, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    show_national_header = models.BooleanField(
        _("in Quốc hiệu, Tiêu ngữ"),
        default=True,
        help_text=_("“CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM – Độc lập - Tự do - Hạnh phúc” ở đầu chứng nhận."),
    )
    issuer_parent = models.CharField(
        _("cơ quan chủ quản"), max_length=200, blank=True, help_text=_("Ví dụ: TỈNH ỦY BẮC NINH. Có thể để trống.")
    )
    issuer_name = models.CharField(
        _("cơ quan cấp"),
        max_length=200,
        blank=True,
        help_text=_("Để trống để dùng tên cơ quan trong phần Cài đặt → Thông tin cơ quan."),
    )
    title = models.CharField(_("tiêu đề"), max_length=120, default="GIẤY CHỨNG NHẬN")
    recipient_line = models.CharField(_("lời dẫn trước tên"), max_length=120, default="Chứng nhận Ông/Bà")
    body = models.TextField(
        _("nội dung"),
        default=DEFAULT_BODY,
        help_text=_(
            "Mỗi dòng in thành một dòng. Chỗ điền: {name} họ và tên, {course} tên khóa học, "
            "{hours} số giờ học, {commune} xã, phường, {date} ngày hoàn thành. Bắt buộc có {course}."
        ),
    )
    place = models.CharField(
        _("địa danh"), max_length=80, blank=True, help_text=_("In trước ngày cấp, ví dụ: Bắc Ninh.")
    )
    signatory_title = models.CharField(_("chức danh người ký"), max_length=120, default="TRƯỞNG BAN")
    signatory_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh chữ ký"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    seal_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh con dấu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh PNG nền trong suốt, in chồng lên chữ ký."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu trưng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Để trống để dùng biểu trưng của cơ quan."),
    )
    primary_colour = models.CharField(_("màu chính"), max_length=7, default="#9b1c1c", validators=[hex_colour])
    accent_colour = models.CharField(_("màu viền, điểm nhấn"), max_length=7, default="#b8860b", validators=[hex_colour])
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("is_default")]),
        MultiFieldPanel(
            [
                FieldPanel("show_national_header"),
                FieldPanel("issuer_parent"),
                FieldPanel("issuer_name"),
                FieldPanel("logo"),
            ],
            heading=_("Cơ quan cấp"),
        ),
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("recipient_line"), FieldPanel("body"), FieldPanel("place")],
            heading=_("Lời văn"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_title"),
                FieldPanel("signatory_name"),
                FieldPanel("signature_image"),
                FieldPanel("seal_image"),
            ],
            heading=_("Người ký"),
        ),
        MultiFieldPanel(
            [FieldPanel("orientation"), FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")])],
            heading=_("Trình bày"),
        ),
    ]

    class Meta:
        verbose_name = _("mẫu chứng nhận")
        verbose_name_plural = _("mẫu chứng nhận")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="certificate_template_one_default"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        body_errors = placeholder_errors(self.body)
        if body_errors:
            errors["body"] = body_errors
        for field in ("title", "recipient_line", "place"):
            if "{" in (getattr(self, field) or "") or "}" in (getattr(self, field) or ""):
                errors[field] = _("Chỗ điền chỉ dùng được trong phần nội dung.")
        if errors:
            raise ValidationError(errors)

    # --- Live preview in the admin: a sample certificate rendered as a real PDF.

    @property
    def preview_modes(self):
        return [("", _("PDF mẫu")), ("html", _("Bản xem nhanh (HTML)"))]

    @property
    def preview_sizes(self):
        return [
            {"name": "desktop", "icon": "desktop", "device_width": 1280, "label": _("Xem khổ màn hình máy tính")},
            {"name": "tablet", "icon": "tablet-alt", "device_width": 768, "label": _("Xem khổ máy tính bảng")},
        ]

    @property
    def default_preview_size(self):
        return "desktop"

    def serve_preview(self, request, mode_name):
        from .views import template_preview

        return template_preview(request, self, mode_name)


class CourseCertificate(models.Model):
    """Which template a course's certificates use, by the course's stable ``course_key``."""

    course_key = models.UUIDField(_("mã khóa học"), unique=True)
    course_title = models.CharField(_("khóa học"), max_length=255, editable=False)
    template = models.ForeignKey(
        CertificateTemplate, verbose_name=_("mẫu chứng nhận"), on_delete=models.PROTECT, related_name="courses"
    )
    enabled = models.BooleanField(
        _("cấp chứng nhận"), default=True, help_text=_("Bỏ chọn nếu khóa học này không cấp chứng nhận.")
    )

    class Meta:
        verbose_name = _("mẫu chứng nhận của khóa học")
        verbose_name_plural = _("mẫu chứng nhận của khóa học")
        ordering = ["course_title"]

    def __str__(self):
        return f"{self.course_title} → {self.template}"


class CertificateJob(models.Model):
    """A long piece of work a manager started from the admin: a bulk reissue or a ZIP of PDFs."""

    class Kind(models.TextChoices):
        REISSUE = "reissue", _("Cấp lại hàng loạt")
        ZIP = "zip", _("Tải tệp ZIP")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Thất bại")

    kind = models.CharField(_("loại việc"), max_length=8, choices=Kind.choices)
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    course_key = models.UUIDField(_("khóa học"), null=True, blank=True)
    template = models.ForeignKey(
        CertificateTemplate, verbose_name=_("mẫu"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    commune = models.ForeignKey(
        Commune, verbose_name=_("xã, phường"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(_("nội dung"), max_length=255, blank=True)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    processed = models.PositiveIntegerField(_("đã xử lý"), default=0)
    file = models.FileField(storage=private_storage, upload_to="certificate-exports/", blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc chứng nhận")
        verbose_name_plural = _("việc chứng nhận")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.processed / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Certificate(models.Model):
    """One version of a cadre's certificate for a course, with a snapshot of everything it prints."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang cấp")
        ISSUED = "issued", _("Đã cấp")
        FAILED = "failed", _("Lỗi khi tạo")
        REVOKED = "revoked", _("Đã thu hồi")
        SUPERSEDED = "superseded", _("Đã được thay thế")

    # At most one of these per cadre and course at a time (a partial unique index).
    LIVE = (Status.PENDING, Status.ISSUED, Status.FAILED)

    class RevokeReason(models.TextChoices):
        ISSUED_IN_ERROR = "error", _("Cấp nhầm")
        WRONG_DETAILS = "details", _("Sai thông tin trên chứng nhận")
        MISCONDUCT = "misconduct", _("Vi phạm quy chế học tập, kiểm tra")
        COURSE_WITHDRAWN = "course", _("Khóa học bị hủy bỏ")
        OTHER = "other", _("Lý do khác")

    code = models.CharField(_("mã chứng nhận"), max_length=20, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.PROTECT, related_name="certificates"
    )
    enrollment = models.ForeignKey(
        "courses.Enrollment", null=True, blank=True, on_delete=models.PROTECT, related_name="certificates"
    )
    course_key = models.UUIDField(_("mã khóa học"), db_index=True)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("khóa học"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("lần cấp"), default=1)
    template = models.ForeignKey(
        CertificateTemplate, verbose_name=_("mẫu"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the certificate prints, fixed when the version is created.
    full_name = models.CharField(_("họ và tên"), max_length=200)
    course_title = models.CharField(_("tên khóa học"), max_length=255)
    hours = models.DecimalField(_("số giờ học"), max_digits=5, decimal_places=1)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("xã, phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Nơi người học ghi danh khóa học; giới hạn phạm vi quản lý."),
    )
    commune_name = models.CharField(_("tên xã, phường"), max_length=200, blank=True)
    issuer_name = models.CharField(_("cơ quan cấp"), max_length=200)
    completed_on = models.DateField(_("ngày hoàn thành"))
    issued_on = models.DateField(_("ngày cấp"))
    # The template's wording as it stood when this version was created: the PDF is rendered from
    # these, and the verify page shows them, so a later edit of the template changes neither.
    # (Layout, colours and images are the template's, read once when the PDF is rendered.) The
    # defaults are the built-in wording, the same as a new template's.
    show_national_header = models.BooleanField(_("in Quốc hiệu, Tiêu ngữ"), default=True)
    issuer_parent = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=120, blank=True, default="GIẤY CHỨNG NHẬN")
    recipient_line = models.CharField(_("lời dẫn trước tên"), max_length=120, blank=True, default="Chứng nhận Ông/Bà")
    body = models.TextField(_("nội dung"), blank=True, default=DEFAULT_BODY)
    place = models.CharField(_("địa danh"), max_length=80, blank=True)
    signatory_title = models.CharField(_("chức danh người ký"), max_length=120, blank=True, default="TRƯỞNG BAN")
    signatory_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)

    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    pdf = models.FileField(_("tệp PDF"), storage=private_storage, upload_to="certificates/", blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    issued_at = models.DateTimeField(_("cấp lúc"), null=True, blank=True)
    # Rendering: who holds the job (a claim), since when, how many tries, the last error.
    queued_at = models.DateTimeField(null=True, blank=True, editable=False)
    render_token = models.CharField(max_length=32, blank=True, editable=False)
    render_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    render_attempts = models.PositiveSmallIntegerField(_("số lần tạo PDF"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoke_reason = models.CharField(_("lý do thu hồi"), max_length=16, choices=RevokeReason.choices, blank=True)
    revoke_note = models.TextField(_("ghi chú thu hồi"), blank=True)
    superseded_by = models.ForeignKey(
        "self", verbose_name=_("thay bằng"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    superseded_at = models.DateTimeField(_("thay thế lúc"), null=True, blank=True)
    job = models.ForeignKey(
        CertificateJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="certificates"
    )
    # The holder was anonymised at their request: name replaced, commune name and PDF removed.
    # The row stays (reports count it); the verify page says it was valid, without the holder.
    holder_removed_at = models.DateTimeField(_("xóa thông tin người nhận lúc"), null=True, blank=True)
    # Its bit in the published revocation list (Bitstring Status List), named by its Open Badges
    # credential: fixed once given (the row's id, set right after the insert), never reused.
    status_index = models.PositiveIntegerField(
        _("vị trí trong danh sách thu hồi"), null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("chứng nhận")
        verbose_name_plural = _("chứng nhận")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course_key"],
                condition=Q(status__in=["pending", "issued", "failed"]),
                name="certificate_one_live_per_user_course",
            ),
            models.UniqueConstraint(fields=["user", "course_key", "version"], name="certificate_version_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="certificate_version_positive"),
        ]
        indexes = [
            models.Index(fields=["status", "render_started_at"], name="certificate_render_queue"),
            models.Index(fields=["commune", "course_key"], name="certificate_commune_course"),
        ]

    def __str__(self):
        return f"{self.display_code} – {self.full_name}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.status_index is None:
            # The id is known only after the insert; the id is unique, so the index is too.
            type(self).objects.filter(pk=self.pk, status_index__isnull=True).update(status_index=self.pk)
            self.status_index = self.pk

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.ISSUED


class IssuerKey(models.Model):
    """An Ed25519 key the site signs credentials with (``certificates.keys``).

    Only the public half is in the database. The private half is a PEM file in
    ``KNS_ISSUER_KEY_DIR`` (by default ``PRIVATE_MEDIA_ROOT/issuer-keys``), which no URL serves.
    One key is active and signs; retired keys stay published so what they signed still verifies.
    """

    kid = models.CharField(_("mã khóa"), max_length=64, unique=True)
    public_jwk = models.JSONField(_("khóa công khai (JWK)"))
    private_file = models.CharField(_("tệp khóa bí mật"), max_length=200)
    active = models.BooleanField(_("đang dùng"), default=False)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    retired_at = models.DateTimeField(_("ngừng dùng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa ký chứng nhận")
        verbose_name_plural = _("khóa ký chứng nhận")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["active"], condition=Q(active=True), name="issuer_key_one_active"),
        ]

    def __str__(self):
        return self.kid
