"""A deployment that enables a gateway without configuring it is told at start, not by failed messages."""

from django.conf import settings
from django.core.checks import Warning, register

from .backends import backend_path


@register()
def gateways_configured(app_configs, **kwargs):
    problems = []
    channels = settings.NOTIFY_CHANNELS
    if "sms" in channels and backend_path("sms").endswith("HttpSmsBackend") and not settings.NOTIFY_SMS_URL:
        problems.append(
            Warning(
                "SMS is enabled on the HTTP gateway but NOTIFY_SMS_URL is not set: every SMS will fail.",
                hint="Set NOTIFY_SMS_URL, or remove sms from NOTIFY_CHANNELS (docs/notifications.md).",
                id="notifications.W001",
            )
        )
    if "zalo" in channels and backend_path("zalo").endswith("ZaloBackend"):
        if not settings.NOTIFY_ZALO_ACCESS_TOKEN or not settings.NOTIFY_ZALO_TEMPLATES:
            problems.append(
                Warning(
                    "Zalo is enabled but NOTIFY_ZALO_ACCESS_TOKEN or NOTIFY_ZALO_TEMPLATES is not set: "
                    "Zalo messages will fail.",
                    hint="Set both, or remove zalo from NOTIFY_CHANNELS (docs/notifications.md).",
                    id="notifications.W002",
                )
            )
    return problems
