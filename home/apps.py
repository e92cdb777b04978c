from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Trang chủ")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401

    def grant_role_pages(self, groups):
        from .roles import grant_trainer_collections

        grant_trainer_collections(groups["Trainers"])
