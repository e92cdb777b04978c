"""Local development: SQLite, Celery eager, console e-mail, unless the environment says otherwise."""

import os

# Fake values for a laptop only; production.py never sees them.
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-kynangso-not-for-production")
# `make run HOST=… PORT=…` passes where runserver listens; links made outside a request (certificate QR
# codes and addresses, e-mails) follow it unless PUBLIC_BASE_URL is set. A wildcard bind address is
# not an address a phone can open, so it falls back to 127.0.0.1: set PUBLIC_BASE_URL for a LAN demo.
_host = os.environ.get("HOST") or "127.0.0.1"
_port = os.environ.get("PORT") or "8000"
_link_host = "127.0.0.1" if _host in ("0.0.0.0", "::", "[::]") else _host  # noqa: S104 (a comparison, not a bind)
if ":" in _link_host and not _link_host.startswith("["):
    _link_host = f"[{_link_host}]"  # an IPv6 literal in a URL
os.environ.setdefault("ALLOWED_HOSTS", ",".join(dict.fromkeys(["127.0.0.1", "localhost", "[::1]", _link_host])))
os.environ.setdefault("PUBLIC_BASE_URL", f"http://{_link_host}:{_port}")
os.environ.setdefault(
    "DATABASE_URL", "sqlite:///" + str(os.path.join(os.path.dirname(__file__), "..", "..", "db.sqlite3"))
)
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Every channel on, none leaving the machine: SMS and Zalo are written to the log (docs/notifications.md).
os.environ.setdefault("NOTIFY_CHANNELS", "sms,zalo,email")
os.environ.setdefault("NOTIFY_SMS_BACKEND", "console")
os.environ.setdefault("NOTIFY_ZALO_BACKEND", "console")

from .base import *  # noqa: E402,F403

DEBUG = True
INTERNAL_IPS = ["127.0.0.1"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
KNS_ALLOW_DEMO_DATA = True
# Serve static files straight from the source folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
