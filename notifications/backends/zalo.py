"""Zalo official-account notifications (ZNS), in the shape of Zalo's template message API.

POST JSON ``{"phone", "template_id", "template_data", "tracking_id"}`` with the ``access_token``
header; the reply's ``error`` is 0 on success (``data.msg_id`` is the provider's id), else an
API error that is not retried. Each kind needs a template approved by Zalo, mapped in
``NOTIFY_ZALO_TEMPLATES``; its parameters are the kind's context keys (notifications.kinds).
"""

from django.conf import settings

from .. import kinds
from . import Refused
from .http import post_json
from .sms import format_phone


class ZaloBackend:
    def send(self, message) -> str:
        template_id = settings.NOTIFY_ZALO_TEMPLATES.get(message.kind)
        if not template_id:
            raise Refused(f"no Zalo template for {message.kind} (NOTIFY_ZALO_TEMPLATES)")
        if not settings.NOTIFY_ZALO_ACCESS_TOKEN:
            raise Refused("NOTIFY_ZALO_ACCESS_TOKEN is not set")
        keys = (*kinds.KINDS[message.kind].context_keys, "full_name")
        data = {key: str(message.context[key]) for key in keys if key in message.context}
        body = {
            "phone": format_phone(message.address, "digits"),
            "template_id": template_id,
            "template_data": data,
            "tracking_id": str(message.pk),
        }
        reply = post_json(
            settings.NOTIFY_ZALO_URL,
            body,
            headers={"access_token": settings.NOTIFY_ZALO_ACCESS_TOKEN},
            timeout=settings.NOTIFY_ZALO_TIMEOUT,
        )
        error = reply.get("error")
        if error not in (0, "0"):
            raise Refused(f"Zalo error {error}: {reply.get('message', '')}"[:255])
        return str((reply.get("data") or {}).get("msg_id", ""))
