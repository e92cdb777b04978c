"""Who looked at or took out personal data, recorded in Wagtail's own log.

Wagtail's log (``wagtail.log_actions.log``) is what the admin already shows and filters
(Reports → Site history, and each object's history). The actions below are registered
with the ``register_log_actions`` hook in ``accounts.wagtail_hooks``.

What is recorded:
- every manager's view of a personal list (the people listing, the team listing, a team's
  page), against the viewer, with the filters and how many people were listed;
- every export (people list, a cadre's own data), with its format and row count;
- one-time logins issued, moves between communes, anonymisation, cadre imports;
- login sheets printed (with how many people) and downloaded; codes people asked for by message.
Log entries carry counts and ids, never names or phone numbers.
"""

from __future__ import annotations

from django.http import HttpResponseBadRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

PEOPLE_LIST_VIEW = "kns.people.list_view"
TEAM_LIST_VIEW = "kns.team.list_view"
TEAM_VIEW = "kns.team.view"
EXPORT = "kns.export"
PERSONAL_DATA_DOWNLOAD = "kns.personal_data.download"
ONE_TIME_LOGIN = "kns.person.one_time_login"
PERSON_MOVE = "kns.person.move"
PERSON_ANONYMISE = "kns.person.anonymise"
IMPORT_APPLY = "kns.import.apply"
IMPORT_UPLOAD = "kns.import.upload"
LOGIN_SHEET_PRINT = "kns.login_sheet.print"
LOGIN_SHEET_DOWNLOAD = "kns.login_sheet.download"
ONE_TIME_CODE_REQUEST = "kns.person.one_time_code_request"
SSO_LINK_CONFIRM = "kns.person.sso_link_confirm"
SSO_LINK_REJECT = "kns.person.sso_link_reject"


class _CountFormatter(LogFormatter):
    template = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return self.template % {
            "count": data.get("count", "?"),
            "format": (data.get("format") or "").upper(),
            "what": data.get("what", ""),
        }


def register_actions(actions) -> None:
    """Called by the ``register_log_actions`` hook."""

    @actions.register_action(PEOPLE_LIST_VIEW)
    class PeopleListView(_CountFormatter):
        label = _("Xem danh sách cán bộ")
        template = _("Đã xem danh sách cán bộ (%(count)s người)")

    @actions.register_action(TEAM_LIST_VIEW)
    class TeamListView(_CountFormatter):
        label = _("Xem danh sách tổ")
        template = _("Đã xem danh sách tổ công nghệ số (%(count)s tổ)")

    @actions.register_action(TEAM_VIEW)
    class TeamView(_CountFormatter):
        label = _("Xem thành viên tổ")
        template = _("Đã xem thành viên của tổ (%(count)s người)")

    @actions.register_action(EXPORT)
    class Export(_CountFormatter):
        label = _("Xuất dữ liệu cá nhân")
        template = _("Đã xuất %(what)s ra tệp %(format)s (%(count)s dòng)")

    @actions.register_action(PERSONAL_DATA_DOWNLOAD)
    class PersonalDataDownload(_CountFormatter):
        label = _("Tải dữ liệu của tôi")
        template = _("Đã tải dữ liệu cá nhân của mình (%(format)s)")

    @actions.register_action(IMPORT_APPLY)
    class ImportApply(LogFormatter):
        label = _("Nhập danh sách cán bộ")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Đã nhập danh sách cán bộ: tạo mới %(created)s, cập nhật %(updated)s, không đổi %(unchanged)s") % {
                "created": data.get("created", 0),
                "updated": data.get("updated", 0),
                "unchanged": data.get("unchanged", 0),
            }

    actions.register_action(IMPORT_UPLOAD, _("Tải lên tệp cán bộ"), _("Đã tải lên tệp danh sách cán bộ để kiểm tra"))
    actions.register_action(
        ONE_TIME_LOGIN, _("Cấp mã đăng nhập một lần"), _("Đã cấp đường dẫn và mã đăng nhập một lần")
    )

    @actions.register_action(LOGIN_SHEET_PRINT)
    class LoginSheetPrint(LogFormatter):
        label = _("In phiếu đăng nhập lần đầu")

        def format_message(self, log_entry):
            return _("Đã in phiếu đăng nhập lần đầu (%(count)s người); mã cũ của những người này bị thu hồi") % {
                "count": (log_entry.data or {}).get("count", "?")
            }

    actions.register_action(
        LOGIN_SHEET_DOWNLOAD, _("Tải phiếu đăng nhập lần đầu"), _("Đã tải tệp PDF phiếu đăng nhập lần đầu")
    )
    actions.register_action(
        ONE_TIME_CODE_REQUEST,
        _("Tự xin mã đăng nhập"),
        _("Người dùng tự xin mã đăng nhập một lần, gửi qua tin nhắn"),
    )
    actions.register_action(PERSON_MOVE, _("Chuyển xã, phường"), _("Đã chuyển sang xã, phường khác"))
    actions.register_action(PERSON_ANONYMISE, _("Ẩn danh hoá"), _("Đã ẩn danh hoá tài khoản"))
    actions.register_action(
        SSO_LINK_CONFIRM,
        _("Xác nhận đăng nhập một lần"),
        _("Đã xác nhận liên kết với tài khoản của nhà cung cấp đăng nhập một lần"),
    )
    actions.register_action(
        SSO_LINK_REJECT,
        _("Từ chối đăng nhập một lần"),
        _("Đã từ chối liên kết với tài khoản của nhà cung cấp đăng nhập một lần"),
    )


def log_list_view(request, action: str, *, count: int, filters: dict | None = None) -> None:
    """Record that ``request.user`` was shown a list of ``count`` people or teams (logged against the viewer)."""
    user = request.user
    if not user.is_authenticated:
        return
    log(user._wrapped if hasattr(user, "_wrapped") else user, action, user=user, data=_data(count, filters))


def log_export(request, *, instance, what: str, format: str, count: int, filters: dict | None = None) -> None:
    data = _data(count, filters)
    data.update({"what": str(what), "format": format})
    log(instance, EXPORT, user=request.user, data=data)


def _data(count: int, filters: dict | None) -> dict:
    data = {"count": int(count)}
    if filters:
        # Only what the viewer asked for (search, filters, page), never the rows themselves.
        data["filters"] = {str(k): str(v)[:200] for k, v in filters.items() if v not in (None, "", [])}
    return data


class AuditedListingMixin:
    """For Wagtail listing views of personal data: record each page shown, and each export, in the log.

    An export writes a log entry, so it starts by POST (to the listing's URL with its filters and
    ``export=csv|xlsx`` in the query string): a GET of ``?export=`` only shows the listing, so a link on
    another site cannot make a manager's browser take the list out. The listing's "Download" items post
    through Wagtail's own ``w-action`` controller, with the CSRF token."""

    audit_action = PEOPLE_LIST_VIEW
    audit_what = _("danh sách cán bộ")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = request.method == "POST" and request.GET.get("export") in self.FORMATS

    def post(self, request, *args, **kwargs):
        if not self.is_export:
            return HttpResponseBadRequest(_("Hãy chọn định dạng tệp: CSV hoặc XLSX."))
        return self.get(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        export_urls = {self.xlsx_export_url, self.csv_export_url}
        for button in buttons:
            if button.url in export_urls:
                button.attrs = {
                    **button.attrs,
                    "data-controller": "w-action",
                    "data-action": "w-action#post",
                    "data-w-action-url-value": button.url,
                    "data-w-action-continue-value": "true",
                }
        return buttons

    def render_to_response(self, context, **response_kwargs):
        filters = self.request.GET.dict()
        if self.is_export:
            objects = context["object_list"]
            count = objects.count() if hasattr(objects, "count") and callable(objects.count) else len(objects)
            log_export(
                self.request,
                instance=self.request.user,
                what=self.audit_what,
                format=filters.pop("export", ""),
                count=count,
                filters=filters,
            )
        else:
            paginator = context.get("paginator")
            count = paginator.count if paginator is not None else len(context.get("object_list") or [])
            log_list_view(self.request, self.audit_action, count=count, filters=filters)
        return super().render_to_response(context, **response_kwargs)
