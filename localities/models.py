"""Provinces, communes and wards, and how units succeeded each other.

Official codes were reused in the 2025 reorganisation (the new Bắc Ninh is code
24, once Bắc Giang's; many new ward codes were old ward codes), so every unit has
a surrogate id and a code is unique only among current units (``valid_to`` null).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LocalityQuerySet(models.QuerySet):
    def current(self):
        return self.filter(valid_to__isnull=True)


class Province(models.Model):
    code = models.CharField(_("mã"), max_length=8)
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(
        _("loại"),
        max_length=16,
        choices=[("province", _("Tỉnh")), ("city", _("Thành phố trực thuộc trung ương"))],
        default="province",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    objects = LocalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(valid_to__isnull=True), name="province_code_current_unique"
            ),
            models.UniqueConstraint(fields=["code", "valid_from"], name="province_code_valid_from_unique"),
            # A former unit is identified by its code and last day (valid_from is often unknown).
            models.UniqueConstraint(fields=["code", "valid_to"], name="province_code_valid_to_unique"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class Commune(models.Model):
    class Kind(models.TextChoices):
        COMMUNE = "commune", _("Xã")
        WARD = "ward", _("Phường")
        SPECIAL_ZONE = "special_zone", _("Đặc khu")
        TOWNSHIP = "township", _("Thị trấn")

    code = models.CharField(_("mã"), max_length=8)
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    province = models.ForeignKey(Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="communes")
    latitude = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    objects = LocalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("xã, phường")
        verbose_name_plural = _("xã, phường")
        ordering = ["province__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(valid_to__isnull=True), name="commune_code_current_unique"
            ),
            models.UniqueConstraint(fields=["code", "valid_from"], name="commune_code_valid_from_unique"),
            # A former unit is identified by its code and last day (valid_from is often unknown).
            models.UniqueConstraint(fields=["code", "valid_to"], name="commune_code_valid_to_unique"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="commune_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="commune_longitude_range",
            ),
        ]
        indexes = [models.Index(fields=["province", "valid_to"])]

    def __str__(self):
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class UnitSuccession(models.Model):
    """One edge of a merge or a division: ``predecessor`` became (part of) ``successor``.

    A divided unit has several successors; exactly one of them is the default,
    the one its history rolls up into (docs/localities.md).
    """

    predecessor = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="predecessions")
    effective = models.DateField(_("ngày hiệu lực"))
    is_default = models.BooleanField(_("đơn vị kế thừa mặc định"), default=True)

    class Meta:
        verbose_name = _("sáp nhập, chia tách")
        verbose_name_plural = _("sáp nhập, chia tách")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_pair_unique"),
            models.UniqueConstraint(
                fields=["predecessor"], condition=Q(is_default=True), name="succession_one_default_per_predecessor"
            ),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="succession_not_self"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"
