"""The test suite: SQLite and eager Celery by default; DATABASE_URL and CELERY_BROKER_URL are honoured."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key-kynangso-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "*")
os.environ.setdefault("PUBLIC_BASE_URL", "http://testserver")
os.environ.setdefault(
    "DATABASE_URL", "sqlite:///" + str(os.path.join(os.path.dirname(__file__), "..", "..", "var", "test.sqlite3"))
)
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Every channel on, none leaving the machine: SMS and Zalo are written to the log (docs/notifications.md).
os.environ.setdefault("NOTIFY_CHANNELS", "email,sms,zalo")
os.environ.setdefault("NOTIFY_SMS_BACKEND", "console")
os.environ.setdefault("NOTIFY_ZALO_BACKEND", "console")
# No rate limit unless a test sets one: the memory cache counts across the tests of a run.
for _channel in ("SMS", "ZALO", "EMAIL"):
    os.environ.setdefault(f"NOTIFY_RATE_{_channel}", "0")

from .base import *  # noqa: E402,F403

DEBUG = False
# Plain static storage: tests must not depend on a collectstatic manifest.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# django-axes refuses authenticate() without a request, which the test client's login() does not pass;
# this subclass lets client.login() through and enforces lockout exactly as axes does for real requests.
AUTHENTICATION_BACKENDS = ["tests.auth_backends.ClientLoginAxesBackend", *AUTHENTICATION_BACKENDS[1:]]  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
KNS_ALLOW_DEMO_DATA = True
# The broker URL, when set, is for the tests that start a real worker; everything
# else still runs eagerly so each test sees its task's effect at once.
# The real-worker test starts its worker with KNS_CELERY_EAGER=0 (tests/certificates/test_worker.py).
CELERY_TASK_ALWAYS_EAGER = env_bool("KNS_CELERY_EAGER", True)
# Serve static files straight from the source folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
