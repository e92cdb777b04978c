"""Messages sent to people, and how each person wants to be reached.

A ``Message`` row is written for every ``notify()`` call, before anything is sent: the worker
that sends it claims the row with a conditional UPDATE (queued → sending), so a retried or
duplicated task never sends the same row twice (docs/notifications.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import kinds


class Channel(models.TextChoices):
    SMS = "sms", _("Tin nhắn SMS")
    ZALO = "zalo", _("Zalo")
    EMAIL = "email", _("Thư điện tử")


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Chờ gửi")
        SENDING = "sending", _("Đang gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi lỗi")
        # Nothing was sent: the person opted out or has no address on any enabled channel.
        SKIPPED = "skipped", _("Không gửi")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notification_messages",
    )
    kind = models.CharField(_("loại"), max_length=32, choices=kinds.CHOICES)
    channel = models.CharField(_("kênh"), max_length=16, choices=Channel.choices, blank=True)
    # The phone number or e-mail address at the time of sending (the person may change it later).
    address = models.CharField(_("địa chỉ"), max_length=254, blank=True)
    context = models.JSONField(_("dữ liệu"), default=dict, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    reason = models.CharField(_("lý do"), max_length=255, blank=True)
    # Unique when given: calling notify() twice with one key writes one message.
    idempotency_key = models.CharField(_("khóa chống trùng"), max_length=200, null=True, blank=True, unique=True)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    provider_ref = models.CharField(_("mã của cổng gửi"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    # Last time the row was (re)queued; the sweeper queues again rows queued long ago.
    queued_at = models.DateTimeField(_("xếp hàng lúc"), default=timezone.now)
    claimed_at = models.DateTimeField(_("nhận gửi lúc"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tin nhắn")
        verbose_name_plural = _("tin nhắn")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "queued_at"], name="message_status_queued"),
            models.Index(fields=["user", "-created_at"], name="message_user_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "sending", "sent", "failed", "skipped"]), name="message_status_valid"
            ),
            # Only a skipped message may lack a channel.
            models.CheckConstraint(
                condition=Q(status="skipped") | ~Q(channel=""), name="message_channel_unless_skipped"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.user_id} ({self.get_status_display()})"

    # What screens and exports show. A row still queued or sending holds its secret (a login code:
    # the worker needs it); whoever reads the row is shown it masked all the same. Wagtail's inspect
    # view reads these ``get_<field>_display`` methods in place of the raw fields.
    def get_subject_display(self) -> str:
        return kinds.scrub(self.subject, kinds.secret_values(self.kind, self.context))

    def get_text_display(self) -> str:
        return kinds.scrub(self.text, kinds.secret_values(self.kind, self.context))


class NotificationPreference(models.Model):
    """How one person wants to be reached. No row means: automatic channel, not opted out."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    # Blank: the first enabled channel (settings.NOTIFY_CHANNELS) the person has an address for.
    channel = models.CharField(_("kênh ưu tiên"), max_length=16, choices=Channel.choices, blank=True)
    # Opted out: no message except one-time login codes, which the person asks for.
    opted_out = models.BooleanField(_("không nhận thông báo"), default=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cách nhận thông báo")
        verbose_name_plural = _("cách nhận thông báo")

    def __str__(self):
        return f"{self.user_id}: {self.channel or '-'}{' (opted out)' if self.opted_out else ''}"
