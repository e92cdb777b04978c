from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Thông báo")
    default_auto_field = "django.db.models.BigAutoField"
    role_permissions = {
        "Managers": ["notifications.view_message"],
    }

    def ready(self):
        from . import checks  # noqa: F401
