"""The test suite: SQLite and eager Celery by default; DATABASE_URL and CELERY_BROKER_URL are honoured."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key-kynangso-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "*")
os.environ.setdefault("PUBLIC_BASE_URL", "http://testserver")
os.environ.setdefault(
    "DATABASE_URL", "sqlite:///" + str(os.path.join(os.path.dirname(__file__), "..", "..", "var", "test.sqlite3"))
)
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from .base import *  # noqa: E402,F403

DEBUG = False
# Plain static storage: tests must not depend on a collectstatic manifest.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
KNS_ALLOW_DEMO_DATA = True
# The broker URL, when set, is for the tests that start a real worker; everything
# else still runs eagerly so each test sees its task's effect at once.
CELERY_TASK_ALWAYS_EAGER = True
# Serve static files straight from the source folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
