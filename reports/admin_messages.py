"""The messages the platform sent (notifications.Message) in the Wagtail admin: read-only, for superusers
and for managers, each seeing the messages to people of their own communes (docs/notifications.md).

It lives here rather than in ``notifications`` because the scope helpers belong to ``accounts``,
a layer above ``notifications``; ``reports`` may import both.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn

from accounts.access import scoped
from accounts.admin_scope import ScopedModelViewSet
from accounts.roles import MANAGERS
from notifications.models import Message


class MessageViewSet(ScopedModelViewSet):
    model = Message
    icon = "mail"
    menu_label = _("Tin nhắn đã gửi")
    menu_name = "kns-messages"
    add_to_admin_menu = False
    access_rule = scoped(MANAGERS)
    # The recipient's commune: a manager sees the messages to people of their communes.
    scope_field = "user__commune"
    inspect_view_enabled = True
    copy_view_enabled = False
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

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # A record of what was sent: nobody adds, edits or deletes it by hand.
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "history_url_name", "usage_url_name"):
            view_kwargs[name] = None
        return view_kwargs

    def register_admin_url_finder(self):
        return None

    def get_urlpatterns(self):
        from django.urls import path

        conv = self.pk_path_converter
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
        ]
