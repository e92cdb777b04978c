"""Admin wiring for reports: the dashboard's URLs (/admin/progress/), its items in Wagtail's
Reports menu ("Báo cáo"), and the log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import audit
from .admin_messages import MessageViewSet
from .urls import admin_urlpatterns


class DashboardMenuItem(MenuItem):
    permission = "reports.view_dashboard"

    def is_shown(self, request):
        user = request.user
        return user.is_superuser or user.has_perm(self.permission)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("progress/", include((admin_urlpatterns, "reports_admin"), namespace="reports_admin"))]


@hooks.register("register_reports_menu_item")
def register_progress_menu_item():
    return DashboardMenuItem(
        _("Tiến độ học tập"), reverse("reports_admin:overview"), name="kns-progress", icon_name="table", order=10
    )


@hooks.register("register_reports_menu_item")
def register_targets_menu_item():
    return DashboardMenuItem(
        _("Chỉ tiêu"), reverse("reports_admin:targets"), name="kns-targets", icon_name="success", order=20
    )


@hooks.register("register_reports_menu_item")
def register_exports_menu_item():
    return DashboardMenuItem(
        _("Tệp báo cáo đã xuất"), reverse("reports_admin:exports"), name="kns-exports", icon_name="download", order=30
    )


message_viewset = MessageViewSet("notification_messages", url_prefix="messages")


@hooks.register("register_admin_viewset")
def register_message_viewset():
    return message_viewset


@hooks.register("register_reports_menu_item")
def register_messages_menu_item():
    return DashboardMenuItem(
        _("Tin nhắn đã gửi"),
        reverse("notification_messages:index"),
        name="kns-messages",
        icon_name="mail",
        order=40,
    )


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    audit.register_actions(actions)
