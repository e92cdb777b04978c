"""Reachability of the database and the broker, for /healthz/. Never raises."""

import logging

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - a health check reports every failure instead of raising
        logger.warning("healthz: database unreachable", exc_info=True)
        return "unreachable"
    return "ok"


def broker_status(timeout: float = 2.0) -> str:
    url = settings.CELERY_BROKER_URL
    if not url:
        return "eager"
    try:
        from kombu import Connection

        with Connection(url, connect_timeout=timeout, transport_options={"socket_timeout": timeout}) as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
    except Exception:  # noqa: BLE001
        logger.warning("healthz: broker unreachable", exc_info=True)
        return "unreachable"
    return "ok"
