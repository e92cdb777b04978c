"""The messages the platform sent (notifications.Message) in the Wagtail admin: read-only, for superusers
and for managers, each seeing the messages to people of their own communes (docs/notifications.md).

It lives here rather than in ``notifications`` because the scope helpers belong to ``accounts``,
a layer above ``notifications``; ``reports`` may import both.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn

from accounts.access import scoped
from accounts.admin_scope import ReadOnlyViewSetMixin, ScopedModelViewSet
from accounts.roles import MANAGERS
from notifications.models import Message


class MessageViewSet(ReadOnlyViewSetMixin, ScopedModelViewSet):
    model = Message
    icon = "mail"
    menu_label = _("Tin nhắn đã gửi")
    menu_name = "kns-messages"
    add_to_admin_menu = False
    access_rule = scoped(MANAGERS)
    # The recipient's commune: a manager sees the messages to people of their communes.
    scope_field = "user__commune"
    list_filter = ["status", "channel", "kind"]
    list_display = [
        Column("user", label=_("Người nhận")),
        Column("kind", label=_("Loại"), accessor="get_kind_display"),
        Column("channel", label=_("Kênh"), accessor="get_channel_display"),
        Column("status", label=_("Trạng thái"), accessor="get_status_display"),
        Column("reason", label=_("Lý do")),
        DateColumn("created_at", label=_("Tạo lúc")),
        DateColumn("sent_at", label=_("Gửi lúc")),
    ]
    list_export = []
    inspect_view_fields = [
        "user",
        "kind",
        "channel",
        "address",
        "status",
        "reason",
        "attempts",
        "subject",
        "text",
        "provider_ref",
        "created_at",
        "claimed_at",
        "sent_at",
    ]

    def base_queryset(self):
        return Message.objects.select_related("user")
