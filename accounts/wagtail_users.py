"""Users in the Wagtail admin, where Wagtail puts them (Settings → Users), scoped for managers.

Wagtail's own user forms demand e-mail, first and last names; cadres have one
full name and often no e-mail, so ``accounts.apps.CadreUsersAppConfig`` swaps in this ViewSet.

The ViewSet offers exactly these views: index (and its results), add, edit, delete (which only
says accounts are never deleted) and history. Wagtail's generic ViewSet would add copy, usage and
inspect as well, none of them scoped; they are switched off (``PERSON_VIEWS`` and the guard test
keep it so). Every view that reaches a person by id answers 404 unless
``accounts.services.can_manage_person`` allows the acting user to manage that person: a manager
reaches only the cadres and team leaders of their own communes, never themselves, a superuser, a
trainer or another manager.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.users.views import users as wagtail_user_views

from . import audit
from .access import access, register_object_check, scoped
from .admin_forms import PersonCreationForm, PersonEditForm
from .roles import MANAGERS
from .scopes import commune_filter, sees_everything
from .services import can_manage_person, person_move
from .spreadsheets import SafeSpreadsheetExportMixin

ADMIN_PEOPLE = scoped(MANAGERS)
# The URL names the people ViewSet registers; anything else Wagtail would add stays off.
PERSON_VIEWS = ("index", "index_results", "add", "edit", "delete", "history", "history_results")


def people_in_scope(user):
    return wagtail_user_views.User._default_manager.filter(commune_filter(user, "commune")).select_related("commune")


def manageable_person_or_404(user, person):
    """The person, if ``user`` may manage them; otherwise 404, as if they did not exist."""
    if not can_manage_person(user, person):
        raise Http404
    return person


class ScopedPeopleMixin:
    """Every queryset is limited to the acting user's communes; every person reached by id to those they may manage."""

    def scoped_people(self):
        return people_in_scope(self.request.user)

    def get_queryset(self):
        return self.scoped_people()

    def get_object(self, *args, **kwargs):
        return manageable_person_or_404(self.request.user, super().get_object(*args, **kwargs))


class PersonFormKwargsMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs


@access(ADMIN_PEOPLE)
class PersonIndexView(audit.AuditedListingMixin, SafeSpreadsheetExportMixin, wagtail_user_views.IndexView):
    """Settings → Users, limited to the manager's communes. Each page shown and each export is logged."""

    audit_action = audit.PEOPLE_LIST_VIEW
    audit_what = _("danh sách cán bộ")
    list_export = ["username", "full_name", "phone", "email", "position", "unit", "commune", "is_active", "last_login"]
    export_headings = {
        "username": _("Tên đăng nhập"),
        "full_name": _("Họ và tên"),
        "phone": _("Số điện thoại"),
        "email": _("Thư điện tử"),
        "position": _("Chức vụ"),
        "unit": _("Đơn vị"),
        "commune": _("Xã, phường"),
        "is_active": _("Đang hoạt động"),
        "last_login": _("Lần đăng nhập cuối"),
    }
    export_filename = "danh-sach-can-bo"

    @cached_property
    def columns(self):
        columns = super().columns
        return [
            *columns[:3],
            Column("phone", label=_("Số điện thoại")),
            Column("commune", label=_("Xã, phường")),
            *columns[3:],
        ]

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(commune_filter(self.request.user, "commune"))
            .select_related("commune", "unit")
            .prefetch_related("groups")  # the row buttons ask each person's roles
        )

    # People of the manager's communes are listed; only those they may manage are linked.
    def get_edit_url(self, instance):
        if can_manage_person(self.request.user, instance):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if can_manage_person(self.request.user, instance):
            return super().get_delete_url(instance)
        return None

    def get_history_url(self, instance):
        if can_manage_person(self.request.user, instance):
            return super().get_history_url(instance)
        return None

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
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.original_commune = self.object.commune

    def save_instance(self):
        # The form moved the person already; record the move (and only that: history stays where it was made).
        new_commune = self.form.cleaned_data.get("commune", self.original_commune)
        self.object.commune = self.original_commune
        instance = super().save_instance()
        if new_commune != self.original_commune:
            person_move(person=instance, commune=new_commune, actor=self.request.user)
        return instance

    def get_header_more_buttons(self):
        buttons = list(super().get_header_more_buttons())
        user = self.request.user
        if can_manage_person(user, self.object) and self.object.is_active:
            buttons.append(
                Button(
                    _("Cấp mã đăng nhập một lần"),
                    url=reverse("kns_people:one_time_login", args=[self.object.pk]),
                    icon_name="key",
                    priority=20,
                )
            )
        if can_manage_person(user, self.object) and user.pk != self.object.pk:
            buttons.append(
                Button(
                    _("Xuất dữ liệu cá nhân"),
                    url=reverse("kns_people:personal_data", args=[self.object.pk]),
                    icon_name="download",
                    priority=25,
                )
            )
        if sees_everything(user) and user.pk != self.object.pk:
            buttons.append(
                Button(
                    _("Ẩn danh hoá"),
                    url=reverse("kns_people:anonymise", args=[self.object.pk]),
                    icon_name="user",
                    priority=30,
                )
            )
        return buttons


@access(ADMIN_PEOPLE)
class PersonDeleteView(ScopedPeopleMixin, wagtail_user_views.DeleteView):
    """Accounts are never deleted, so that history stays whole: deactivate, or anonymise a departed cadre."""

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if request.method == "POST":
            return redirect("wagtailusers_users:edit", self.object.pk)
        return TemplateResponse(
            request,
            "accounts/admin/person_delete_refused.html",
            {"person": self.object, "can_anonymise": sees_everything(request.user) and request.user != self.object},
        )


@access(ADMIN_PEOPLE)
class PersonHistoryView(wagtail_user_views.HistoryView):
    def get_base_object_queryset(self):
        return people_in_scope(self.request.user)

    def get_object(self, *args, **kwargs):
        return manageable_person_or_404(self.request.user, super().get_object(*args, **kwargs))


class PersonViewSet(wagtail_user_views.UserViewSet):
    index_view_class = PersonIndexView
    add_view_class = PersonCreateView
    edit_view_class = PersonEditView
    delete_view_class = PersonDeleteView
    history_view_class = PersonHistoryView
    create_template_name = "accounts/admin/person_create.html"
    edit_template_name = "accounts/admin/person_edit.html"
    # The viewset hands its own name to the index view (default: the table name, accounts_user).
    export_filename = PersonIndexView.export_filename
    # Wagtail's copy view saved into the copied row, with a form built for no one (every role, the
    # superuser flag); its usage and inspect views named anyone by id. None of them is offered.
    copy_view_enabled = False
    inspect_view_enabled = False
    access_rule = ADMIN_PEOPLE

    def get_form_class(self, for_update=False):
        return PersonEditForm if for_update else PersonCreationForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"usage_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in PERSON_VIEWS]

    def on_register(self):
        super().on_register()
        # Wagtail's generic views (editing-session pings) reach people by id too: the same rule.
        register_object_check(self.model, can_manage_person)
