"""People: the custom user, units, teams and managers' scopes."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from localities.models import Commune, Province

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


class Team(models.Model):
    """A commune's community digital technology team (Tổ công nghệ số cộng đồng)."""

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
    team = models.ForeignKey(Team, verbose_name=_("tổ"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=8, choices=Role.choices, default=Role.MEMBER)
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
