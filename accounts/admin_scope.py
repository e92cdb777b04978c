"""Wagtail admin ViewSets whose every view is limited to the acting user's locality scope.

Wagtail's generic views check model permissions only. A ``ScopedModelViewSet``
wraps each view class it builds (index, add, edit, delete, history, usage,
inspect, copy, ...) so that listings, objects reached by id, and the choices of
communes and provinces in forms all stay inside the scope, and each view carries
the viewset's access rule for the URL guard.
"""

from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.shortcuts import get_object_or_404
from wagtail.admin.viewsets.model import ModelViewSet

from localities.models import Commune, Province

from .access import enforce, register_object_check, scoped
from .roles import MANAGERS
from .scopes import commune_filter, province_filter


class ScopedViewMixin:
    scope_viewset = None
    access_rule = None

    def dispatch(self, request, *args, **kwargs):
        refused = enforce(self.access_rule, request)
        return refused or super().dispatch(request, *args, **kwargs)

    def scope_q(self) -> Q:
        return self.scope_viewset.scope_q(self.request.user)

    def scoped_queryset(self):
        return self.scope_viewset.base_queryset().filter(self.scope_q())

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        user = self.request.user
        for field in form.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            if queryset.model is Commune:
                field.queryset = queryset.filter(commune_filter(user))
            elif queryset.model is Province:
                field.queryset = queryset.filter(province_filter(user))
        return form


class ScopedListingMixin(ScopedViewMixin):
    def get_base_queryset(self):
        return self.scoped_queryset()


class ScopedObjectMixin(ScopedViewMixin):
    """Any view reaching one object by id (edit, delete, inspect, copy, history, usage, ...).

    Wagtail's views find the object in different ways (``get_object_or_404(self.model, ...)``,
    ``get_base_object_queryset``, ``SingleObjectMixin``), so both entry points are scoped: 404 outside.
    """

    def get_base_object_queryset(self):
        return self.scoped_queryset()

    def get_object(self, queryset=None):
        pk = getattr(self, "pk", None)
        if pk is None:
            pk = self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"))
        return get_object_or_404(self.scoped_queryset(), pk=unquote(str(pk)))


class ScopedModelViewSet(ModelViewSet):
    """Set ``scope_field`` to the path from the model to its Commune ("" for Commune itself),
    or override ``scope_q``."""

    access_rule = scoped(MANAGERS)
    scope_field = "commune"

    def scope_q(self, user) -> Q:
        return commune_filter(user, self.scope_field)

    def base_queryset(self):
        return self.model._default_manager.all()

    def object_in_scope(self, user, obj) -> bool:
        return self.base_queryset().filter(self.scope_q(user), pk=obj.pk).exists()

    def on_register(self):
        super().on_register()
        # Wagtail's generic views (editing-session pings) ask the same scope as this ViewSet's own views.
        register_object_check(self.model, self.object_in_scope)

    def construct_view(self, view_class, **kwargs):
        mixin = ScopedObjectMixin if hasattr(view_class, "get_object") else ScopedListingMixin
        scoped_class = type(
            f"Scoped{view_class.__name__}",
            (mixin, view_class),
            {"access_rule": self.access_rule, "scope_viewset": self, "__module__": type(self).__module__},
        )
        return super().construct_view(scoped_class, **kwargs)


class ReadOnlyViewSetMixin:
    """A ViewSet that only lists and inspects: the official units (changed by ``import_localities``
    only) and the messages the platform sent (a record, never edited by hand)."""

    inspect_view_enabled = True
    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "history_url_name", "usage_url_name"):
            view_kwargs[name] = None
        return view_kwargs

    def register_admin_url_finder(self):
        # No edit view to point to.
        return None

    def get_urlpatterns(self):
        from django.urls import path

        conv = self.pk_path_converter
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
        ]
