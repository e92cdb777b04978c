"""Downloading a person's whole data as one ZIP: by the person, and by a manager for a cadre in scope.

Both are logged in Wagtail's log against the person (who, when, how many records and files;
never the data). A manager's export is a POST from a page that says what it holds: a GET
changes nothing and logs nothing.
"""

from __future__ import annotations

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import LogFormatter, log

from . import personal_data
from .access import LOGGED_IN, access, scoped
from .models import User
from .roles import MANAGERS
from .scopes import commune_filter
from .services import can_manage_person
from .text import content_disposition, download_name

PERSONAL_DATA_EXPORT = "kns.personal_data.export"


@hooks.register("register_log_actions")
def _register_export_action(actions):
    # Registered here, beside the view that writes it, rather than in accounts.audit.
    @actions.register_action(PERSONAL_DATA_EXPORT)
    class PersonalDataExport(LogFormatter):
        label = gettext_lazy("Xuất dữ liệu cá nhân")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            if data.get("by_self"):
                return _("Đã tải toàn bộ dữ liệu cá nhân của mình (ZIP: %(records)s dòng, %(files)s tệp)") % data
            return _("Đã xuất toàn bộ dữ liệu cá nhân của người này (ZIP: %(records)s dòng, %(files)s tệp)") % data


def _zip_response(*, person: User, by: User) -> FileResponse:
    archive = personal_data.as_zip(person)
    log(
        person,
        PERSONAL_DATA_EXPORT,
        user=by,
        data={"records": archive.records, "files": archive.files, "by_self": by.pk == person.pk},
    )
    response = FileResponse(
        archive.file,
        content_type="application/zip",
    )
    response["Content-Disposition"] = content_disposition(
        download_name("du-lieu-ca-nhan", person.full_name, person.pk, extension="zip")
    )
    response["Cache-Control"] = "no-store"
    return response


@access(LOGGED_IN)
@require_GET
@never_cache
def my_data_zip(request):
    """Everything held about me, with my evidence files and certificate PDFs."""
    return _zip_response(person=request.user, by=request.user)


@access(scoped(MANAGERS))
@method_decorator(never_cache, name="dispatch")
class PersonalDataExportView(WagtailAdminTemplateMixin, View):
    """A manager produces the ZIP for a cadre of their communes (when the cadre asks for it and cannot
    download it themselves). Outside the scope, or for a trainer or manager, the person is not found,
    whatever the method."""

    page_title = gettext_lazy("Xuất dữ liệu cá nhân")
    header_icon = "download"
    template_name = "accounts/admin/personal_data_export.html"

    def dispatch(self, request, pk, *args, **kwargs):
        self.person = get_object_or_404(User.objects.filter(commune_filter(request.user, "commune")), pk=pk)
        if not can_manage_person(request.user, self.person):
            from django.http import Http404

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

    def get(self, request):
        sections = [str(section.label) for section in personal_data.sections()]
        return self.render_to_response(self.get_context_data(person=self.person, sections=sections))

    def post(self, request):
        return _zip_response(person=self.person, by=request.user)
