"""Training sessions in the Wagtail admin ("Buổi học trực tiếp"): list, schedule, edit, invite, the roster
with manual marking, and the check-in screen with its rotating QR code.

Every view is built by ``ScopedModelViewSet``: listings and every session reached by id are limited
to ``blended.services.sessions_scope_q`` (a manager: sessions in their communes; a trainer: the
sessions they run or created), 404 outside. Sessions are never deleted (attendance is history).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from accounts.access import scoped
from accounts.admin_scope import ScopedListingMixin, ScopedModelViewSet, ScopedObjectMixin
from accounts.models import Team, Unit, User
from accounts.roles import MANAGERS, TRAINERS, has_role
from courses.assignments import active_cadres, communes_for, teams_for, units_for
from courses.models import CoursePage
from localities.models import Commune

from . import checkin, services
from .models import Attendance, TrainingSession
from .selectors import roster

SESSION_FIELDS = ["title", "course", "starts_at", "ends_at", "place", "commune", "capacity", "trainer", "open_to_all"]


class SessionForm(WagtailAdminModelForm):
    course = forms.ModelChoiceField(
        label=_("Khóa học"),
        required=False,
        queryset=CoursePage.objects.live().filter(archived_at__isnull=True).order_by("title"),
        help_text=TrainingSession._meta.get_field("course").help_text,
    )
    starts_at = forms.DateTimeField(label=_("Bắt đầu"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label=_("Kết thúc"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    trainer = forms.ModelChoiceField(
        label=_("Giảng viên"),
        queryset=User.objects.filter(is_active=True, groups__name=TRAINERS).distinct().order_by("full_name"),
    )

    class Meta:
        model = TrainingSession
        fields = SESSION_FIELDS

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.actor = for_user

    def clean(self):
        cleaned = super().clean()
        if self.errors or self.actor is None:
            return cleaned
        try:
            services.check_session(
                actor=self.actor,
                starts_at=cleaned.get("starts_at"),
                ends_at=cleaned.get("ends_at"),
                commune=cleaned.get("commune"),
            )
        except PermissionDenied as refused:
            raise ValidationError(str(refused), code="scope") from None
        return cleaned


class SessionCreateView(generic.CreateView):
    page_title = _("Lên lịch buổi học trực tiếp")

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.created_by = self.request.user
        instance.save()
        return instance

    def get_success_url(self):
        return reverse("training_sessions:roster", args=[self.object.pk])


class SessionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().order_by("-starts_at", "-pk")


class SessionObjectView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A view of one session reached by id, through the viewset's scoped lookup."""

    model = TrainingSession
    permission_required = "change"

    def get_object(self):  # replaced by the viewset's scoped lookup (accounts.admin_scope)
        raise NotImplementedError

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = None

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session"] = self.object
        return context


class RosterView(SessionObjectView):
    """GET: who is invited and who is present. POST ``user``: mark that cadre present by hand (logged)."""

    template_name = "blended/admin/roster.html"
    page_title = _("Danh sách điểm danh")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = roster(self.object)
        context["rows"] = rows
        context["present"] = sum(1 for row in rows if row["attendance"])
        context["invited"] = sum(1 for row in rows if row["invited"])
        return context

    @cached_property
    def header_more_buttons(self):
        return [
            Button(gettext("Mời cán bộ"), url=reverse("training_sessions:invite", args=[self.object.pk]), priority=10),
            Button(
                gettext("Màn hình điểm danh QR"),
                url=reverse("training_sessions:checkin", args=[self.object.pk]),
                priority=20,
            ),
        ]

    def post(self, request, *args, **kwargs):
        person = get_object_or_404(User, pk=request.POST.get("user") if str(request.POST.get("user")).isdigit() else 0)
        try:
            _attendance, created = services.attendance_mark(session=self.object, user=person, actor=request.user)
        except PermissionDenied:
            # Not invited and outside the actor's reach: the same answer as a person who does not exist.
            raise Http404 from None
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("training_sessions:roster", self.object.pk)
        if created:
            messages.success(request, gettext("Đã điểm danh %(name)s.") % {"name": person.full_name})
        else:
            messages.info(request, gettext("%(name)s đã được điểm danh trước đó.") % {"name": person.full_name})
        return redirect("training_sessions:roster", self.object.pk)


class InviteForm(forms.Form):
    commune = forms.ModelChoiceField(label=_("Cả xã, phường"), required=False, queryset=Commune.objects.none())
    team = forms.ModelChoiceField(label=_("Một tổ"), required=False, queryset=Team.objects.none())
    unit = forms.ModelChoiceField(label=_("Một đơn vị"), required=False, queryset=Unit.objects.none())
    users = forms.ModelMultipleChoiceField(
        label=_("Cán bộ được chọn"), required=False, queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, session, actor, **kwargs):
        super().__init__(*args, **kwargs)
        as_manager = has_role(actor, MANAGERS) or actor.is_superuser
        own = Commune.objects.filter(pk=session.commune_id)
        self.fields["commune"].queryset = (communes_for(actor) | own).distinct().order_by("name") if as_manager else own
        own_teams = Team.objects.filter(commune_id=session.commune_id)
        self.fields["team"].queryset = (
            (teams_for(actor) | own_teams).distinct().select_related("commune") if as_manager else own_teams
        )
        self.fields["unit"].queryset = (units_for(actor) if as_manager else Unit.objects.all()).order_by("name")
        # Named cadres: the people of the session's commune (a phone-sized list, not the province).
        self.fields["users"].queryset = active_cadres().filter(commune_id=session.commune_id).order_by("full_name")


class InviteView(SessionObjectView):
    template_name = "blended/admin/invite.html"
    page_title = _("Mời cán bộ dự buổi học")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", InviteForm(session=self.object, actor=self.request.user))
        return context

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST, session=self.object, actor=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                count = services.session_invite(
                    session=self.object,
                    actor=request.user,
                    commune=data["commune"],
                    team=data["team"],
                    unit=data["unit"],
                    users=data["users"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, gettext("Đã mời thêm %(count)s cán bộ.") % {"count": count})
                return redirect("training_sessions:roster", self.object.pk)
        return self.render_to_response(self.get_context_data(form=form))


def _code(session: TrainingSession) -> dict:
    token = checkin.make_token(session.pk)
    url = checkin.checkin_url(token)
    return {
        "url": url,
        "path": reverse("blended:checkin", kwargs={"token": token}),
        "svg": qr_svg(url),
        "seconds_left": checkin.seconds_left(),
        "present": Attendance.objects.filter(session=session).count(),
    }


def qr_svg(url: str) -> str:
    import segno

    return segno.make(url, error="m", micro=False).svg_inline(
        scale=1, border=2, dark="#000000", omitsize=True, svgclass="kns-qr", lineclass=None
    )


class CheckinScreenView(SessionObjectView):
    """The phone or projector screen: a QR code that changes every 30 seconds.

    Without JavaScript the page reloads itself when the code changes (a meta refresh inside
    ``<noscript>``); with it, a small script fetches the next code (``CheckinCodeView``).
    """

    template_name = "blended/admin/checkin_screen.html"
    page_title = _("Điểm danh bằng mã QR")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["code"] = _code(self.object)
        context["is_open"] = services.checkin_open(self.object)
        context["code_url"] = reverse("training_sessions:checkin_code", args=[self.object.pk])
        return context


class CheckinCodeView(SessionObjectView):
    """The current code as JSON, for the check-in screen's script (read only)."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        return JsonResponse(_code(self.object))


def _reopen_communes_for_trainers(view_class):
    """Trainers hold the province's workshops and have no locality scope: their commune choice is every
    current commune (a manager's stays inside their scope). Placed before the scoping mixin."""

    class TrainerCommunes:
        def get_form(self, *args, **kwargs):
            form = super().get_form(*args, **kwargs)
            user = self.request.user
            if "commune" in form.fields and has_role(user, TRAINERS) and not has_role(user, MANAGERS):
                form.fields["commune"].queryset = Commune.objects.filter(valid_to__isnull=True).order_by("name")
            return form

    return TrainerCommunes


class TrainingSessionViewSet(ScopedModelViewSet):
    model = TrainingSession
    icon = "group"
    menu_label = _("Buổi học trực tiếp")
    menu_order = 220
    add_to_admin_menu = True
    access_rule = scoped(TRAINERS, MANAGERS)
    index_view_class = SessionIndexView
    add_view_class = SessionCreateView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_filter = ["starts_at"]
    form_fields = SESSION_FIELDS

    @cached_property
    def list_display(self):
        return [
            Column("title", label=_("Buổi học"), accessor="title"),
            Column("starts_at", label=_("Bắt đầu"), accessor="starts_at"),
            Column("place", label=_("Địa điểm"), accessor="place"),
            Column("commune", label=_("Xã, phường"), accessor="commune"),
            Column("trainer", label=_("Giảng viên"), accessor="trainer"),
            Column("course", label=_("Khóa học"), accessor="course"),
        ]

    def get_form_class(self, for_update=False):
        return SessionForm

    def scope_q(self, user):
        return services.sessions_scope_q(user)

    def base_queryset(self):
        return TrainingSession.objects.select_related("commune", "trainer", "course", "created_by")

    def construct_view(self, view_class, **kwargs):
        mixin = ScopedObjectMixin if hasattr(view_class, "get_object") else ScopedListingMixin
        bases = (mixin, view_class)
        if issubclass(view_class, (generic.CreateView, generic.EditView)):
            bases = (_reopen_communes_for_trainers(view_class), *bases)
        scoped_class = type(
            f"Scoped{view_class.__name__}",
            bases,
            {"access_rule": self.access_rule, "scope_viewset": self, "__module__": type(self).__module__},
        )
        return ModelViewSet.construct_view(self, scoped_class, **kwargs)

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # Attendance is history: sessions are never deleted.
        for name in ("delete_url_name", "usage_url_name"):
            view_kwargs[name] = None
        return view_kwargs

    @property
    def roster_view(self):
        return self.construct_view(RosterView)

    @property
    def invite_view(self):
        return self.construct_view(InviteView)

    @property
    def checkin_view(self):
        return self.construct_view(CheckinScreenView)

    @property
    def checkin_code_view(self):
        return self.construct_view(CheckinCodeView)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("edit/<int:pk>/", self.edit_view, name="edit"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("roster/<int:pk>/", self.roster_view, name="roster"),
            path("invite/<int:pk>/", self.invite_view, name="invite"),
            path("checkin/<int:pk>/", self.checkin_view, name="checkin"),
            path("checkin/<int:pk>/code/", self.checkin_code_view, name="checkin_code"),
        ]
