"""Managers assign courses in the Wagtail admin (Reports menu neighbours), inside their scope."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic

from accounts.admin_scope import ScopedModelViewSet
from accounts.models import Team, Unit
from accounts.scopes import commune_filter, sees_everything

from . import services
from .models import Assignment, CoursePage


class AssignmentForm(WagtailAdminModelForm):
    course = forms.ModelChoiceField(
        label=_("Khóa học"), queryset=CoursePage.objects.live().filter(archived_at__isnull=True)
    )
    due_date = forms.DateField(label=_("Hạn hoàn thành"), widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = Assignment
        fields = ["course", "commune", "team", "unit", "due_date"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["commune"].queryset = self.fields["commune"].queryset.filter(valid_to__isnull=True)
        if for_user is not None and not sees_everything(for_user):
            self.fields["team"].queryset = Team.objects.filter(commune_filter(for_user, "commune"))
            self.fields["unit"].queryset = Unit.objects.filter(members__in=self._people(for_user)).distinct()
        self.fields["commune"].help_text = _("Chọn đúng một trong ba: xã, phường; tổ; hoặc đơn vị.")

    @staticmethod
    def _people(user):
        from accounts.models import User

        return User.objects.filter(commune_filter(user, "commune"))

    def clean(self):
        cleaned = super().clean()
        targets = [cleaned.get(name) for name in ("commune", "team", "unit")]
        if sum(target is not None for target in targets) != 1:
            raise ValidationError(services.ASSIGN_ONE_TARGET)
        return cleaned


class AssignmentCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        try:
            return services.course_assign(
                manager=self.request.user,
                course=data["course"],
                due_date=data["due_date"],
                commune=data.get("commune"),
                team=data.get("team"),
                unit=data.get("unit"),
            )
        except PermissionDenied:
            raise
        except ValidationError as error:
            # The service re-checks what the form checked; report anything new on the form.
            self.form.add_error(None, error)
            raise

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError:
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return _("Đã giao khóa học “%(course)s” cho %(count)s người.") % {
            "course": instance.course.title,
            "count": instance.people_count,
        }


class AssignmentViewSet(ScopedModelViewSet):
    model = Assignment
    icon = "calendar-alt"
    menu_label = _("Giao khóa học")
    menu_order = 210
    add_to_admin_menu = True
    add_view_class = AssignmentCreateView
    list_display = ["course", "commune", "team", "unit", "due_date", "people_count", "created_at"]
    list_filter = ["due_date"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return AssignmentForm

    def scope_q(self, user):
        if sees_everything(user):
            return Q()
        return (
            commune_filter(user, "commune")
            | commune_filter(user, "team__commune")
            | Q(unit__isnull=False, created_by=user)
        )

    def base_queryset(self):
        return Assignment.objects.select_related("course", "commune", "team", "unit")

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # Assignments are history: they are made, never edited or deleted.
        for name in ("edit_url_name", "delete_url_name", "history_url_name", "usage_url_name"):
            view_kwargs[name] = None
        return view_kwargs

    def register_admin_url_finder(self):
        return None

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]
