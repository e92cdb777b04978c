"""Admin screens for printed login sheets: pick a commune or team in scope, print, watch, download.

Every view is ``scoped(MANAGERS)``; every commune, team and sheet reached by id is looked up inside
the acting manager's scope (a sheet: their own prints, since it holds live codes), for every method,
answering 404 outside it before anything is read or written. GET never writes.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from localities.models import Commune

from .access import access, scoped
from .login_sheets import (
    NothingToPrint,
    is_downloadable,
    login_sheet_downloaded,
    login_sheet_request,
    sheet_people,
    sheet_progress,
    sheets_of,
    team_counts,
)
from .models import Team
from .roles import MANAGERS
from .scopes import commune_filter
from .text import content_disposition, download_name

SHEETS_RULE = scoped(MANAGERS)


def _communes_in_scope(user):
    return Commune.objects.current().filter(commune_filter(user)).select_related("province")


def _teams_in_scope(user):
    return Team.objects.filter(commune_filter(user, "commune")).select_related("commune")


class PrintForm(forms.Form):
    only_new = forms.BooleanField(
        label=gettext_lazy("Chỉ in cho người chưa đăng nhập lần nào"),
        required=False,
        initial=True,
        help_text=gettext_lazy("Bỏ chọn để in cho mọi người (kể cả người đã có mật khẩu: mã cũ của họ bị huỷ)."),
    )


def _only_new(request) -> bool:
    """GET shows counts for the choice in the query (default: only new); the form posts its own."""
    return request.GET.get("all") != "1"


class _SheetsAdminView(WagtailAdminTemplateMixin, View):
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        items = [*super().get_breadcrumbs_items()]
        items.append({"url": reverse("kns_login_sheets:index"), "label": _("In phiếu đăng nhập lần đầu")})
        return items


@access(SHEETS_RULE)
@method_decorator(never_cache, name="dispatch")
class SheetIndexView(_SheetsAdminView):
    """Choose a commune (a GET form: no state changes), and see one's own recent prints."""

    page_title = gettext_lazy("In phiếu đăng nhập lần đầu")
    template_name = "accounts/admin/login_sheets_index.html"

    def get_breadcrumbs_items(self):
        return [*WagtailAdminTemplateMixin.get_breadcrumbs_items(self), {"url": "", "label": self.page_title}]

    def get(self, request):
        chosen = request.GET.get("commune", "")
        if chosen.isdigit():
            return redirect("kns_login_sheets:commune", int(chosen))
        context = self.get_context_data(
            communes=_communes_in_scope(request.user).order_by("province__name", "name"),
            sheets=sheets_of(request.user)[:20],
            code_days=settings.KNS_LOGIN_SHEET_CODE_DAYS,
            file_hours=settings.KNS_LOGIN_SHEET_FILE_HOURS,
        )
        return self.render_to_response(context)


class _TargetView(_SheetsAdminView):
    """A commune or team in scope: GET shows who would be printed; POST prints."""

    template_name = "accounts/admin/login_sheet_target.html"

    def target_kwargs(self) -> dict:
        raise NotImplementedError

    def get_page_subtitle(self):
        return str(self.target)

    def context(self, form, **extra):
        only_new = form.cleaned_data["only_new"] if form.is_bound and form.is_valid() else _only_new(self.request)
        kwargs = self.target_kwargs()
        return self.get_context_data(
            target=self.target,
            form=form,
            only_new=only_new,
            count=sheet_people(**kwargs, only_new=only_new).count(),
            count_all=sheet_people(**kwargs, only_new=False).count(),
            **extra,
        )

    def get(self, request):
        return self.render_to_response(self.context(PrintForm(initial={"only_new": _only_new(request)})))

    def post(self, request):
        form = PrintForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.context(form), status=400)
        try:
            sheet = login_sheet_request(
                actor=request.user, only_new=form.cleaned_data["only_new"], **self.target_kwargs()
            )
        except NothingToPrint as nothing:
            form.add_error(None, nothing.messages[0])
            return self.render_to_response(self.context(form), status=400)
        except PermissionDenied as refusal:  # scope changed between the lookup and the write
            raise Http404 from refusal
        messages.success(request, _("Đã bắt đầu tạo phiếu. Trang này cho biết tiến độ."))
        return redirect("kns_login_sheets:sheet", sheet.pk)


@access(SHEETS_RULE)
@method_decorator(never_cache, name="dispatch")
class CommuneSheetView(_TargetView):
    page_title = gettext_lazy("In phiếu cho xã, phường")

    def dispatch(self, request, pk, *args, **kwargs):
        self.target = get_object_or_404(_communes_in_scope(request.user), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def target_kwargs(self):
        return {"commune": self.target}

    def context(self, form, **extra):
        only_new = form.cleaned_data["only_new"] if form.is_bound and form.is_valid() else _only_new(self.request)
        return super().context(form, teams=team_counts(commune=self.target, only_new=only_new), **extra)


@access(SHEETS_RULE)
@method_decorator(never_cache, name="dispatch")
class TeamSheetView(_TargetView):
    page_title = gettext_lazy("In phiếu cho tổ")

    def dispatch(self, request, pk, *args, **kwargs):
        self.target = get_object_or_404(_teams_in_scope(request.user), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def target_kwargs(self):
        return {"team": self.target}


@access(SHEETS_RULE)
@method_decorator(never_cache, name="dispatch")
class SheetView(_SheetsAdminView):
    """One print: progress while it is made, then the download until the file expires."""

    page_title = gettext_lazy("Phiếu đăng nhập lần đầu")
    template_name = "accounts/admin/login_sheet.html"

    def dispatch(self, request, pk, *args, **kwargs):
        self.sheet = get_object_or_404(sheets_of(request.user), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.sheet)

    def get(self, request):
        progress = sheet_progress(self.sheet)
        return self.render_to_response(
            self.get_context_data(
                sheet=self.sheet,
                progress=progress,
                downloadable=is_downloadable(self.sheet),
                status_url=reverse("kns_login_sheets:status", args=[self.sheet.pk]),
            )
        )


@access(SHEETS_RULE)
@require_GET
@never_cache
def sheet_status(request, pk):
    """The progress bar's data, polled by the sheet page while the job runs."""
    sheet = get_object_or_404(sheets_of(request.user), pk=pk)
    return JsonResponse(sheet_progress(sheet))


@access(SHEETS_RULE)
@require_GET
@never_cache
def sheet_pdf(request, pk):
    """The PDF, to the manager who printed it (and superusers), until it expires. Each download is logged."""
    sheet = get_object_or_404(sheets_of(request.user), pk=pk)
    if not is_downloadable(sheet):
        raise Http404
    login_sheet_downloaded(sheet=sheet, actor=request.user)
    response = FileResponse(sheet.file.open("rb"), content_type="application/pdf")
    place = sheet.team.name if sheet.team_id else (sheet.commune.name if sheet.commune_id else "")
    response["Content-Disposition"] = content_disposition(
        download_name("phieu-dang-nhap", place, sheet.pk, extension="pdf")
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def urls():
    return [
        path("", SheetIndexView.as_view(), name="index"),
        path("commune/<int:pk>/", CommuneSheetView.as_view(), name="commune"),
        path("team/<int:pk>/", TeamSheetView.as_view(), name="team"),
        path("<int:pk>/", SheetView.as_view(), name="sheet"),
        path("<int:pk>/status/", sheet_status, name="status"),
        path("<int:pk>/pdf/", sheet_pdf, name="pdf"),
    ]
