from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlendedConfig(AppConfig):
    name = "blended"
    verbose_name = _("Buổi học trực tiếp")
    default_auto_field = "django.db.models.BigAutoField"
    # Trainers and managers schedule sessions (the admin narrows each to their own: blended.services).
    role_permissions = {
        "Trainers": [f"blended.{action}_trainingsession" for action in ("add", "change", "view")],
        "Managers": [f"blended.{action}_trainingsession" for action in ("add", "change", "view")],
    }

    def ready(self):
        from . import receivers  # noqa: F401
