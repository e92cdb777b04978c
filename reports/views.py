"""The dashboard (Wagtail admin, Reports menu) and the team leader's page (public site).

Admin views: scope overview → province → commune → team → cadre, targets, exports, reminders.
Each is declared ``scoped(MANAGERS)``, needs the ``reports.view_dashboard`` permission, and
answers 404 for any object outside the manager's scope. Thin: they parse input and call
selectors and services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.access import LOGGED_IN, access, role, scoped
from accounts.models import Team, User
from accounts.roles import MANAGERS, TEAM_LEADERS
from accounts.scopes import commune_in_scope
from accounts.text import content_disposition
from localities.models import Commune, Province

from . import charts, coverage, selectors, services
from .exports import TABLE_LABELS, spreadsheet
from .filters import Status, parse_filters
from .forms import ReminderForm, TargetForm
from .models import ExportJob, Notice, Reminder, Target
from .tables import LEVEL_TABLES, table_data, targets_in_scope

RULE = scoped(MANAGERS)


def can_view(user) -> bool:
    return user.is_superuser or user.has_perm("reports.view_dashboard")


class ReportView(WagtailAdminTemplateMixin, TemplateView):
    """One level of the dashboard: filters from GET, exports with ?export=csv|xlsx&table=…"""

    level = ""
    header_icon = "table"
    page_title = gettext_lazy("Tiến độ học tập")
    object = None

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            raise PermissionDenied
        self.object = self.get_object()
        if request.method == "POST" and "export" in request.POST and LEVEL_TABLES.get(self.level):
            return self.export_post(request)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        return None

    # --- filters -------------------------------------------------------------------------------

    def team_choices(self) -> list[tuple[int, str]]:
        return []

    def team_allowed(self, team_id: int) -> bool:
        team = Team.objects.select_related("commune").filter(pk=team_id).first()
        return bool(team and commune_in_scope(self.request.user, team.commune) and self.team_in_view(team))

    def team_in_view(self, team: Team) -> bool:
        return True

    def read_filters(self, request) -> list:
        self.courses = selectors.course_options()
        self.units = selectors.unit_options()
        self.filters, self.filter_form, errors = parse_filters(
            request.GET,
            courses=self.courses,
            units=self.units,
            teams=self.team_choices(),
            team_allowed=self.team_allowed,
        )
        return errors

    def get(self, request, *args, **kwargs):
        # A GET only shows the page (an old ``?export=`` link included): exports start by POST.
        for error in self.read_filters(request):
            messages.error(request, _("Bộ lọc không hợp lệ, đang hiện số liệu chưa lọc. %(error)s") % {"error": error})
        return super().get(request, *args, **kwargs)

    # --- exports -------------------------------------------------------------------------------

    def export_post(self, request):
        """POST ``export=csv|xlsx`` and ``table=…`` to the page's own URL (its filters in the query string).

        An export writes an ``ExportJob`` and a log entry, so it is never started by a GET: a link on
        another site could otherwise make a manager's browser start exports. The CSRF token makes
        the POST the manager's own.
        """
        export_format = request.POST.get("export")
        tables = LEVEL_TABLES.get(self.level, ())
        if export_format not in ("csv", "xlsx") or not tables:
            return HttpResponseBadRequest(_("Định dạng tệp không hợp lệ."))
        self.read_filters(request)
        return self.export(export_format, request.POST.get("table") or tables[0])

    def export(self, export_format: str, table: str):
        user = self.request.user
        if not (user.is_superuser or user.has_perm("reports.export_reports")):
            raise PermissionDenied
        if table not in LEVEL_TABLES.get(self.level, ()):
            messages.error(self.request, _("Không có bảng “%(table)s” để xuất ở trang này.") % {"table": table})
            return HttpResponseRedirect(self.request.path + self.filters.querystring())
        data = table_data(user=user, level=self.level, obj=self.object, table=table, filters=self.filters)
        label = f"{data.label} – {TABLE_LABELS[table]}"
        job = services.export_start(
            user=user,
            level=self.level,
            obj=self.object,
            table=table,
            export_format=export_format,
            filters=self.filters,
            label=label,
            rows=data.count,
        )
        if job.in_background:
            messages.info(
                self.request,
                _("Bảng có %(rows)s dòng nên được tạo ở chế độ nền. Trang này tự cập nhật; tải tệp khi xong.")
                % {"rows": data.count},
            )
            return redirect("reports_admin:export", pk=job.pk)
        rows = list(data.rows)
        response = spreadsheet(table, label).response(rows, export_format)
        services.export_finish_inline(job=job, rows=len(rows))
        return response

    def export_links(self, table: str) -> dict:
        """What the export buttons post: the page's own URL with its filters, and the table."""
        return {"action": self.request.path + self.filters.querystring(), "table": table}

    # --- context -------------------------------------------------------------------------------

    def breadcrumbs(self) -> list[dict]:
        return [{"url": reverse("reports_admin:overview"), "label": _("Tiến độ học tập")}]

    def get_breadcrumbs_items(self):
        items = self.breadcrumbs_items + self.breadcrumbs()
        if items:
            items[-1] = {**items[-1], "url": ""}
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "level": self.level,
                "report_filters": self.filters,
                "filter_form": self.filter_form,
                "filter_query": self.filters.querystring(),
                "statuses": Status.CHOICES,
                "show_team_filter": bool(self.team_choices()),
                "can_export": self.request.user.is_superuser or self.request.user.has_perm("reports.export_reports"),
            }
        )
        return context


def _url_pattern(name: str) -> str:
    """A URL with a ``{}`` for the id: one reverse() for a whole table of links."""
    return reverse(name, args=[987654321]).replace("987654321", "{}")


def _province_link(user, province_id: int) -> str:
    scope = selectors.scope_of(user)
    if scope.everything or province_id in scope.province_ids:
        return reverse("reports_admin:province", args=[province_id])
    return ""


@access(RULE)
class OverviewView(ReportView):
    level = "overview"
    template_name = "reports/admin/overview.html"

    def get_page_subtitle(self):
        return _("Tổng quan phạm vi quản lý")

    def breadcrumbs(self):
        return [{"url": "", "label": _("Tiến độ học tập")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = selectors.overview(user=self.request.user, filters=self.filters)
        query = self.filters.querystring()
        province_url, commune_url = _url_pattern("reports_admin:province"), _url_pattern("reports_admin:commune")
        for row in data["province_rows"]:
            row.url = province_url.format(row.key) + query
        for row in data["commune_rows"]:
            row.url = commune_url.format(row.key) + query
        context.update(data)
        context["charts"] = [charts.funnel(data["total"])]
        if len(data["province_rows"]) > 1:
            context["charts"].insert(
                0,
                charts.completion_bars(
                    data["province_rows"],
                    chart_id="provinces",
                    title=_("Tỷ lệ hoàn thành theo tỉnh"),
                    table_ref="provinces-table",
                ),
            )
        context["exports"] = {
            "provinces": self.export_links("provinces"),
            "scope_communes": self.export_links("scope_communes"),
        }
        context["scope_empty"] = selectors.scope_of(self.request.user).empty
        return context


@access(RULE)
class ProvinceView(ReportView):
    level = "province"
    template_name = "reports/admin/province.html"

    def get_object(self):
        province = get_object_or_404(Province, pk=self.kwargs["pk"])
        if not selectors.province_visible(self.request.user, province):
            raise Http404
        return province

    def get_page_subtitle(self):
        return self.object.name

    def team_in_view(self, team):
        return team.commune.province_id == self.object.pk

    def breadcrumbs(self):
        return [*super().breadcrumbs(), {"url": "", "label": self.object.name}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = selectors.province_level(province=self.object, user=self.request.user, filters=self.filters)
        urls = {}
        pattern, query = _url_pattern("reports_admin:commune"), self.filters.querystring()
        for row in data["all_rows"]:
            urls[row.key] = pattern.format(row.key)
            row.url = urls[row.key] + query
        context.update(data)
        context["charts"] = [
            charts.completion_bars(
                data["rows"] if self.filters.status else data["all_rows"], table_ref="communes-table"
            ),
            charts.commune_map(data["all_rows"], urls=urls, table_ref="communes-table"),
            charts.weekly_columns(data["weeks"]),
            charts.funnel(data["total"]),
        ]
        context["exports"] = {"communes": self.export_links("communes"), "progress": self.export_links("progress")}
        context["target_add_url"] = reverse("reports_admin:targets") + f"?province={self.object.pk}"
        # Team coverage: every commune of the province, whatever the filters (reports.coverage).
        context["coverage"] = cover = coverage.province_coverage(self.object)
        context["coverage_charts"] = [
            charts.coverage_bars(cover),
            charts.coverage_map(cover, urls=urls),
            charts.team_size_columns(cover),
        ]
        context["exports"]["no_team"] = self.export_links("no_team")
        return context


class CommuneScopedMixin:
    def breadcrumbs_for_commune(self, commune: Commune, *, link=True) -> list[dict]:
        items = [{"url": reverse("reports_admin:overview"), "label": _("Tiến độ học tập")}]
        province_url = _province_link(self.request.user, commune.province_id)
        if province_url:
            items.append({"url": province_url, "label": commune.province.name})
        items.append(
            {"url": reverse("reports_admin:commune", args=[commune.pk]) if link else "", "label": commune.name}
        )
        return items


@access(RULE)
class CommuneView(CommuneScopedMixin, ReportView):
    level = "commune"
    template_name = "reports/admin/commune.html"

    def get_object(self):
        commune = get_object_or_404(Commune.objects.select_related("province"), pk=self.kwargs["pk"])
        if not selectors.commune_visible(self.request.user, commune):
            raise Http404
        return commune

    def get_page_subtitle(self):
        return self.object.name

    def team_choices(self):
        if not hasattr(self, "_teams"):
            self._teams = list(Team.objects.filter(commune=self.object).order_by("name").values_list("pk", "name"))
        return self._teams

    def team_in_view(self, team):
        return team.commune_id == self.object.pk

    def breadcrumbs(self):
        return self.breadcrumbs_for_commune(self.object, link=False)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = selectors.commune_level(
            commune=self.object, user=self.request.user, filters=self.filters, page=self.request.GET.get("page") or 1
        )
        for row in data["team_rows"]:
            row.url = reverse("reports_admin:team", args=[row.key]) + self.filters.querystring()
        context.update(data)
        context["charts"] = [charts.weekly_columns(data["weeks"]), charts.funnel(data["total"])]
        if data["team_rows"]:
            context["charts"].insert(
                0,
                charts.completion_bars(
                    data["team_rows"], chart_id="teams", title=_("Tỷ lệ hoàn thành theo tổ"), table_ref="teams-table"
                ),
            )
        context["exports"] = {
            "teams": self.export_links("teams"),
            "cadres": self.export_links("cadres"),
            "progress": self.export_links("progress"),
        }
        context["reminder_form"] = ReminderForm(initial={"reason": Reminder.Reason.OVERDUE})
        context["remind_url"] = reverse("reports_admin:commune_remind", args=[self.object.pk])
        context["refresh_url"] = reverse("reports_admin:commune_refresh", args=[self.object.pk])
        context["target_add_url"] = reverse("reports_admin:targets") + f"?province={self.object.province_id}"
        context["page_query"] = self.filters.querystring()
        # Team coverage of this commune only (reports.coverage).
        context["coverage"] = cover = coverage.commune_coverage(self.object)
        context["coverage_charts"] = [charts.team_member_bars(cover.team_lines, table_ref="coverage-teams-table")]
        return context


@access(RULE)
class TeamView(CommuneScopedMixin, ReportView):
    level = "team"
    template_name = "reports/admin/team.html"

    def get_object(self):
        team = get_object_or_404(Team.objects.select_related("commune", "commune__province"), pk=self.kwargs["pk"])
        if not selectors.commune_visible(self.request.user, team.commune):
            raise Http404
        return team

    def get_page_subtitle(self):
        return self.object.name

    def breadcrumbs(self):
        return [*self.breadcrumbs_for_commune(self.object.commune), {"url": "", "label": self.object.name}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = selectors.team_level(
            team=self.object, user=self.request.user, filters=self.filters, page=self.request.GET.get("page") or 1
        )
        context.update(data)
        context["team"] = self.object
        context["charts"] = [charts.weekly_columns(data["weeks"]), charts.funnel(data["total"])]
        context["exports"] = {"cadres": self.export_links("cadres"), "progress": self.export_links("progress")}
        context["reminder_form"] = ReminderForm(initial={"reason": Reminder.Reason.OVERDUE})
        context["remind_url"] = reverse("reports_admin:team_remind", args=[self.object.pk])
        context["page_query"] = self.filters.querystring()
        return context


@access(RULE)
class CadreView(CommuneScopedMixin, ReportView):
    level = "cadre"
    template_name = "reports/admin/cadre.html"

    def get_object(self):
        cadre = get_object_or_404(
            User.objects.select_related("commune", "commune__province", "unit"), pk=self.kwargs["pk"]
        )
        if cadre.commune is None or not commune_in_scope(self.request.user, cadre.commune):
            raise Http404
        return cadre

    def get_page_subtitle(self):
        return self.object.full_name

    def breadcrumbs(self):
        return [*self.breadcrumbs_for_commune(self.object.commune), {"url": "", "label": self.object.full_name}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cadre"] = self.object
        context["lines"] = selectors.enrolment_lines([self.object.pk], self.filters).get(self.object.pk, [])
        context["exports"] = {"enrolments": self.export_links("enrolments")}
        return context


# --- Targets --------------------------------------------------------------------------------------


@access(RULE)
class TargetsView(ReportView):
    level = "targets"
    template_name = "reports/admin/targets.html"
    page_title = gettext_lazy("Chỉ tiêu")

    def breadcrumbs(self):
        return [*super().breadcrumbs(), {"url": "", "label": _("Chỉ tiêu")}]

    def province_hint(self):
        for name in ("province", "commune"):
            value = self.request.GET.get(name) or self.request.POST.get(name)
            if value and value.isdigit():
                if name == "province":
                    return int(value)
                commune = Commune.objects.filter(pk=int(value)).first()
                return commune.province_id if commune else None
        return None

    def target_form(self, data=None):
        return TargetForm(data, user=self.request.user, province_id=self.province_hint())

    def can_add(self):
        return self.request.user.is_superuser or self.request.user.has_perm("reports.add_target")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        lines = targets_in_scope(user)
        context["lines"] = lines
        context["form"] = kwargs.get("form") or self.target_form()
        context["can_add"] = self.can_add()
        context["can_delete"] = user.is_superuser or user.has_perm("reports.delete_target")
        # A commune manager sees their province's targets but does not own them: those rows are
        # read-only, by the same rule the delete view applies (services.target_visible).
        context["deletable"] = (
            {line.target.pk for line in lines if services.target_visible(user, line.target)}
            if context["can_delete"]
            else set()
        )
        context["exports"] = {"targets": self.export_links("targets")}
        return context

    def post(self, request, *args, **kwargs):
        if not self.can_add():
            raise PermissionDenied
        self.courses, self.units = selectors.course_options(), selectors.unit_options()
        self.filters, self.filter_form, _errors = parse_filters(
            {}, courses=self.courses, units=self.units, teams=[], team_allowed=lambda pk: False
        )
        form = self.target_form(request.POST)
        if form.is_valid():
            try:
                target = services.target_create(manager=request.user, **form.target_kwargs())
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(None if field == "__all__" else field, message)
            except PermissionDenied as error:
                form.add_error("locality", str(error))
            else:
                messages.success(request, _("Đã đặt chỉ tiêu: %(target)s.") % {"target": target})
                return redirect("reports_admin:targets")
        messages.error(request, _("Chưa đặt được chỉ tiêu. Hãy sửa các lỗi bên dưới."))
        return self.render_to_response(self.get_context_data(form=form))


@access(RULE)
class TargetDeleteView(ReportView):
    level = "targets"
    template_name = "reports/admin/confirm.html"
    page_title = gettext_lazy("Xóa chỉ tiêu")

    def get_object(self):
        target = get_object_or_404(Target.objects.select_related("province", "commune", "unit"), pk=self.kwargs["pk"])
        if not services.target_visible(self.request.user, target):
            raise Http404
        return target

    def breadcrumbs(self):
        return [
            *super().breadcrumbs(),
            {"url": reverse("reports_admin:targets"), "label": _("Chỉ tiêu")},
            {"url": "", "label": _("Xóa")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = _("Xóa chỉ tiêu “%(target)s”?") % {"target": self.object}
        context["submit_label"] = _("Xóa chỉ tiêu")
        context["back_url"] = reverse("reports_admin:targets")
        return context

    def post(self, request, *args, **kwargs):
        if not (request.user.is_superuser or request.user.has_perm("reports.delete_target")):
            raise PermissionDenied
        services.target_delete(manager=request.user, target=self.object)
        messages.success(request, _("Đã xóa chỉ tiêu."))
        return redirect("reports_admin:targets")


# --- Reminders and refresh ------------------------------------------------------------------------


class RemindView(CommuneScopedMixin, ReportView):
    template_name = "reports/admin/remind.html"
    page_title = gettext_lazy("Nhắc nhở học tập")

    def locality(self):
        raise NotImplementedError

    def back_url(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or ReminderForm(self.request.GET or None, initial={"reason": Reminder.Reason.OVERDUE})
        reason, course_key = Reminder.Reason.OVERDUE, None
        if form.is_bound and form.is_valid():
            reason, course_key = form.cleaned_data["reason"], form.course_key
        candidates = services.reminder_candidates(reason=reason, course_key=course_key, **self.locality())
        pairs = set(candidates.values_list("user_id", "course_key"))
        context.update(
            {
                "form": form,
                "candidates": len(pairs),
                "min_days": services.reminder_min_days(),
                "back_url": self.back_url(),
                "can_send": self.can_send(),
            }
        )
        return context

    def can_send(self):
        return self.request.user.is_superuser or self.request.user.has_perm("reports.send_reminders")

    def post(self, request, *args, **kwargs):
        if not self.can_send():
            raise PermissionDenied
        form = ReminderForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Hãy chọn nhắc người chưa bắt đầu hay người quá hạn."))
            return redirect(self.back_url())
        outcome = services.reminders_send(
            manager=request.user, reason=form.cleaned_data["reason"], course_key=form.course_key, **self.locality()
        )
        messages.success(
            request,
            _(
                "Đã gửi %(sent)s nhắc nhở (%(messaged)s qua tin nhắn hoặc thư điện tử, %(without)s chỉ trên trang "
                "vì không có số điện thoại, thư điện tử hoặc đã từ chối nhận). Bỏ qua %(throttled)s lượt đã được "
                "nhắc trong %(days)s ngày qua."
            )
            % {
                "sent": outcome.sent,
                "messaged": outcome.messaged,
                "without": outcome.site_only,
                "throttled": outcome.throttled,
                "days": services.reminder_min_days(),
            },
        )
        return redirect(self.back_url())


@access(RULE)
class CommuneRemindView(RemindView):
    level = "commune"

    def get_object(self):
        return CommuneView.get_object(self)

    def locality(self):
        return {"commune": self.object}

    def back_url(self):
        return reverse("reports_admin:commune", args=[self.object.pk])

    def breadcrumbs(self):
        return [*self.breadcrumbs_for_commune(self.object), {"url": "", "label": _("Nhắc nhở")}]


@access(RULE)
class TeamRemindView(RemindView):
    level = "team"

    def get_object(self):
        return TeamView.get_object(self)

    def locality(self):
        return {"team": self.object}

    def back_url(self):
        return reverse("reports_admin:team", args=[self.object.pk])

    def breadcrumbs(self):
        return [
            *self.breadcrumbs_for_commune(self.object.commune),
            {"url": reverse("reports_admin:team", args=[self.object.pk]), "label": self.object.name},
            {"url": "", "label": _("Nhắc nhở")},
        ]


@access(RULE)
class CommuneRefreshView(CommuneScopedMixin, ReportView):
    level = "commune"
    template_name = "reports/admin/confirm.html"
    page_title = gettext_lazy("Cập nhật số liệu")

    def get_object(self):
        return CommuneView.get_object(self)

    def breadcrumbs(self):
        return [*self.breadcrumbs_for_commune(self.object), {"url": "", "label": _("Cập nhật số liệu")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = _("Tổng hợp lại ngay số liệu của %(commune)s?") % {"commune": self.object.name}
        context["submit_label"] = _("Cập nhật ngay")
        context["back_url"] = reverse("reports_admin:commune", args=[self.object.pk])
        return context

    def post(self, request, *args, **kwargs):
        from .tasks import refresh_communes

        refresh_communes.delay([self.object.pk])
        messages.success(request, _("Đã yêu cầu cập nhật số liệu; trang sẽ có số mới sau ít phút."))
        return redirect("reports_admin:commune", pk=self.object.pk)


# --- Exports --------------------------------------------------------------------------------------


@access(RULE)
class ExportsView(ReportView):
    level = "exports"
    template_name = "reports/admin/exports.html"
    page_title = gettext_lazy("Tệp báo cáo đã xuất")

    def breadcrumbs(self):
        return [*super().breadcrumbs(), {"url": "", "label": _("Tệp báo cáo đã xuất")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jobs = ExportJob.objects.order_by("-created_at", "-pk")
        if not self.request.user.is_superuser:
            jobs = jobs.filter(created_by=self.request.user)
        context["jobs"] = list(jobs.select_related("created_by")[:50])
        context["scope_text"] = services._scope_text(self.request.user)
        context["hours"] = services.export_hours()
        return context


@access(RULE)
class ExportJobView(ReportView):
    level = "exports"
    template_name = "reports/admin/export_job.html"
    page_title = gettext_lazy("Xuất báo cáo")

    def get_object(self):
        job = get_object_or_404(ExportJob, pk=self.kwargs["pk"])
        if not services.export_visible(self.request.user, job):
            raise Http404
        return job

    def breadcrumbs(self):
        return [
            *super().breadcrumbs(),
            {"url": reverse("reports_admin:exports"), "label": _("Tệp báo cáo đã xuất")},
            {"url": "", "label": self.object.label},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = self.object
        context["refresh"] = not self.object.is_finished
        return context


@access(RULE)
def export_download(request, pk):
    if not can_view(request.user):
        raise PermissionDenied
    job = get_object_or_404(ExportJob, pk=pk)
    if not services.export_visible(request.user, job):
        raise Http404
    if job.status != ExportJob.Status.DONE or not job.file or job.is_expired:
        raise Http404
    response = FileResponse(job.file.open("rb"))
    response["Content-Disposition"] = content_disposition(job.file.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Public site: the team leader's page and notices ---------------------------------------------------


@access(role(TEAM_LEADERS))
def my_team(request):
    """The team leader's teams: straight to the page when there is one."""
    teams = selectors.led_teams(request.user)
    if len(teams) == 1:
        return redirect("reports:team_page", team_id=teams[0].pk)
    return TemplateResponse(request, "reports/my_teams.html", {"teams": teams})


@access(role(TEAM_LEADERS))
def team_page(request, team_id):
    """One team's members with their progress, overdue steps and certificates: only the leader's own team."""
    teams = {team.pk: team for team in selectors.led_teams(request.user)}
    team = teams.get(team_id)
    if team is None:
        raise Http404
    members = selectors.team_page(team=team)
    return TemplateResponse(
        request,
        "reports/team_page.html",
        {"team": team, "members": members, "other_teams": [t for t in teams.values() if t.pk != team.pk]},
    )


@access(LOGGED_IN)
@require_POST
def notice_dismiss(request, pk):
    notice = get_object_or_404(Notice, pk=pk, user=request.user)
    services.notice_dismiss(user=request.user, notice=notice)
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    return HttpResponseRedirect(next_url)
