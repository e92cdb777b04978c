"""A per-address rate limit on the login forms, with the cache (Redis in production).

django-axes locks out one username from one address after a few failures; this limit also
stops one address from trying many usernames, or from sending a flood of password-reset
e-mails. It counts POSTs to the forms below in fixed windows; over the limit, the form answers
429 with a page in Vietnamese. Settings: KNS_LOGIN_RATE_LIMIT posts per KNS_LOGIN_RATE_WINDOW
seconds (docs/configuration.md). A commune office behind one address shares one budget, so the
default is generous (60 posts in 10 minutes).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse

# Every view that logs someone in or checks a password (tests/accounts/test_perimeter.py walks the URL
# resolver for views that call ``authenticate`` or ``login`` and fails when one is missing here).
# Wagtail's ``/_util/login/`` is the login form of its preview and session-expiry dialog; the
# ``authenticate_with_password`` views check the shared password of a private page or collection;
# the reset-confirm views can log the person in once the new password is set.
LIMITED_VIEWS = frozenset(
    {
        "accounts:login",
        "accounts:code_login",
        "accounts:code_request",
        "accounts:one_time_link",
        "accounts:password_reset",
        "accounts:password_reset_confirm",
        "wagtailadmin_login",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_confirm",
        "wagtailcore_login",
        "wagtailcore_authenticate_with_password",
        "wagtaildocs_authenticate_with_password",
        "accounts:sso_callback",
    }
)
# The single sign-on callback logs someone in on a GET (the provider redirects the browser there).
LIMITED_ON_GET = frozenset({"accounts:sso_callback"})


def client_address(request) -> str:
    """The client's address as django-axes sees it (honouring KNS_TRUSTED_PROXY_COUNT)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "unknown"


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one event under ``key``; False once more than ``limit`` happened in the current window."""
    bucket = f"kns:rl:{key}:{int(time.time() // window)}"
    cache.add(bucket, 0, timeout=window + 5)
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, timeout=window + 5)
        count = 1
    return count <= limit


class LoginRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in LIMITED_VIEWS:
            return None
        if request.method != "POST" and match.view_name not in LIMITED_ON_GET:
            return None
        allowed = hit(
            f"login:{client_address(request)}",
            limit=settings.KNS_LOGIN_RATE_LIMIT,
            window=settings.KNS_LOGIN_RATE_WINDOW,
        )
        if allowed:
            return None
        response = TemplateResponse(
            request,
            "accounts/rate_limited.html",
            {"minutes": max(1, settings.KNS_LOGIN_RATE_WINDOW // 60)},
            status=429,
        )
        response["Retry-After"] = str(settings.KNS_LOGIN_RATE_WINDOW)
        return response
