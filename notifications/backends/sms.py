"""SMS through a generic HTTP gateway (docs/notifications.md, "SMS gateway").

The request body is ``settings.NOTIFY_SMS_PAYLOAD``: a JSON object whose string values may hold
``$phone``, ``$text``, ``$sender`` and ``$ref`` (the message id, for the gateway to deduplicate),
so most providers' APIs can be met without code. Auth is a Bearer token or basic auth.
"""

import base64
import json
from string import Template

from django.conf import settings

from . import Refused
from .http import post_json


def format_phone(phone: str, style: str) -> str:
    """Our numbers are E.164 (+84912345678); gateways want them as they want them."""
    digits = phone.lstrip("+")
    if style == "digits":
        return digits
    if style == "national" and digits.startswith(settings.PHONE_DEFAULT_COUNTRY_CODE):
        return "0" + digits[len(settings.PHONE_DEFAULT_COUNTRY_CODE) :]
    return phone if phone.startswith("+") else "+" + digits


def _fill(value, values: dict):
    # Substituting inside parsed JSON, never into the JSON text: a quote in a message cannot break it.
    if isinstance(value, str):
        return Template(value).safe_substitute(values)
    if isinstance(value, dict):
        return {key: _fill(item, values) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, values) for item in value]
    return value


def auth_headers(token: str, username: str, password: str) -> dict:
    if token:
        return {"Authorization": f"Bearer {token}"}
    if username:
        pair = base64.b64encode(f"{username}:{password}".encode()).decode()
        return {"Authorization": f"Basic {pair}"}
    return {}


class HttpSmsBackend:
    def send(self, message) -> str:
        if not settings.NOTIFY_SMS_URL:
            raise Refused("NOTIFY_SMS_URL is not set")
        values = {
            "phone": format_phone(message.address, settings.NOTIFY_SMS_PHONE_FORMAT),
            "text": message.text,
            "sender": settings.NOTIFY_SMS_SENDER,
            "ref": str(message.pk),
        }
        body = _fill(json.loads(settings.NOTIFY_SMS_PAYLOAD), values)
        headers = auth_headers(settings.NOTIFY_SMS_TOKEN, settings.NOTIFY_SMS_USERNAME, settings.NOTIFY_SMS_PASSWORD)
        reply = post_json(settings.NOTIFY_SMS_URL, body, headers=headers, timeout=settings.NOTIFY_SMS_TIMEOUT)
        for key in ("id", "message_id", "messageId", "ref"):
            if reply.get(key):
                return str(reply[key])
        return ""
