"""Certificate actions in Wagtail's own log (Reports → Site history, and each certificate's history).

Registered with the ``register_log_actions`` hook in ``certificates.wagtail_hooks``. Entries
carry codes, versions, counts and reason categories; never phone numbers or e-mail addresses.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

ISSUE = "kns.certificate.issue"
FAIL = "kns.certificate.fail"
REVOKE = "kns.certificate.revoke"
REISSUE = "kns.certificate.reissue"
RETRY = "kns.certificate.retry"
DOWNLOAD = "kns.certificate.download"
BULK_REISSUE = "kns.certificate.bulk_reissue"
EXPORT_ZIP = "kns.certificate.export_zip"


def register_actions(actions) -> None:
    @actions.register_action(ISSUE)
    class Issue(LogFormatter):
        label = _("Cấp chứng nhận")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Đã cấp chứng nhận %(code)s (lần %(version)s)") % {
                "code": data.get("code", "?"),
                "version": data.get("version", "?"),
            }

    @actions.register_action(FAIL)
    class Fail(LogFormatter):
        label = _("Lỗi tạo chứng nhận")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Không tạo được PDF chứng nhận %(code)s: %(error)s") % {
                "code": data.get("code", "?"),
                "error": data.get("error", ""),
            }

    @actions.register_action(REVOKE)
    class Revoke(LogFormatter):
        label = _("Thu hồi chứng nhận")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Đã thu hồi chứng nhận %(code)s, lý do: %(reason)s") % {
                "code": data.get("code", "?"),
                "reason": data.get("reason_label", data.get("reason", "")),
            }

    @actions.register_action(REISSUE)
    class Reissue(LogFormatter):
        label = _("Cấp lại chứng nhận")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Đã cấp lại chứng nhận %(code)s thành %(new_code)s (lần %(version)s)") % {
                "code": data.get("code", "?"),
                "new_code": data.get("new_code", "?"),
                "version": data.get("version", "?"),
            }

    @actions.register_action(RETRY)
    class Retry(LogFormatter):
        label = _("Tạo lại PDF chứng nhận")

        def format_message(self, log_entry):
            return _("Đã yêu cầu tạo lại PDF chứng nhận %(code)s") % {"code": (log_entry.data or {}).get("code", "?")}

    @actions.register_action(DOWNLOAD)
    class Download(LogFormatter):
        label = _("Tải chứng nhận của người khác")

        def format_message(self, log_entry):
            return _("Đã tải PDF chứng nhận %(code)s") % {"code": (log_entry.data or {}).get("code", "?")}

    @actions.register_action(BULK_REISSUE)
    class BulkReissue(LogFormatter):
        label = _("Cấp lại chứng nhận hàng loạt")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Đã bắt đầu cấp lại %(count)s chứng nhận (%(what)s)") % {
                "count": data.get("count", "?"),
                "what": data.get("what", ""),
            }

    @actions.register_action(EXPORT_ZIP)
    class ExportZip(LogFormatter):
        label = _("Tải ZIP chứng nhận")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Đã tạo tệp ZIP %(count)s chứng nhận của %(what)s") % {
                "count": data.get("count", "?"),
                "what": data.get("what", ""),
            }
