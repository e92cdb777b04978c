"""Roles are Django groups, kept in step with the permissions each app declares.

Apps declare what each role may do on their AppConfig (``role_permissions``,
and optionally ``grant_role_pages(groups)`` for Wagtail page permissions), so
this module never imports an app above it. ``sync_roles`` is idempotent and runs
after every ``migrate``; it can also be run by hand (``manage.py sync_roles``).
"""

import logging

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

CADRES = "Cadres"
TEAM_LEADERS = "Team leaders"
TRAINERS = "Trainers"
MANAGERS = "Managers"
ROLES = (CADRES, TEAM_LEADERS, TRAINERS, MANAGERS)
ADMIN_ROLES = (TRAINERS, MANAGERS)

ROLE_LABELS = {
    CADRES: _("Cán bộ"),
    TEAM_LEADERS: _("Tổ trưởng"),
    TRAINERS: _("Giảng viên"),
    MANAGERS: _("Cán bộ quản lý"),
}


def _permissions(names):
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = {
        (perm.content_type.app_label, perm.codename): perm
        for perm in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _app, codename in wanted]
        )
        if (perm.content_type.app_label, perm.codename) in wanted
    }
    missing = wanted - set(found)
    if missing:
        logger.warning("sync_roles: permissions not found: %s", sorted(".".join(m) for m in missing))
    return list(found.values())


def declared_role_permissions() -> dict[str, set[str]]:
    declared: dict[str, set[str]] = {role: set() for role in ROLES}
    for config in apps.get_app_configs():
        for role, names in getattr(config, "role_permissions", {}).items():
            declared[role].update(names)
    return declared


def sync_roles() -> dict[str, Group]:
    """Create the role groups and set their model permissions to exactly what apps declare."""
    groups = {}
    for role, names in declared_role_permissions().items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(_permissions(names))
        groups[role] = group
    for config in apps.get_app_configs():
        grant = getattr(config, "grant_role_pages", None)
        if grant is not None:
            grant(groups)
    return groups


def sync_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    # post_migrate fires once per app; syncing once, after the last app, is enough.
    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if app_config is not None and app_config.label != last.label:
        return
    sync_roles()


def user_roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_kns_roles", None)
    if cached is None:
        prefetched = getattr(user, "_prefetched_objects_cache", {}).get("groups")
        if prefetched is not None:  # a listing that prefetched groups asks no query per person
            cached = {group.name for group in prefetched}
        else:
            cached = set(user.groups.values_list("name", flat=True))
        user._kns_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(user_roles(user) & set(roles))
