"""The Celery app. Workers and beat start with ``celery -A config worker|beat``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("kynangso")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
