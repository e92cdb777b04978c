"""Reachability of the database, the cache and the broker, for /healthz/. Never raises."""

import logging
import uuid

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


def cache_status() -> str:
    """A write read back: page routes, outlines and rate limits live in the shared cache, and an app server
    that cannot reach it would serve stale pages, so the balancer should take it out. The key is unique
    per check (app servers check at the same time) and expires on its own."""
    key = f"kns:healthz:{uuid.uuid4().hex}"
    try:
        from django.core.cache import cache

        cache.set(key, "ok", timeout=10)
        value = cache.get(key)
        cache.delete(key)
    except Exception:  # noqa: BLE001
        logger.warning("healthz: cache unreachable", exc_info=True)
        return "unreachable"
    return "ok" if value == "ok" else "unreachable"


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
