"""Channel backends. Each has ``send(message) -> provider reference`` and raises
``Transient`` (timeouts, 5xx: try again later) or ``Refused`` (4xx, API error: give up)."""

from django.conf import settings
from django.utils.module_loading import import_string


class SendError(Exception):
    """The backend could not send; ``str(exc)`` is the reason recorded on the message."""


class Transient(SendError):
    """Worth another try later: timeout, connection refused, 5xx, 429."""


class Refused(SendError):
    """Trying again would get the same answer: 4xx, an API error, a bad number, no template."""


# Short names accepted in NOTIFY_<CHANNEL>_BACKEND.
SHORT_NAMES = {
    "console": "notifications.backends.console.ConsoleBackend",
    "django": "notifications.backends.email.DjangoMailBackend",
    "http": None,  # per channel, below
}
HTTP_BACKENDS = {
    "sms": "notifications.backends.sms.HttpSmsBackend",
    "zalo": "notifications.backends.zalo.ZaloBackend",
    "email": "notifications.backends.email.DjangoMailBackend",
}


def backend_path(channel: str) -> str:
    name = settings.NOTIFY_BACKENDS.get(channel, "console")
    if name == "http":
        return HTTP_BACKENDS[channel]
    return SHORT_NAMES.get(name) or name


def get_backend(channel: str):
    return import_string(backend_path(channel))()
