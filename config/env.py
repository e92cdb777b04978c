"""Reading settings from the environment, failing at start with one clear sentence.

Every helper raises ``ImproperlyConfigured`` naming the variable and what was
expected, so a misconfigured server stops before it serves a single request.
"""

import os
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str, default=_MISSING) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"The environment variable {name} is required but is not set.")
        return default
    return value.strip()


def env_str(name: str, default=_MISSING) -> str:
    return _raw(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = _raw(name, None)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"The environment variable {name} must be true or false, not {value!r}.")


def env_int(name: str, default=_MISSING) -> int:
    value = _raw(name, default)
    if isinstance(value, int):
        return value
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"The environment variable {name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default=_MISSING) -> list[str]:
    value = _raw(name, default)
    if isinstance(value, list):
        return value
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url(name: str, default=_MISSING, *, schemes: tuple[str, ...]) -> str:
    value = _raw(name, default)
    if value is None:
        return value
    parsed = urlparse(value)
    if parsed.scheme not in schemes or not (parsed.netloc or parsed.path):
        raise ImproperlyConfigured(
            f"The environment variable {name} must be a URL starting with "
            f"{' or '.join(s + '://' for s in schemes)}, not {value!r}."
        )
    return value


def env_database(name: str = "DATABASE_URL", default=_MISSING) -> dict:
    import dj_database_url

    value = env_url(name, default, schemes=("postgres", "postgresql", "sqlite"))
    try:
        config = dj_database_url.parse(value, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"The environment variable {name} is not a valid database URL: {exc}") from None
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Health checks keep persistent connections honest after a database restart.
        config["CONN_HEALTH_CHECKS"] = True
    elif config["ENGINE"] == "django.db.backends.sqlite3":
        # A transaction that reads and then writes fails at once on SQLite when another request is
        # writing; taking the write lock at BEGIN (and waiting for it) serialises them instead.
        config.setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
        # Persistent like PostgreSQL's (DATABASE_CONN_MAX_AGE): reopening the file and setting it up
        # cost ~2 ms of CPU a request. Django keeps one connection per thread and never shares it;
        # runserver closes each request thread's connection itself, gunicorn's sync workers keep one.
    return config
