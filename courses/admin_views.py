"""Assignment rules in the Wagtail admin ("Giao khóa học"): list, add, inspect with progress, withdraw.

Every view is built by ``ScopedModelViewSet``: listings and every rule reached by id are limited
to the rules the user may manage (``courses.assignments.rules_scope_q``), and the form's choices
to targets inside the user's scope. A rule's target is never edited: withdraw it and create
another. Rules are never deleted (their enrolments link to them).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button

from accounts.admin_scope import ScopedModelViewSet

from . import assignments
from .models import Assignment, CoursePage

TARGET_FIELDS = ("province", "commune", "team", "unit")


class AssignmentForm(WagtailAdminModelForm):
    course = forms.ModelChoiceField(
        label=_("Khóa học"), queryset=CoursePage.objects.live().filter(archived_at__isnull=True).order_by("title")
    )
    due_date = forms.DateField(label=_("Hạn hoàn thành"), widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = Assignment
        fields = ["course", *TARGET_FIELDS, "due_date"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.manager = for_user
        if for_user is None:
            return
        self.fields["province"].queryset = assignments.provinces_for(for_user)
        self.fields["commune"].queryset = assignments.communes_for(for_user).order_by("name")
        self.fields["team"].queryset = assignments.teams_for(for_user).select_related("commune")
        self.fields["unit"].queryset = assignments.units_for(for_user).order_by("name")
        if not self.fields["province"].queryset.exists():
            # A commune manager assigns to their commune, its teams, or units; never a province.
            del self.fields["province"]
        self.fields["course"].help_text = _(
            "Cán bộ đang hoạt động của nơi được chọn được giao khóa học; người đến sau (nhập, thêm, chuyển đến) "
            "cũng được giao cho tới hạn hoàn thành."
        )
        first = next(name for name in TARGET_FIELDS if name in self.fields)
        self.fields[first].help_text = _("Chọn đúng một nơi nhận: tỉnh; xã, phường; tổ; hoặc đơn vị.")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            assignments.check_new_rule(
                manager=self.manager,
                course=cleaned.get("course"),
                due_date=cleaned.get("due_date"),
                **{name: cleaned.get(name) for name in TARGET_FIELDS},
            )
        except PermissionDenied as refused:
            raise ValidationError(str(refused), code="scope") from None
        return cleaned


class AssignmentCreateView(generic.CreateView):
    page_title = _("Giao khóa học")
    submit_button_label = _("Giao khóa học")

    def form_valid(self, form):
        self.form = form
        data = form.cleaned_data
        try:
            # The service checks everything the form checked again, inside its transaction.
            self.object = assignments.assignment_rule_create(
                manager=self.request.user,
                course=data["course"],
                due_date=data["due_date"],
                **{name: data.get(name) for name in TARGET_FIELDS},
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        return self.save_action()

    def get_success_url(self):
        return reverse("assignments:inspect", args=[self.object.pk])

    def get_success_buttons(self):
        return []

    def get_success_message(self, instance):
        return gettext("Đã tạo quy tắc giao khóa học “%(course)s” cho %(target)s, hạn %(due)s.") % {
            "course": instance.course.title,
            "target": instance.target,
            "due": date_format(instance.due_date, "SHORT_DATE_FORMAT"),
        }


class AssignmentIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().order_by("-created_at", "-pk")


class AssignmentInspectView(generic.InspectView):
    template_name = "courses/admin/assignment_inspect.html"
    fields = [
        "course",
        "target",
        "due_date",
        "people_count",
        "created_by",
        "created_at",
        "job_status",
        "applied_at",
        "withdrawn_at",
        "withdrawn_by",
    ]

    def get_field_label(self, field_name, field):
        if field_name == "target":
            return gettext("Nơi nhận")
        return super().get_field_label(field_name, field)

    def get_target_display_value(self):
        return target_label(self.object)

    def get_withdrawn_at_display_value(self):
        return self.object.withdrawn_at or "–"

    def get_withdrawn_by_display_value(self):
        return self.object.withdrawn_by or "–"

    def get_applied_at_display_value(self):
        return self.object.applied_at or "–"

    @cached_property
    def header_more_buttons(self):
        if self.object.withdrawn_at is not None:
            return []
        return [
            Button(
                gettext("Thu hồi"),
                url=reverse("assignments:withdraw", args=[self.object.pk]),
                icon_name="cross",
                priority=10,
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["progress"] = assignments.rule_progress(self.object)
        context["status_url"] = reverse("assignments:status", args=[self.object.pk])
        return context


class AssignmentWithdrawView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET asks for confirmation; POST withdraws. The rule is reached through the viewset's scoped lookup."""

    model = Assignment
    permission_required = "add"
    template_name = "courses/admin/assignment_withdraw.html"
    page_title = _("Thu hồi quy tắc giao khóa học")

    def get_object(self):  # replaced by the viewset's scoped lookup (accounts.admin_scope)
        raise NotImplementedError

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = self.get_object()

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rule"] = self.object
        context["target"] = target_label(self.object)
        return context

    def post(self, request, *args, **kwargs):
        if assignments.assignment_rule_withdraw(rule=self.object, actor=request.user):
            messages.success(
                request,
                gettext("Đã thu hồi quy tắc. %(count)s cán bộ đã được giao vẫn giữ khóa học.")
                % {"count": self.object.people_count},
            )
        else:
            messages.warning(request, assignments.ALREADY_WITHDRAWN)
        return redirect("assignments:inspect", self.object.pk)


class AssignmentStatusView(PermissionCheckedMixin, TemplateView):
    """The progress bar's JSON (read only)."""

    model = Assignment
    any_permission_required = ["add", "view"]
    http_method_names = ["get", "head", "options"]

    def get_object(self):  # replaced by the viewset's scoped lookup (accounts.admin_scope)
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return JsonResponse(assignments.rule_progress(self.get_object()))


def target_label(rule: Assignment) -> str:
    if rule.province_id:
        kind = gettext("Tỉnh")
    elif rule.commune_id:
        kind = gettext("Xã, phường")
    elif rule.team_id:
        kind = gettext("Tổ")
    else:
        kind = gettext("Đơn vị")
    return f"{kind}: {rule.target}"


def status_label(rule: Assignment) -> str:
    if rule.withdrawn_at is not None:
        return gettext("Đã thu hồi")
    if rule.job_status != Assignment.JobStatus.DONE:
        return str(rule.get_job_status_display())
    if not rule.is_active:
        return gettext("Hết hạn (không giao thêm)")
    return gettext("Đang áp dụng")


class AssignmentViewSet(ScopedModelViewSet):
    model = Assignment
    icon = "calendar-alt"
    menu_label = _("Giao khóa học")
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = AssignmentIndexView
    add_view_class = AssignmentCreateView
    inspect_view_class = AssignmentInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["due_date"]

    @cached_property
    def list_display(self):
        return [
            Column("course", label=_("Khóa học"), accessor="course"),
            Column("target", label=_("Nơi nhận"), accessor=target_label),
            Column("due_date", label=_("Hạn hoàn thành"), accessor="due_date"),
            Column("people_count", label=_("Số cán bộ được giao"), accessor="people_count"),
            Column("created_by", label=_("Người giao"), accessor="created_by"),
            Column("status", label=_("Tình trạng"), accessor=status_label),
            Column("created_at", label=_("Ngày tạo"), accessor="created_at"),
        ]

    def get_form_class(self, for_update=False):
        return AssignmentForm

    def scope_q(self, user):
        return assignments.rules_scope_q(user)

    def base_queryset(self):
        return Assignment.objects.select_related(
            "course", "province", "commune", "team", "team__commune", "unit", "created_by", "withdrawn_by"
        )

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # Rules are made and withdrawn, never edited (the target is what the rule is) or deleted.
        for name in ("edit_url_name", "delete_url_name", "history_url_name", "usage_url_name"):
            view_kwargs[name] = None
        return view_kwargs

    def register_admin_url_finder(self):
        return None

    @property
    def withdraw_view(self):
        return self.construct_view(AssignmentWithdrawView)

    @property
    def status_view(self):
        return self.construct_view(AssignmentStatusView)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("withdraw/<int:pk>/", self.withdraw_view, name="withdraw"),
            path("status/<int:pk>/", self.status_view, name="status"),
        ]
