from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo")
    default_auto_field = "django.db.models.BigAutoField"
    role_permissions = {
        "Managers": [
            "reports.view_dashboard",
            "reports.export_reports",
            "reports.send_reminders",
            "reports.view_target",
            "reports.add_target",
            "reports.delete_target",
        ],
    }

    def ready(self):
        from . import receivers  # noqa: F401  (listens to courses.signals: debounced summary refresh)
