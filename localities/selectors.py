"""Read-side helpers for localities: current units and how former ones roll up."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from .models import Commune, Province, UnitSuccession

# The 2025 reform is one step; a later change adds at most one more each time. The bound
# only guards against a cycle slipped in by hand through the admin.
MAX_SUCCESSION_DEPTH = 8


def current_provinces() -> QuerySet[Province]:
    return Province.objects.current().order_by("name")


def communes_in_province(province: Province | int) -> QuerySet[Commune]:
    """The current communes, wards and special zones of a province."""
    province_id = province.pk if isinstance(province, Province) else province
    return Commune.objects.current().filter(province_id=province_id).order_by("name")


def current_successor_ids(commune_ids: Iterable[int]) -> dict[int, int]:
    """Map each commune id to the id of the current commune it rolls up into.

    A current commune maps to itself; a former one follows its default successor,
    and that one's, until a current commune is reached. Ids that reach no current
    commune (unknown ids, units dissolved without successor, chains longer than
    ``MAX_SUCCESSION_DEPTH``) are left out.

    One query for the given ids, then one per step of succession, so the count
    depends on the depth of history (one step since 2025), never on how many ids.
    """
    ids = set(commune_ids)
    if not ids:
        return {}
    result: dict[int, int] = {}
    # origin ids waiting on each former unit still being followed
    pending: dict[int, list[int]] = {}
    for pk, valid_to in Commune.objects.filter(pk__in=ids).values_list("pk", "valid_to"):
        if valid_to is None:
            result[pk] = pk
        else:
            pending[pk] = [pk]

    for _step in range(MAX_SUCCESSION_DEPTH):
        if not pending:
            break
        edges = UnitSuccession.objects.filter(predecessor_id__in=pending.keys(), is_default=True).values_list(
            "predecessor_id", "successor_id", "successor__valid_to"
        )
        following: dict[int, list[int]] = {}
        for predecessor_id, successor_id, successor_valid_to in edges:
            origins = pending[predecessor_id]
            if successor_valid_to is None:
                for origin in origins:
                    result[origin] = successor_id
            else:
                following.setdefault(successor_id, []).extend(origins)
        pending = following
    return result


def current_successor(commune: Commune) -> Commune | None:
    """The current commune a single (possibly former) commune rolls up into."""
    successor_id = current_successor_ids([commune.pk]).get(commune.pk)
    if successor_id is None:
        return None
    return commune if successor_id == commune.pk else Commune.objects.get(pk=successor_id)
