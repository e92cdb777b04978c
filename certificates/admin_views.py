"""The Wagtail admin for certificates.

- Certificates (managers and trainers, inside their locality scope): list and filter, inspect,
  revoke, reissue as a new version, retry a failed render, history. A ``ScopedModelViewSet``:
  every listing and every object reached by id is filtered by the user's communes.
- Bulk reissue (for a course or a template) and ZIP of a commune's PDFs: jobs run by a task,
  with a progress page.
- Certificate templates (a snippet, with a live PDF preview) and the course-to-template link:
  trainers.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.access import access, enforce, role, scoped
from accounts.admin_scope import ScopedModelViewSet
from accounts.roles import MANAGERS, TRAINERS
from accounts.scopes import communes_in_scope
from accounts.text import content_disposition, download_name

from . import services
from .codes import normalise_code
from .formatting import format_hours
from .forms import BulkReissueForm, CourseCertificateForm, RevokeForm, ZipExportForm, course_choices
from .models import Certificate, CertificateJob, CertificateTemplate, CourseCertificate

CERTIFICATE_ADMINS = (MANAGERS, TRAINERS)


# --- Rules on every view a ViewSet builds ----------------------------------------------------------


class RuleGuardMixin:
    access_rule = None

    def dispatch(self, request, *args, **kwargs):
        refused = enforce(self.access_rule, request)
        return refused or super().dispatch(request, *args, **kwargs)


class RuleGuardedViewSetMixin:
    """Every view of the ViewSet enforces and carries ``access_rule`` (for the URL guard)."""

    access_rule = role(TRAINERS, admin=True)

    def construct_view(self, view_class, **kwargs):
        guarded = type(
            f"Guarded{view_class.__name__}",
            (RuleGuardMixin, view_class),
            {"access_rule": self.access_rule, "__module__": __name__},
        )
        return super().construct_view(guarded, **kwargs)


# --- Templates and course links (trainers) ---------------------------------------------------------


class CertificateTemplateChooserViewSet(RuleGuardedViewSetMixin, SnippetChooserViewSet):
    """The template chooser (in the course-to-template link form) is for trainers, like the templates.

    It only chooses: templates are made in the snippet editor, with its live preview (the chooser's own
    creation view has no form for them and failed with a 500 on POST).
    """

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "create"]


class CertificateTemplateViewSet(RuleGuardedViewSetMixin, SnippetViewSet):
    model = CertificateTemplate
    chooser_viewset_class = CertificateTemplateChooserViewSet
    icon = "doc-full"
    menu_label = gettext_lazy("Mẫu chứng nhận")
    menu_item_is_registered = True
    list_display = ["name", "orientation", "is_default", "updated_at"]
    search_fields = ["name", "title"]
    copy_view_enabled = True


class CourseCertificateViewSet(RuleGuardedViewSetMixin, ModelViewSet):
    model = CourseCertificate
    icon = "link"
    menu_label = gettext_lazy("Mẫu theo khóa học")
    list_display = ["course_title", "template", "enabled"]
    copy_view_enabled = False
    search_fields = ["course_title"]
    edit_handler = ObjectList(
        [FieldPanel("course_key"), FieldPanel("template"), FieldPanel("enabled")],
        base_form_class=CourseCertificateForm,
    )


# --- Certificates (managers and trainers, scoped) --------------------------------------------------


def _scoped_communes(request):
    if request is None:
        return communes_in_scope(None).none()
    return communes_in_scope(request.user).order_by("name")


class CertificateFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=gettext_lazy("Trạng thái"), choices=Certificate.Status.choices)
    course_key = ChoiceFilter(label=gettext_lazy("Khóa học"), choices=course_choices)
    commune = ModelChoiceFilter(label=gettext_lazy("Xã, phường"), queryset=_scoped_communes)
    template = ModelChoiceFilter(label=gettext_lazy("Mẫu"), queryset=CertificateTemplate.objects.all())
    issued_on = DateFromToRangeFilter(label=gettext_lazy("Ngày cấp"))

    class Meta:
        model = Certificate
        fields = ["status", "course_key", "commune", "template", "issued_on"]


class CertificateIndexView(IndexView):
    def search_queryset(self, queryset):
        code = normalise_code(self.search_query) if self.is_searching else None
        if code:
            return queryset.filter(code=code)
        return super().search_queryset(queryset)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("commune")

    def get_header_more_buttons(self):
        buttons = list(super().get_header_more_buttons())
        buttons += [
            HeaderButton(_("Cấp lại hàng loạt"), url=reverse("certificate_tools:bulk_reissue"), icon_name="resubmit"),
            HeaderButton(_("Tải ZIP theo xã, phường"), url=reverse("certificate_tools:zip"), icon_name="download"),
            HeaderButton(_("Việc đang chạy"), url=reverse("certificate_tools:jobs"), icon_name="list-ul"),
        ]
        return buttons


class CertificateInspectView(InspectView):
    template_name = "certificates/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certificate = self.object
        context.update(
            {
                "certificate": certificate,
                "hours": format_hours(certificate.hours),
                "can_change": self.request.user.has_perm("certificates.change_certificate"),
                "viewset_name": self.index_url_name.rsplit(":", 1)[0],
            }
        )
        return context


class CertificateActionView(WagtailAdminTemplateMixin, FormView):
    """A confirmation page (GET) and the action (POST) on one certificate in scope."""

    model = Certificate
    index_url_name = None
    header_icon = "doc-full"
    action_title = ""
    template_name = "certificates/admin/action.html"
    form_class = None
    allowed_statuses: tuple = ()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("certificates.change_certificate"):
            raise PermissionDenied
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):  # replaced by the scope mixin; never unscoped
        raise Http404

    def get_form_class(self):
        from django import forms

        return self.form_class or forms.Form

    def get_page_title(self):
        return self.action_title

    def get_page_subtitle(self):
        return str(self.object)

    def inspect_url(self):
        return reverse(self.index_url_name.replace(":index", ":inspect"), args=[self.object.pk])

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Chứng nhận")},
            {"url": self.inspect_url(), "label": self.object.display_code},
            {"url": "", "label": self.action_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "certificate": self.object,
                "possible": self.object.status in self.allowed_statuses,
                "submit_label": self.action_title,
                "back_url": self.inspect_url(),
                "explanation": self.explanation(),
            }
        )
        return context

    def explanation(self) -> str:
        return ""

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        except PermissionDenied as error:
            messages.error(self.request, str(error))
        return redirect(self.inspect_url())

    def perform(self, form):
        raise NotImplementedError


class RevokeView(CertificateActionView):
    form_class = RevokeForm
    action_title = gettext_lazy("Thu hồi chứng nhận")
    allowed_statuses = Certificate.LIVE

    def explanation(self):
        return _("Trang kiểm tra công khai sẽ ghi “đã thu hồi”, kèm ngày và loại lý do. Không hoàn tác được.")

    def perform(self, form):
        services.certificate_revoke(
            certificate=self.object,
            by=self.request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        messages.success(self.request, _("Đã thu hồi chứng nhận %(code)s.") % {"code": self.object.display_code})


class ReissueView(CertificateActionView):
    action_title = gettext_lazy("Cấp lại thành phiên bản mới")
    allowed_statuses = (Certificate.Status.ISSUED, Certificate.Status.FAILED)

    def explanation(self):
        return _(
            "Một chứng nhận mới (mã số mới) được tạo với họ tên hiện tại của người học, tên và số giờ hiện tại "
            "của khóa học và mẫu đang dùng. Chứng nhận này sẽ ghi “đã được thay thế”."
        )

    def perform(self, form):
        new = services.certificate_reissue(certificate=self.object, by=self.request.user)
        messages.success(
            self.request,
            _("Đã cấp lại: chứng nhận mới %(code)s (lần %(version)s) đang được tạo.")
            % {"code": new.display_code, "version": new.version},
        )


class RetryView(CertificateActionView):
    action_title = gettext_lazy("Tạo lại PDF")
    allowed_statuses = (Certificate.Status.FAILED,)

    def explanation(self):
        return _("Hãy sửa mẫu chứng nhận (chỗ điền, ảnh) trước khi tạo lại; lỗi gần nhất: %(error)s") % {
            "error": self.object.last_error or "—"
        }

    def perform(self, form):
        services.certificate_retry(certificate=self.object, by=self.request.user)
        messages.success(
            self.request, _("Đã yêu cầu tạo lại PDF chứng nhận %(code)s.") % {"code": self.object.display_code}
        )


class CertificateViewSet(ScopedModelViewSet):
    model = Certificate
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Chứng nhận đã cấp")
    access_rule = scoped(*CERTIFICATE_ADMINS)
    scope_field = "commune"
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = CertificateFilterSet
    search_fields = ["full_name", "course_title", "commune_name"]
    list_display = [
        Column("display_code", label=gettext_lazy("Mã số")),
        "full_name",
        "course_title",
        "commune_name",
        Column("version", label=gettext_lazy("Lần")),
        Column("status", label=gettext_lazy("Trạng thái"), accessor="get_status_display"),
        DateColumn("issued_at", label=gettext_lazy("Cấp lúc")),
    ]
    list_export = []

    def base_queryset(self):
        return Certificate.objects.select_related("commune")

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name"):
            view_kwargs[name] = None
        return view_kwargs

    def register_admin_url_finder(self):
        return None

    def _action(self, view_class):
        return self.construct_view(view_class, index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
            path(f"history/<{conv}:pk>/", self.history_view, name="history"),
            path(f"history-results/<{conv}:pk>/", self.history_results_view, name="history_results"),
            path(f"revoke/<{conv}:pk>/", self._action(RevokeView), name="revoke"),
            path(f"reissue/<{conv}:pk>/", self._action(ReissueView), name="reissue"),
            path(f"retry/<{conv}:pk>/", self._action(RetryView), name="retry"),
        ]


# --- Bulk reissue, ZIP, and their progress ---------------------------------------------------------


class ToolView(WagtailAdminTemplateMixin):
    header_icon = "doc-full-inverse"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("issued_certificates:index"), "label": _("Chứng nhận")},
            {"url": "", "label": self.get_page_title()},
        ]


@access(role(*CERTIFICATE_ADMINS, admin=True))
class BulkReissueView(ToolView, FormView):
    form_class = BulkReissueForm
    template_name = "certificates/admin/tool_form.html"
    page_title = gettext_lazy("Cấp lại chứng nhận hàng loạt")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["explanation"] = _(
            "Mọi chứng nhận đang có hiệu lực của khóa học (hoặc in bằng mẫu) đã chọn, trong phạm vi của bạn, "
            "được cấp lại thành phiên bản mới với họ tên, tên khóa học và mẫu hiện tại; bản cũ ghi “đã được thay thế”."
        )
        context["submit_label"] = _("Bắt đầu cấp lại")
        return context

    def form_valid(self, form):
        try:
            job = services.bulk_reissue_start(
                by=self.request.user, course_key=form.cleaned_data["course_key"], template=form.cleaned_data["template"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect("certificate_tools:job", pk=job.pk)


@access(role(*CERTIFICATE_ADMINS, admin=True))
class ZipExportView(ToolView, FormView):
    form_class = ZipExportForm
    template_name = "certificates/admin/tool_form.html"
    page_title = gettext_lazy("Tải ZIP chứng nhận của một xã, phường")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["explanation"] = _(
            "Tệp ZIP gồm PDF của mọi chứng nhận đang có hiệu lực và một danh sách CSV; tệp được tạo ở chế độ nền "
            "và tự xóa sau %(days)s ngày."
        ) % {"days": self.settings_days()}
        context["submit_label"] = _("Tạo tệp ZIP")
        return context

    @staticmethod
    def settings_days():
        from django.conf import settings

        return settings.KNS_CERTIFICATE_EXPORT_DAYS

    def form_valid(self, form):
        try:
            job = services.zip_export_start(
                by=self.request.user, commune=form.cleaned_data["commune"], course_key=form.cleaned_data["course_key"]
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error.messages[0] if isinstance(error, ValidationError) else str(error))
            return self.form_invalid(form)
        return redirect("certificate_tools:job", pk=job.pk)


@access(role(*CERTIFICATE_ADMINS, admin=True))
class JobListView(ToolView, TemplateView):
    template_name = "certificates/admin/jobs.html"
    page_title = gettext_lazy("Việc chứng nhận")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = services.jobs_visible_to(self.request.user).select_related("commune")[:50]
        return context


def _job_for(request, pk) -> CertificateJob:
    return get_object_or_404(services.jobs_visible_to(request.user).select_related("commune", "template"), pk=pk)


@access(scoped(*CERTIFICATE_ADMINS))
class JobDetailView(ToolView, TemplateView):
    template_name = "certificates/admin/job.html"
    page_title = gettext_lazy("Tiến độ")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = _job_for(self.request, self.kwargs["pk"])
        context["job"] = job
        if job.kind == CertificateJob.Kind.REISSUE:
            rendered = job.certificates.aggregate(
                issued=Count("pk", filter=Q(status=Certificate.Status.ISSUED)),
                failed=Count("pk", filter=Q(status=Certificate.Status.FAILED)),
                created=Count("pk"),
            )
            context["rendered"] = rendered
            finished = job.is_finished and rendered["issued"] + rendered["failed"] >= rendered["created"]
        else:
            finished = job.is_finished
        context["refresh"] = not finished
        return context


@access(scoped(*CERTIFICATE_ADMINS))
class JobDownloadView(JobDetailView):
    """The ZIP once it is built (until it expires); before that, the progress page."""

    def get(self, request, *args, **kwargs):
        job = _job_for(request, kwargs["pk"])
        if job.kind == CertificateJob.Kind.ZIP and job.status == CertificateJob.Status.DONE and job.file:
            response = FileResponse(job.file.open("rb"), content_type="application/zip")
            commune = job.commune.name if job.commune_id else ""
            response["Content-Disposition"] = content_disposition(
                download_name("chung-nhan", commune, job.pk, extension="zip")
            )
            response["Cache-Control"] = "private, no-store"
            return response
        return super().get(request, *args, **kwargs)


class CertificatesMenu(ViewSetGroup):
    menu_label = gettext_lazy("Chứng nhận")
    menu_icon = "doc-full-inverse"
    menu_order = 260
    items = (
        CertificateViewSet("issued_certificates"),
        CertificateTemplateViewSet(),
        CourseCertificateViewSet("certificate_courses"),
    )


tool_urlpatterns = [
    path("bulk-reissue/", BulkReissueView.as_view(), name="bulk_reissue"),
    path("zip/", ZipExportView.as_view(), name="zip"),
    path("jobs/", JobListView.as_view(), name="jobs"),
    path("jobs/<int:pk>/", JobDetailView.as_view(), name="job"),
    path("jobs/<int:pk>/download/", JobDownloadView.as_view(), name="job_download"),
]

INDEX_URL = reverse_lazy("issued_certificates:index")
