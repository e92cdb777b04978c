from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Tài khoản")
    default_auto_field = "django.db.models.BigAutoField"
    role_permissions = {
        "Trainers": ["wagtailadmin.access_admin"],
        "Managers": [
            "wagtailadmin.access_admin",
            "accounts.view_user",
            "accounts.add_user",
            "accounts.change_user",
            "accounts.view_team",
            "accounts.add_team",
            "accounts.change_team",
            "accounts.delete_team",
            "accounts.view_teammembership",
            "accounts.add_teammembership",
            "accounts.change_teammembership",
            "accounts.delete_teammembership",
        ],
    }

    def ready(self):
        from . import checks  # noqa: F401  (registers the access system check)
        from .roles import sync_roles_after_migrate

        # Permission rows exist only once every app has migrated, so roles are
        # synced after migrations rather than in a data migration.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="accounts.sync_roles")
        # Each app's section of a person's data, and its part in anonymising (<app>/personal_data.py).
        from .personal_data import discover

        discover()
        # Slug fields fold Vietnamese to ASCII in the admin ("Đồng" → "dong"), in the browser and on POST.
        from .slugs import use_ascii_slug_input

        use_ascii_slug_input()


class CadreUsersAppConfig(WagtailUsersAppConfig):
    """Replaces ``wagtail.users`` so that Settings → Users uses our person forms and scope."""

    user_viewset = "accounts.wagtail_users.PersonViewSet"
