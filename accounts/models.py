"""People: the custom user, units, teams and managers' scopes."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from localities.models import Commune, Province

from .storage import private_storage
from .text import nfc, normalize_phone


class Unit(models.Model):
    """An organisation a cadre works for (Ban Tuyên giáo và Dân vận, Hội Nông dân, ...)."""

    name = models.CharField(_("tên đơn vị"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        super().save(*args, **kwargs)


class CadreUserManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(username__iexact=username)


class User(AbstractUser):
    """A person who uses the platform.

    Vietnamese names do not split into first and last, so there is one
    ``full_name``; the inherited first/last name fields are removed.
    """

    first_name = None
    last_name = None

    full_name = models.CharField(_("họ và tên"), max_length=150)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(
        _("số điện thoại"),
        max_length=16,
        null=True,
        blank=True,
        help_text=_("Ví dụ 0912 345 678. Có thể dùng để đăng nhập."),
    )
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    commune = models.ForeignKey(
        Commune, verbose_name=_("xã, phường"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )

    objects = CadreUserManager()

    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            # NULL, not "", when there is no phone, so that uniqueness holds only for real numbers.
            models.UniqueConstraint(fields=["phone"], condition=Q(phone__isnull=False), name="user_phone_unique"),
            models.CheckConstraint(condition=~Q(phone=""), name="user_phone_not_blank"),
        ]
        indexes = [
            # Usernames are matched case-insensitively (login, cadre import): an index on lower(username).
            models.Index(Lower("username"), name="user_username_lower"),
        ]

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        # The given name comes last in Vietnamese: "Nguyễn Thị Lan" → "Lan".
        return (self.full_name.split() or [self.username])[-1]

    def clean(self):
        super().clean()
        self.full_name = nfc(self.full_name)
        self.position = nfc(self.position)
        self.phone = normalize_phone(self.phone)
        self.email = self.email.strip().lower() if self.email else ""

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        self.phone = normalize_phone(self.phone) if self.phone else None
        super().save(*args, **kwargs)


class Team(ClusterableModel):
    """A commune's community digital technology team (Tổ công nghệ số cộng đồng).

    A cluster with its memberships, so that the admin edits the team and its members in one
    form (an InlinePanel); the memberships stay ordinary rows, the one source of who is in a team.
    """

    commune = models.ForeignKey(Commune, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("tên tổ"), max_length=200)
    village = models.CharField(
        _("thôn, tổ dân phố"), max_length=200, blank=True, help_text=_("Để trống nếu tổ phụ trách cả xã, phường.")
    )
    created_at = models.DateTimeField(_("ngày thành lập"), auto_now_add=True)
    members = models.ManyToManyField(User, through="TeamMembership", related_name="teams")

    class Meta:
        verbose_name = _("tổ công nghệ số cộng đồng")
        verbose_name_plural = _("tổ công nghệ số cộng đồng")
        ordering = ["commune__name", "name"]
        constraints = [models.UniqueConstraint(fields=["commune", "name"], name="team_name_unique_in_commune")]

    def __str__(self):
        return f"{self.name} – {self.commune}"

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.village = nfc(self.village)
        super().save(*args, **kwargs)


class TeamMembership(models.Model):
    """The one source of who is in a team and who leads it."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Tổ trưởng")
        MEMBER = "member", _("Thành viên")

    user = models.ForeignKey(User, verbose_name=_("thành viên"), on_delete=models.CASCADE, related_name="memberships")
    team = ParentalKey(Team, verbose_name=_("tổ"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("vai trò trong tổ"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("ngày tham gia"), auto_now_add=True)

    class Meta:
        verbose_name = _("thành viên tổ")
        verbose_name_plural = _("thành viên tổ")
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) – {self.team.name}"


class ManagerScope(models.Model):
    """What a manager may see: a whole province, or one commune."""

    user = models.ForeignKey(User, verbose_name=_("cán bộ quản lý"), on_delete=models.CASCADE, related_name="scopes")
    province = models.ForeignKey(Province, verbose_name=_("tỉnh"), null=True, blank=True, on_delete=models.CASCADE)
    commune = models.ForeignKey(Commune, verbose_name=_("xã, phường"), null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("phạm vi quản lý")
        verbose_name_plural = _("phạm vi quản lý")
        constraints = [
            models.CheckConstraint(
                condition=(Q(province__isnull=False) & Q(commune__isnull=True))
                | (Q(province__isnull=True) & Q(commune__isnull=False)),
                name="scope_exactly_one_locality",
            ),
            models.UniqueConstraint(fields=["user", "province"], name="scope_user_province_unique"),
            models.UniqueConstraint(fields=["user", "commune"], name="scope_user_commune_unique"),
        ]

    def __str__(self):
        return f"{self.user}: {self.province or self.commune}"


class CommuneChange(models.Model):
    """A cadre moved from one commune to another.

    Moving a cadre changes ``User.commune`` only. What happened before (enrolments, which
    record the commune at enrolment; team memberships; certificates) keeps pointing where
    it was made, so history stays counted where it happened. This row says when and by whom.
    """

    class Source(models.TextChoices):
        ADMIN = "admin", _("Quản trị")
        IMPORT = "import", _("Nhập tệp")

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="commune_changes"
    )
    from_commune = models.ForeignKey(
        Commune, verbose_name=_("từ xã, phường"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_commune = models.ForeignKey(
        Commune, verbose_name=_("đến xã, phường"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    changed_by = models.ForeignKey(
        User, verbose_name=_("người thực hiện"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("nguồn"), max_length=8, choices=Source.choices, default=Source.ADMIN)

    class Meta:
        verbose_name = _("chuyển xã, phường")
        verbose_name_plural = _("chuyển xã, phường")
        ordering = ["-changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_commune=models.F("to_commune")), name="commune_change_is_a_change"
            ),
        ]

    def __str__(self):
        return f"{self.user_id}: {self.from_commune_id} → {self.to_commune_id}"


class OneTimeLogin(models.Model):
    """A one-time link and code that let a cadre in once, to set a password.

    Issued by a manager in scope (first login, or a reset for a cadre without e-mail).
    Only hashes are stored; the link and code are shown once, when issued. Each expires,
    is used at most once, and issuing a new one revokes the ones before it.
    """

    class Purpose(models.TextChoices):
        FIRST_LOGIN = "first", _("Đăng nhập lần đầu")
        RESET = "reset", _("Đặt lại mật khẩu")

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="one_time_logins"
    )
    purpose = models.CharField(_("mục đích"), max_length=8, choices=Purpose.choices, default=Purpose.FIRST_LOGIN)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    code_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    created_by = models.ForeignKey(
        User, verbose_name=_("người cấp"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    used_at = models.DateTimeField(_("đã dùng lúc"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    # The printed login sheet this code was issued on, if any (docs/people.md, "Login sheets").
    sheet = models.ForeignKey(
        "LoginSheet",
        verbose_name=_("phiếu đăng nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="codes",
    )

    class Meta:
        verbose_name = _("mã đăng nhập một lần")
        verbose_name_plural = _("mã đăng nhập một lần")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "used_at", "revoked_at"], name="one_time_login_open")]

    def __str__(self):
        return f"{self.get_purpose_display()} – {self.user_id}"

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class ImportJob(models.Model):
    """One cadre import from the admin: the file, then its check (preview), then, once confirmed, its run.

    The file's bytes are kept in the row (so any worker can read them) only until the job
    ends; the report keeps the per-row outcome the manager needs to read.
    """

    class Status(models.TextChoices):
        CHECK_QUEUED = "check_queued", _("Chờ kiểm tra")
        CHECKING = "checking", _("Đang kiểm tra")
        READY = "ready", _("Sẵn sàng nhập")
        INVALID = "invalid", _("Có lỗi, chưa nhập")
        APPLY_QUEUED = "apply_queued", _("Chờ nhập")
        APPLYING = "applying", _("Đang nhập")
        DONE = "done", _("Đã nhập xong")
        FAILED = "failed", _("Thất bại")

    RUNNING = (Status.CHECK_QUEUED, Status.CHECKING, Status.APPLY_QUEUED, Status.APPLYING)
    FINISHED = (Status.INVALID, Status.DONE, Status.FAILED)

    created_by = models.ForeignKey(
        User, verbose_name=_("người nhập"), null=True, on_delete=models.SET_NULL, related_name="import_jobs"
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    filename = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0)
    content = models.BinaryField(null=True, editable=False)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.CHECK_QUEUED)
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    created_count = models.PositiveIntegerField(_("tạo mới"), default=0)
    updated_count = models.PositiveIntegerField(_("cập nhật"), default=0)
    unchanged_count = models.PositiveIntegerField(_("không đổi"), default=0)
    error_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    report = models.JSONField(_("báo cáo"), default=dict, blank=True)
    message = models.TextField(_("thông báo"), blank=True)

    class Meta:
        verbose_name = _("lượt nhập cán bộ")
        verbose_name_plural = _("lượt nhập cán bộ")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.filename

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING


class LoginSheet(models.Model):
    """A printed sheet of first-login codes for the cadres of one commune or one team.

    Built by a Celery job (``accounts.login_sheets``): it issues one code per cadre (revoking
    any code still open for them, the previous sheet's included), renders one PDF, and keeps it
    in private storage until ``file_expires_at``. The codes are never stored, only their hashes.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Chờ tạo")
        RUNNING = "running", _("Đang tạo")
        READY = "ready", _("Sẵn sàng tải về")
        FAILED = "failed", _("Thất bại")
        EXPIRED = "expired", _("Đã hết hạn, tệp đã xoá")

    RUNNING_STATES = (Status.QUEUED, Status.RUNNING)

    created_by = models.ForeignKey(
        User, verbose_name=_("người in"), null=True, on_delete=models.SET_NULL, related_name="login_sheets"
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    commune = models.ForeignKey(
        Commune, verbose_name=_("xã, phường"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        Team, verbose_name=_("tổ"), null=True, blank=True, on_delete=models.CASCADE, related_name="login_sheets"
    )
    only_new = models.BooleanField(_("chỉ người chưa đăng nhập lần nào"), default=True)
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("số người"), default=0)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    codes_expire_at = models.DateTimeField(_("mã hết hạn lúc"), null=True, blank=True)
    file = models.FileField(_("tệp PDF"), storage=private_storage, upload_to="login-sheets/", blank=True)
    file_expires_at = models.DateTimeField(_("tệp hết hạn lúc"), null=True, blank=True)
    message = models.TextField(_("thông báo"), blank=True)

    class Meta:
        verbose_name = _("phiếu đăng nhập lần đầu")
        verbose_name_plural = _("phiếu đăng nhập lần đầu")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(commune__isnull=False) & Q(team__isnull=True))
                | (Q(commune__isnull=True) & Q(team__isnull=False)),
                name="login_sheet_one_target",
            ),
        ]

    def __str__(self):
        return str(self.team or self.commune)

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING_STATES

    @property
    def target_commune_id(self):
        return self.commune_id if self.commune_id else self.team.commune_id


class SsoIdentity(models.Model):
    """A person's account at a provincial OpenID Connect provider: its stable subject, stored on first match.

    Only a manager's confirmation (``accounts.sso.confirm_link``) creates one; an e-mail address never does.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="sso_identities"
    )
    issuer = models.CharField(_("nhà cung cấp"), max_length=255)
    subject = models.CharField(_("mã định danh tại nhà cung cấp"), max_length=255)
    linked_at = models.DateTimeField(_("liên kết lúc"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tài khoản đăng nhập một lần")
        verbose_name_plural = _("tài khoản đăng nhập một lần")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_subject_unique"),
            # One account of a provider per person: a second subject would be a second person.
            models.UniqueConstraint(fields=["issuer", "user"], name="sso_identity_user_unique"),
        ]

    def __str__(self):
        return f"{self.user} ({self.issuer})"


class SsoLinkRequest(models.Model):
    """A first login through the provider, matched by username or phone, waiting for a manager to confirm it."""

    class MatchedBy(models.TextChoices):
        USERNAME = "username", _("tên đăng nhập")
        PHONE = "phone", _("số điện thoại")

    class Status(models.TextChoices):
        PENDING = "pending", _("chờ xác nhận")
        CONFIRMED = "confirmed", _("đã xác nhận")
        REJECTED = "rejected", _("đã từ chối")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="sso_requests"
    )
    issuer = models.CharField(_("nhà cung cấp"), max_length=255)
    subject = models.CharField(_("mã định danh tại nhà cung cấp"), max_length=255)
    matched_by = models.CharField(_("khớp theo"), max_length=8, choices=MatchedBy.choices)
    claimed_name = models.CharField(_("họ tên nhà cung cấp gửi"), max_length=255, blank=True)
    status = models.CharField(_("trạng thái"), max_length=9, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(_("yêu cầu lúc"), default=timezone.now)
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("yêu cầu liên kết đăng nhập một lần")
        verbose_name_plural = _("yêu cầu liên kết đăng nhập một lần")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # Logging in twice before a manager looks makes one request, not two.
            models.UniqueConstraint(
                fields=["issuer", "subject"], condition=Q(status="pending"), name="sso_request_one_pending"
            ),
        ]

    def __str__(self):
        return f"{self.user} ← {self.subject}"
