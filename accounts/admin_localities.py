"""Browsing the official units in the Wagtail admin: read-only, limited to the manager's scope.

It lives in accounts, not localities, because scope (ManagerScope) is an accounts concept and
localities sits below accounts.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup

from localities.models import Commune, Province, UnitSuccession

from .admin_scope import ReadOnlyViewSetMixin, ScopedModelViewSet
from .scopes import province_filter


class ProvinceViewSet(ReadOnlyViewSetMixin, ScopedModelViewSet):
    model = Province
    icon = "globe"
    menu_label = _("Tỉnh, thành phố")
    list_display = ["name", "code", "kind", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    inspect_view_fields = ["name", "code", "kind", "valid_from", "valid_to"]

    def scope_q(self, user):
        return province_filter(user)

    def base_queryset(self):
        return Province.objects.current()


class CommuneViewSet(ReadOnlyViewSetMixin, ScopedModelViewSet):
    model = Commune
    icon = "site"
    menu_label = _("Xã, phường")
    scope_field = ""
    list_display = ["name", "code", "kind", Column("province", label=_("Tỉnh"))]
    list_filter = ["kind", "province"]
    search_fields = ["name", "code"]
    inspect_view_fields = ["name", "code", "kind", "province", "latitude", "longitude", "valid_from", "valid_to"]

    def base_queryset(self):
        return Commune.objects.current().select_related("province")


class UnitSuccessionViewSet(ReadOnlyViewSetMixin, ScopedModelViewSet):
    model = UnitSuccession
    icon = "redirect"
    menu_label = _("Sáp nhập, chia tách")
    scope_field = "successor"
    list_display = [
        "predecessor",
        "successor",
        "effective",
        # A tick or a cross titled in words (templates/wagtailadmin/tables/boolean_cell.html), not "True".
        BooleanColumn("is_default", label=UnitSuccession._meta.get_field("is_default").verbose_name),
    ]
    list_filter = ["is_default"]
    search_fields = ["predecessor__name", "successor__name"]
    inspect_view_fields = ["predecessor", "successor", "effective", "is_default"]

    def base_queryset(self):
        # Ordered, so that the listing's pages are stable (a province's merges run to hundreds of rows).
        return UnitSuccession.objects.select_related("predecessor", "successor").order_by(
            "successor__name", "predecessor__name", "pk"
        )


class LocalitiesViewSetGroup(ViewSetGroup):
    menu_label = _("Địa bàn")
    menu_icon = "globe"
    menu_order = 250
    items = (ProvinceViewSet("provinces"), CommuneViewSet("communes"), UnitSuccessionViewSet("successions"))
