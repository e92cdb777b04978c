"""Local development: SQLite, Celery eager, console e-mail, unless the environment says otherwise."""

import os

# Fake values for a laptop only; production.py never sees them.
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-kynangso-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
os.environ.setdefault("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
os.environ.setdefault(
    "DATABASE_URL", "sqlite:///" + str(os.path.join(os.path.dirname(__file__), "..", "..", "db.sqlite3"))
)
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

from .base import *  # noqa: E402,F403

DEBUG = True
INTERNAL_IPS = ["127.0.0.1"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
KNS_ALLOW_DEMO_DATA = True
# Serve static files straight from the source folders, without collectstatic.
# Every channel on, none leaving the machine: SMS and Zalo are written to the log (docs/notifications.md).
os.environ.setdefault("NOTIFY_CHANNELS", "sms,zalo,email")
os.environ.setdefault("NOTIFY_SMS_BACKEND", "console")
os.environ.setdefault("NOTIFY_ZALO_BACKEND", "console")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
