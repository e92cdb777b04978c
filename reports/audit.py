"""Reports' actions in Wagtail's own log (Reports → Site history): exports, reminders, targets.

Registered with the ``register_log_actions`` hook in ``reports.wagtail_hooks``. Entries carry the
table, the locality, the filters, the scope and counts; never phone numbers or e-mail addresses.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

EXPORT = "reports.export"
REMINDER = "reports.reminder"
TARGET_CREATE = "reports.target.create"
TARGET_DELETE = "reports.target.delete"


def register_actions(actions) -> None:
    @actions.register_action(EXPORT)
    class Export(LogFormatter):
        label = _("Xuất báo cáo")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            filters = ", ".join(f"{k}={v}" for k, v in sorted((data.get("filters") or {}).items())) or "—"
            return _(
                "Xuất %(format)s “%(object)s” (%(table)s), %(rows)s dòng; phạm vi: %(scope)s; bộ lọc: %(filters)s"
            ) % {
                "format": str(data.get("format", "")).upper(),
                "object": data.get("object", ""),
                "table": data.get("table", ""),
                "rows": data.get("rows", "?"),
                "scope": data.get("scope", ""),
                "filters": filters,
            }

    @actions.register_action(REMINDER)
    class Reminder(LogFormatter):
        label = _("Gửi nhắc nhở học tập")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _(
                "Đã nhắc %(sent)s lượt (%(messaged)s qua tin nhắn hoặc thư), bỏ qua %(throttled)s lượt vừa được nhắc"
            ) % {
                "sent": data.get("sent", 0),
                # "emailed": the entries written before reminders went through notify().
                "messaged": data.get("messaged", data.get("emailed", 0)),
                "throttled": data.get("throttled", 0),
            }

    @actions.register_action(TARGET_CREATE)
    class TargetCreate(LogFormatter):
        label = _("Đặt chỉ tiêu")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Đặt chỉ tiêu %(percent)s%% cho %(locality)s, hạn %(due)s") % {
                "percent": data.get("percent", "?"),
                "locality": data.get("locality", ""),
                "due": data.get("due_date", ""),
            }

    @actions.register_action(TARGET_DELETE)
    class TargetDelete(LogFormatter):
        label = _("Xóa chỉ tiêu")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Xóa chỉ tiêu %(percent)s%% của %(locality)s") % {
                "percent": data.get("percent", "?"),
                "locality": data.get("locality", ""),
            }
