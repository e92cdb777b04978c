from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalitiesConfig(AppConfig):
    name = "localities"
    verbose_name = _("Địa bàn")
    default_auto_field = "django.db.models.BigAutoField"
    role_permissions = {
        "Managers": ["localities.view_province", "localities.view_commune", "localities.view_unitsuccession"],
        "Trainers": ["localities.view_province", "localities.view_commune"],
    }
