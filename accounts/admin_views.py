"""Admin screens of ours that are not ViewSets: the cadre import, one-time logins, anonymising.

Every view declares its access rule; every object reached by id is looked up inside the acting
user's reach (an import job: its creator; a person: the manager's communes), answering 404 outside.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from localities.models import Commune, Province

from .access import access, role, scoped
from .imports import columns
from .imports.jobs import job_confirm, job_create, job_progress
from .imports.reading import size_problem
from .models import ImportJob, OneTimeLogin, User
from .roles import MANAGERS
from .scopes import _scope_rows, commune_filter, sees_everything
from .services import can_manage_person, one_time_login_issue, person_anonymise
from .text import content_disposition

IMPORT_RULE = scoped(MANAGERS)
SUPERUSERS = role()  # no role suffices: superusers only


# --- the cadre import -------------------------------------------------------------------------------


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách cán bộ (.xlsx hoặc .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class SizeLimitUploadHandler(FileUploadHandler):
    """Stop reading an upload as soon as it passes the limit: a far too large file is never stored."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        from .imports.reading import max_bytes

        self.max = max_bytes()
        self.seen = 0
        if content_length and content_length > self.max + 64 * 1024:
            self.request.kns_upload_too_large = content_length
            raise StopUpload(connection_reset=False)
        return None

    def receive_data_chunk(self, raw_data, start):
        self.seen += len(raw_data)
        if self.seen > self.max:
            self.request.kns_upload_too_large = self.seen
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def scope_description(user) -> str:
    if sees_everything(user):
        return _("toàn quốc")
    names = []
    province_ids = [p for p, _c in _scope_rows(user) if p]
    commune_ids = [c for _p, c in _scope_rows(user) if c]
    names += list(Province.objects.filter(pk__in=province_ids).order_by("name").values_list("name", flat=True))
    names += list(Commune.objects.filter(pk__in=commune_ids).order_by("name").values_list("name", flat=True))
    return ", ".join(names) or _("chưa được giao phạm vi nào")


def _jobs_of(user):
    jobs = ImportJob.objects.defer("content", "report")
    if sees_everything(user):
        return jobs
    return jobs.filter(created_by=user)


@access(IMPORT_RULE)
@method_decorator(csrf_exempt, name="dispatch")  # the size-limit handler must be in place before the body is read
class ImportIndexView(WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Nhập danh sách cán bộ")
    header_icon = "upload"
    template_name = "accounts/admin/import_index.html"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "columns": columns.COLUMNS,
                "required": columns.REQUIRED,
                "scope": scope_description(self.request.user),
                "jobs": _jobs_of(self.request.user).select_related("created_by")[:20],
                "max_mb": settings_max_mb(),
                "max_rows": _max_rows(),
            }
        )
        return context

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=ImportUploadForm()))

    def post(self, request):
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
        return self._post(request)

    @method_decorator(csrf_protect)
    def _post(self, request):
        form = ImportUploadForm(request.POST, request.FILES)  # reading the body runs the size-limit handler
        too_large = getattr(request, "kns_upload_too_large", None)
        if too_large:
            form = ImportUploadForm()
            form.errors["file"] = form.error_class([str(size_problem(too_large))])
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            problem = size_problem(upload.size)
            if problem:
                form.add_error("file", str(problem))
            else:
                job = job_create(actor=request.user, filename=upload.name, data=upload.read())
                return redirect("kns_cadre_import:job", job.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


def settings_max_mb() -> int:
    from .imports.reading import max_bytes

    return max_bytes() // (1024 * 1024)


def _max_rows() -> int:
    from .imports.reading import max_rows

    return max_rows()


@access(IMPORT_RULE)
@method_decorator(never_cache, name="dispatch")
class ImportJobView(WagtailAdminTemplateMixin, View):
    """One import: its progress while it runs, its preview once checked, its confirmation, its outcome."""

    page_title = gettext_lazy("Lượt nhập cán bộ")
    header_icon = "upload"
    template_name = "accounts/admin/import_job.html"

    def dispatch(self, request, pk, *args, **kwargs):
        self.job = get_object_or_404(_jobs_of(request.user).defer(None), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.job.filename

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("kns_cadre_import:index"), "label": _("Nhập danh sách cán bộ")},
            {"url": "", "label": self.job.filename},
        ]

    def get(self, request):
        progress = job_progress(self.job)
        report = self.job.report or {}
        context = self.get_context_data(
            job=self.job,
            progress=progress,
            report=report,
            can_confirm=self.job.status == ImportJob.Status.READY and self.job.created_by_id == request.user.pk,
            status_url=reverse("kns_cadre_import:job_status", args=[self.job.pk]),
        )
        return self.render_to_response(context)

    def post(self, request):
        if job_confirm(job=self.job, actor=request.user):
            messages.success(request, _("Đã bắt đầu nhập. Trang này cho biết tiến độ."))
        else:
            messages.error(request, _("Lượt nhập này không còn chờ xác nhận."))
        return redirect("kns_cadre_import:job", self.job.pk)


@access(IMPORT_RULE)
@never_cache
def import_job_status(request, pk):
    """The progress bar's data, polled by the job page while the import runs."""
    job = get_object_or_404(
        _jobs_of(request.user).only("pk", "status", "total_rows", "started_at", "created_at"), pk=pk
    )
    return JsonResponse(job_progress(job))


def _template_response(content: bytes, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(f"mau-danh-sach-can-bo.{extension}")
    return response


@access(role(MANAGERS))
def import_template_csv(request):
    return _template_response(columns.template_csv(), "text/csv; charset=utf-8", "csv")


@access(role(MANAGERS))
def import_template_xlsx(request):
    return _template_response(
        columns.template_xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
    )


# --- people: one-time logins and anonymising -----------------------------------------------------------


def _person_in_scope(request, pk) -> User:
    return get_object_or_404(User.objects.filter(commune_filter(request.user, "commune")), pk=pk)


class OneTimeLoginForm(forms.Form):
    purpose = forms.ChoiceField(
        label=gettext_lazy("Dùng để"),
        choices=OneTimeLogin.Purpose.choices,
        initial=OneTimeLogin.Purpose.FIRST_LOGIN,
        widget=forms.RadioSelect,
    )


@access(scoped(MANAGERS))
@method_decorator(never_cache, name="dispatch")
class OneTimeLoginView(WagtailAdminTemplateMixin, View):
    """A manager issues a one-time link and code for a cadre of their communes (first login, or a reset
    for someone without e-mail). The link and code are shown once, on this page, and never stored."""

    page_title = gettext_lazy("Mã đăng nhập một lần")
    header_icon = "key"
    template_name = "accounts/admin/one_time_login.html"

    def dispatch(self, request, pk, *args, **kwargs):
        self.person = _person_in_scope(request, pk)
        if not can_manage_person(request.user, self.person):
            # Not even the page (it shows the person's one-time login history): as if they did not exist.
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.person)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("wagtailusers_users:index"), "label": _("Người dùng")},
            {"url": reverse("wagtailusers_users:edit", args=[self.person.pk]), "label": str(self.person)},
            {"url": "", "label": self.page_title},
        ]

    def context(self, **extra):
        return self.get_context_data(
            person=self.person,
            allowed=can_manage_person(self.request.user, self.person),
            history=self.person.one_time_logins.select_related("created_by")[:10],
            hours=_hours(),
            **extra,
        )

    def get(self, request):
        return self.render_to_response(self.context(form=OneTimeLoginForm()))

    def post(self, request):
        form = OneTimeLoginForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.context(form=form), status=400)
        try:
            issued = one_time_login_issue(user=self.person, actor=request.user, purpose=form.cleaned_data["purpose"])
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return self.render_to_response(self.context(form=form), status=403)
        response = self.render_to_response(self.context(form=None, issued=issued))
        response["Cache-Control"] = "no-store"
        return response


def _hours() -> int:
    from django.conf import settings

    return settings.KNS_ONE_TIME_LOGIN_HOURS


@access(SUPERUSERS)
@method_decorator(never_cache, name="dispatch")
class AnonymiseView(WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Ẩn danh hoá tài khoản")
    header_icon = "user"
    template_name = "accounts/admin/anonymise.html"

    def dispatch(self, request, pk, *args, **kwargs):
        self.person = get_object_or_404(User, pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.person)

    def get(self, request):
        return self.render_to_response(self.get_context_data(person=self.person, is_self=self.person == request.user))

    def post(self, request):
        try:
            person_anonymise(person=self.person, actor=request.user)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return redirect("kns_people:anonymise", self.person.pk)
        messages.success(request, _("Đã ẩn danh hoá tài khoản; các số liệu tổng hợp vẫn giữ nguyên."))
        return redirect("wagtailusers_users:edit", self.person.pk)


def import_urls():
    from django.urls import path

    return [
        path("", ImportIndexView.as_view(), name="index"),
        path("template.csv", import_template_csv, name="template_csv"),
        path("template.xlsx", import_template_xlsx, name="template_xlsx"),
        path("<int:pk>/", ImportJobView.as_view(), name="job"),
        path("<int:pk>/status/", import_job_status, name="job_status"),
    ]


def people_urls():
    from django.urls import path

    from .personal_data_views import PersonalDataExportView

    return [
        path("<int:pk>/one-time-login/", OneTimeLoginView.as_view(), name="one_time_login"),
        path("<int:pk>/anonymise/", AnonymiseView.as_view(), name="anonymise"),
        path("<int:pk>/personal-data/", PersonalDataExportView.as_view(), name="personal_data"),
    ]
