"""Managers' locality scope: which communes, and so which people, a manager may see.

Every admin queryset and every object reached by id in a manager's view goes
through these helpers; Wagtail's generic views check model permissions only.
"""

from django.db.models import Q, QuerySet

from localities.models import Commune

from .roles import MANAGERS, has_role


def _scope_rows(user):
    cached = getattr(user, "_kns_scopes", None)
    if cached is None:
        cached = list(user.scopes.values_list("province_id", "commune_id"))
        user._kns_scopes = cached
    return cached


def sees_everything(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


def is_manager(user) -> bool:
    return has_role(user, MANAGERS)


def commune_filter(user, field: str = "") -> Q:
    """A Q object limiting ``field`` (a path to a Commune, "" for Commune itself) to the user's scope.

    A user with no scope gets a filter that matches nothing: default deny.
    """
    if sees_everything(user):
        return Q()
    prefix = f"{field}__" if field else ""
    provinces = [p for p, _c in _scope_rows(user) if p]
    communes = [c for _p, c in _scope_rows(user) if c]
    condition = Q(pk__in=[])
    if provinces:
        condition |= Q(**{f"{prefix}province_id__in": provinces})
    if communes:
        condition |= Q(**{f"{prefix}pk__in" if not field else f"{field}_id__in": communes})
    return condition


def communes_in_scope(user) -> QuerySet:
    return Commune.objects.filter(commune_filter(user))


def commune_in_scope(user, commune) -> bool:
    if commune is None:
        return sees_everything(user)
    if sees_everything(user):
        return True
    for province_id, commune_id in _scope_rows(user):
        if commune_id == commune.pk or (province_id and province_id == commune.province_id):
            return True
    return False


def user_in_scope(manager, person) -> bool:
    return commune_in_scope(manager, person.commune)


def province_filter(user, field: str = "") -> Q:
    """A Q object limiting ``field`` (a path to a Province, "" for Province itself) to the user's scope."""
    if sees_everything(user):
        return Q()
    province_ids = {p for p, _c in _scope_rows(user) if p}
    commune_ids = [c for _p, c in _scope_rows(user) if c]
    if commune_ids:
        province_ids |= set(Commune.objects.filter(pk__in=commune_ids).values_list("province_id", flat=True))
    return Q(**{f"{field}__pk__in" if field else "pk__in": sorted(province_ids)})
