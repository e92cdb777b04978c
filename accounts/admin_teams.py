"""Teams in the Wagtail admin: the community digital technology team as a first-class menu item.

Managers create and edit the teams of their communes, set leaders, and add or remove members
in one form (an InlinePanel of memberships). Members are chosen with a people chooser limited
to the manager's scope and, once the team's commune is chosen, to that commune. Every view of
a team's members, and of the list of teams, is recorded in Wagtail's log (``accounts.audit``).
"""

from __future__ import annotations

from django import forms
from django.db.models import Count, Prefetch, Q
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from localities.models import Commune

from . import audit
from .access import enforce, scoped
from .admin_scope import ScopedModelViewSet
from .models import Team, TeamMembership, User
from .roles import MANAGERS
from .scopes import commune_filter, commune_in_scope
from .services import team_leaders_sync_roles

NOT_IN_COMMUNE = _("%(name)s không thuộc xã, phường của tổ (%(commune)s).")
OUT_OF_SCOPE = _("Người này nằm ngoài phạm vi bạn quản lý.")
TWICE = _("%(name)s có tên hai lần trong tổ.")


# --- choosing people ------------------------------------------------------------------------------


class PersonFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Tìm theo tên, tên đăng nhập hoặc số điện thoại"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Tìm")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        q = (self.cleaned_data.get("q") or "").strip()
        if q:
            objects = objects.filter(
                Q(full_name__icontains=q) | Q(username__icontains=q) | Q(phone__icontains=q.lstrip("0"))
            )
        return objects


class ScopedChooserMixin:
    access_rule = scoped(MANAGERS)

    def dispatch(self, request, *args, **kwargs):
        refused = enforce(self.access_rule, request)
        return refused or super().dispatch(request, *args, **kwargs)

    def scoped_people(self):
        return User.objects.filter(commune_filter(self.request.user, "commune"), is_active=True)


class PersonChooseViewMixin(ScopedChooserMixin):
    filter_form_class = PersonFilterForm
    ordering = ("full_name", "pk")

    def get_object_list(self):
        return self.scoped_people().select_related("commune")

    def filter_object_list(self, objects):
        # ?commune=<id> comes from the team form's commune field (the widget's linked field).
        commune = self.request.GET.get("commune", "")
        if commune.isdigit():
            objects = objects.filter(commune_id=int(commune))
        return super().filter_object_list(objects)

    @property
    def columns(self):
        return [
            *super().columns,
            Column("username", label=_("Tên đăng nhập")),
            Column("phone", label=_("Số điện thoại")),
            Column("commune", label=_("Xã, phường")),
        ]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.log_list_view(
            request, audit.PEOPLE_LIST_VIEW, count=self.paginator.count, filters={"chooser": 1, **request.GET.dict()}
        )
        return response


class PersonChooseView(PersonChooseViewMixin, chooser_views.ChooseView):
    pass


class PersonChooseResultsView(PersonChooseViewMixin, chooser_views.ChooseResultsView):
    pass


class PersonChosenView(ScopedChooserMixin, chooser_views.ChosenView):
    def get_object(self, pk):
        return self.scoped_people().get(pk=pk)


class PersonChooserViewSet(ChooserViewSet):
    model = User
    icon = "user"
    choose_one_text = _("Chọn người")
    choose_another_text = _("Chọn người khác")
    edit_item_text = _("Sửa")
    page_title = _("Chọn người")
    per_page = 20
    register_widget = False  # only our team form uses it; other admin forms keep their own widgets
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView
    chosen_view_class = PersonChosenView

    def get_urlpatterns(self):
        from django.urls import path

        # No "create" tab and no multiple choice: people are created in Settings → Users or by import.
        return [
            path("", self.choose_view, name="choose"),
            path("results/", self.choose_results_view, name="choose_results"),
            path("chosen/<str:pk>/", self.chosen_view, name="chosen"),
        ]


person_chooser_viewset = PersonChooserViewSet("kns_people_chooser", url_prefix="people/choose")


# --- teams ------------------------------------------------------------------------------------


class ScopedPersonChooser(person_chooser_viewset.widget_class):
    """The member chooser names only people the form may offer (set per form by ``TeamForm``).

    Wagtail's chooser looks up whatever id it is given to show the chosen name, so a refused
    form would echo back the name of anyone whose id was posted.
    """

    people = User.objects.none()

    def get_instance(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, User):
            value = value.pk
        return self.people.filter(pk=value).first()


class TeamForm(WagtailAdminModelForm):
    """Members must live in the team's commune, inside the acting manager's scope, and appear once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Teams belong to current communes only (the scope is applied on top by the viewset).
        self.fields["commune"].queryset = Commune.objects.current().select_related("province")
        # Members are chosen among the active people of the user's scope (the team's present
        # members stay, even one who has since moved away, until a manager removes them).
        people = self.choosable_people()
        formset = self.formsets["memberships"]
        for form in [*formset.forms, formset.empty_form]:
            field = form.fields["user"]
            field.queryset = people
            field.widget.people = people
            field.error_messages = {**field.error_messages, "invalid_choice": OUT_OF_SCOPE}

    def choosable_people(self):
        if self.for_user is None:
            return User.objects.none()
        in_scope = Q(commune_filter(self.for_user, "commune"), is_active=True)
        if self.instance.pk:
            in_scope |= Q(memberships__team=self.instance)
        return User.objects.filter(in_scope).distinct()

    def clean(self):
        cleaned = super().clean()
        commune = cleaned.get("commune")
        seen = set()
        formset = self.formsets["memberships"]
        formset.is_valid()  # clean the member forms now (ClusterForm would only after this clean)
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            person = form.cleaned_data.get("user")
            if person is None:
                continue
            if person.pk in seen:
                form.add_error("user", TWICE % {"name": person})
            seen.add(person.pk)
            changed = "user" in form.changed_data or not form.instance.pk or "commune" in self.changed_data
            if not changed:
                continue  # a member who has since moved stays until a manager removes them
            if self.for_user is not None and not commune_in_scope(self.for_user, person.commune):
                form.add_error("user", OUT_OF_SCOPE)
            elif commune is not None and person.commune_id != commune.pk:
                form.add_error("user", NOT_IN_COMMUNE % {"name": person, "commune": commune})
        return cleaned


class LeaderRolesMixin:
    """After saving, every leader of the team holds the Team leaders role."""

    def save_instance(self):
        instance = super().save_instance()
        team_leaders_sync_roles(team=instance)
        return instance


class TeamCreateView(LeaderRolesMixin, generic.CreateView):
    pass


class TeamEditView(LeaderRolesMixin, generic.EditView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.log_list_view(
            request, audit.TEAM_VIEW, count=self.object.memberships.count(), filters={"team": self.object.pk}
        )
        return response


class TeamInspectView(generic.InspectView):
    def get_members_display_value(self):
        memberships = self.object.memberships.select_related("user", "user__commune").order_by(
            "-role", "user__full_name"
        )
        rows = [
            (
                membership.user.full_name,
                membership.get_role_display(),
                membership.user.phone or "",
                "" if membership.user.commune_id == self.object.commune_id else gettext("(đã chuyển xã, phường)"),
            )
            for membership in memberships
        ]
        if not rows:
            return gettext("Chưa có thành viên.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{} – {} {} {}</li>", rows))

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.log_list_view(
            request, audit.TEAM_VIEW, count=self.object.memberships.count(), filters={"team": self.object.pk}
        )
        return response


class TeamIndexView(audit.AuditedListingMixin, generic.IndexView):
    audit_action = audit.TEAM_LIST_VIEW
    audit_what = _("danh sách tổ")


class LeadersColumn(Column):
    def get_value(self, instance):
        return ", ".join(m.user.full_name for m in instance.leader_memberships) or "–"


class TeamViewSet(ScopedModelViewSet):
    model = Team
    icon = "group"
    menu_label = _("Tổ công nghệ số cộng đồng")
    menu_name = "community-technology-teams"
    menu_order = 240
    add_to_admin_menu = True
    scope_field = "commune"
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = TeamIndexView
    add_view_class = TeamCreateView
    edit_view_class = TeamEditView
    inspect_view_class = TeamInspectView
    list_filter = ["commune"]
    search_fields = ["name", "village"]
    inspect_view_fields = ["name", "commune", "village", "created_at", "members"]

    @cached_property
    def list_display(self):
        return [
            "name",
            Column("commune", label=_("Xã, phường"), sort_key="commune__name"),
            "village",
            LeadersColumn("leaders", label=_("Tổ trưởng")),
            Column("member_count", label=_("Số thành viên"), sort_key="member_count"),
        ]

    def base_queryset(self):
        return (
            Team.objects.select_related("commune")
            .annotate(member_count=Count("memberships", distinct=True))
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=TeamMembership.objects.filter(role=TeamMembership.Role.LEADER).select_related("user"),
                    to_attr="leader_memberships",
                )
            )
        )

    @cached_property
    def panels(self):
        chooser = ScopedPersonChooser(linked_fields={"commune": "#id_commune"})
        return [
            FieldPanel("commune"),
            FieldPanel("name"),
            FieldPanel("village"),
            InlinePanel(
                "memberships",
                label=_("Thành viên"),
                heading=_("Thành viên và tổ trưởng"),
                panels=[FieldPanel("user", widget=chooser), FieldPanel("role")],
            ),
        ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=TeamForm).bind_to_model(Team)


team_viewset = TeamViewSet("teams")
