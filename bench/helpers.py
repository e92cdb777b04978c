"""Small tools for scenario setup hooks: log a user in, pass CSRF, encode a form.

They run in the bench process against the bench database, so what they create (a session
row, a user) is what the gunicorn workers read.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory


def session_cookie(user) -> str:
    """A ``name=value`` cookie for a session in which ``user`` is logged in.

    The session is stored by the configured session engine; with a per-process cache
    engine the gunicorn workers could not see it, which is why sessions live in the database.
    """
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def csrf_pair() -> tuple[str, str]:
    """A CSRF cookie (``name=value``) and the matching form token, as a browser would hold them."""
    request = RequestFactory().get("/")
    token = get_token(request)
    return f"{settings.CSRF_COOKIE_NAME}={request.META['CSRF_COOKIE']}", token


def cookie_header(*cookies: str) -> dict[str, str]:
    return {"Cookie": "; ".join(cookies)}


def form_post(fields: dict[str, str] | list[tuple[str, str]]) -> tuple[bytes, dict[str, str]]:
    """An urlencoded body and its Content-Type header; wrk adds Content-Length."""
    return urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
