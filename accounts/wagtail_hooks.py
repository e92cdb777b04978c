"""Admin wiring for accounts: scoped user bulk actions, log actions, teams, cadre import, person actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from . import (
    admin_views,
    audit,
    login_sheets_views,
    personal_data_views,  # noqa: F401 - registers its log action at start, not on first URL use
    sso_views,
)
from .admin_teams import person_chooser_viewset, team_viewset
from .bulk_actions import SCOPED_USER_BULK_ACTIONS
from .middleware import sees_cross_scope_reports
from .roles import MANAGERS, has_role
from .services import can_manage_person
from .sso import sso_enabled

# Registered after Wagtail's own (higher order), so ours replace them in the registry.
for action_class in SCOPED_USER_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=100)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("register_admin_viewset")
def register_teams():
    # The community digital technology team is a menu item of its own, next to the localities.
    return team_viewset


@hooks.register("register_admin_viewset")
def register_person_chooser():
    return person_chooser_viewset


@hooks.register("register_admin_urls")
def register_people_urls():
    return [
        path("cadre-import/", include((admin_views.import_urls(), "kns_cadre_import"), namespace="kns_cadre_import")),
        path("people/", include((admin_views.people_urls(), "kns_people"), namespace="kns_people")),
        path("login-sheets/", include((login_sheets_views.urls(), "kns_login_sheets"), namespace="kns_login_sheets")),
        path("sso-links/", include((sso_views.admin_urls(), "kns_sso_links"), namespace="kns_sso_links")),
    ]


class ManagersMenuItem(MenuItem):
    def is_shown(self, request):
        return has_role(request.user, MANAGERS)


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    # Beside Settings → Users, where managers already find the people of their communes.
    return ManagersMenuItem(
        _("Nhập danh sách cán bộ"), reverse("kns_cadre_import:index"), icon_name="upload", order=610
    )


@hooks.register("register_settings_menu_item")
def register_login_sheets_menu_item():
    # Printed first-login codes for cadres without e-mail (docs/people.md, "Login sheets").
    return ManagersMenuItem(
        _("In phiếu đăng nhập lần đầu"), reverse("kns_login_sheets:index"), icon_name="doc-full", order=611
    )


class SsoManagersMenuItem(ManagersMenuItem):
    def is_shown(self, request):
        return sso_enabled() and super().is_shown(request)


@hooks.register("register_settings_menu_item")
def register_sso_links_menu_item():
    # Only where single sign-on is on: first logins through the provider wait here for a manager.
    return SsoManagersMenuItem(
        _("Xác nhận đăng nhập một lần"), reverse("kns_sso_links:index"), icon_name="key", order=612
    )


@hooks.register("register_user_listing_buttons")
def one_time_login_button(user, request_user):
    if user.is_active and can_manage_person(request_user, user):
        yield Button(
            _("Cấp mã đăng nhập một lần"),
            url=reverse("kns_people:one_time_login", args=[user.pk]),
            icon_name="key",
            priority=30,
        )


@hooks.register("construct_reports_menu")
def hide_cross_scope_reports(request, menu_items):
    if not sees_cross_scope_reports(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]


@hooks.register("register_admin_viewset")
def register_localities():
    from .admin_localities import LocalitiesViewSetGroup

    return LocalitiesViewSetGroup()
