"""Users in the Wagtail admin, where Wagtail puts them (Settings → Users), scoped for managers.

Wagtail's own user forms demand e-mail, first and last names; cadres have one
full name and often no e-mail, so ``accounts.apps.CadreUsersAppConfig`` swaps in this ViewSet.
"""

from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.users.views import users as wagtail_user_views

from .access import access, scoped
from .admin_forms import PersonCreationForm, PersonEditForm
from .roles import MANAGERS
from .scopes import commune_filter

ADMIN_PEOPLE = scoped(MANAGERS)


class ScopedPeopleMixin:
    """Every queryset and every object reached by id is limited to the acting user's communes."""

    def scoped_people(self):
        return wagtail_user_views.User._default_manager.filter(commune_filter(self.request.user, "commune"))

    def get_queryset(self):
        return self.scoped_people()


class PersonFormKwargsMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs


@access(ADMIN_PEOPLE)
class PersonIndexView(wagtail_user_views.IndexView):
    @cached_property
    def columns(self):
        columns = super().columns
        return [
            *columns[:3],
            Column("phone", label=_("Số điện thoại"), width="15%"),
            Column("commune", label=_("Xã, phường"), width="15%"),
            *columns[3:],
        ]

    def get_base_queryset(self):
        return (
            super().get_base_queryset().filter(commune_filter(self.request.user, "commune")).select_related("commune")
        )

    def order_queryset(self, queryset):
        if self.ordering in ("name", "-name"):
            return queryset.order_by(("-" if self.ordering.startswith("-") else "") + "full_name")
        return super().order_queryset(queryset)

    @cached_property
    def search_fields(self):
        return ["username", "full_name", "email", "phone"]

    def search_queryset(self, queryset):
        if not self.search_query:
            return queryset
        q = self.search_query
        return queryset.filter(
            Q(username__icontains=q) | Q(full_name__icontains=q) | Q(phone__icontains=q) | Q(email__icontains=q)
        )


@access(ADMIN_PEOPLE)
class PersonCreateView(PersonFormKwargsMixin, ScopedPeopleMixin, wagtail_user_views.CreateView):
    def get_queryset(self):  # creation reaches no object by id
        return super(ScopedPeopleMixin, self).get_queryset()


@access(ADMIN_PEOPLE)
class PersonEditView(PersonFormKwargsMixin, ScopedPeopleMixin, wagtail_user_views.EditView):
    pass


@access(ADMIN_PEOPLE)
class PersonDeleteView(ScopedPeopleMixin, wagtail_user_views.DeleteView):
    pass


@access(ADMIN_PEOPLE)
class PersonHistoryView(wagtail_user_views.HistoryView):
    def get_base_object_queryset(self):
        return wagtail_user_views.User._default_manager.filter(commune_filter(self.request.user, "commune"))


class PersonViewSet(wagtail_user_views.UserViewSet):
    index_view_class = PersonIndexView
    add_view_class = PersonCreateView
    edit_view_class = PersonEditView
    delete_view_class = PersonDeleteView
    history_view_class = PersonHistoryView
    create_template_name = "accounts/admin/person_create.html"
    edit_template_name = "accounts/admin/person_edit.html"

    def get_form_class(self, for_update=False):
        return PersonEditForm if for_update else PersonCreationForm
