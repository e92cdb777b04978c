"""A cadre who forgot the password asks for a one-time code, sent by SMS or messaging app, not e-mail.

The public form takes a username or a phone number. Whatever was typed, the person sees the same
answer, so the form never tells whether an account exists. Requests are limited per client address
(the form answers 429 past the limit: that says nothing about any account) and per account (past the
limit, nothing is sent, silently). A code sent this way revokes any code still open for the person
(a printed sheet's included), expires after ``KNS_MESSAGE_CODE_HOURS`` and is spent on the
code-login page like any other one-time code.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from . import audit
from .backends import find_login_user
from .login_sheets_pdf import code_login_url
from .models import OneTimeLogin, User
from .ratelimit import hit
from .services import format_code, one_time_codes_issue

logger = logging.getLogger(__name__)


def address_allowed(address: str) -> bool:
    """Count one request from ``address``; False past ``KNS_CODE_REQUEST_PER_ADDRESS`` in the window."""
    return hit(
        f"code-request:address:{address}",
        limit=settings.KNS_CODE_REQUEST_PER_ADDRESS,
        window=settings.KNS_CODE_REQUEST_WINDOW,
    )


def _account_allowed(user: User) -> bool:
    return hit(
        f"code-request:user:{user.pk}",
        limit=settings.KNS_CODE_REQUEST_PER_ACCOUNT,
        window=settings.KNS_CODE_REQUEST_WINDOW,
    )


def _eligible(user: User | None) -> bool:
    # Administrators recover their accounts another way; an inactive account gets nothing.
    return user is not None and user.is_active and not user.is_superuser


class _NotDelivered(Exception):
    """Nothing could be sent (no phone or address for any channel): undo the new code."""


def one_time_code_request(*, identifier: str) -> bool:
    """Send a fresh one-time code to the person ``identifier`` names, if any; True if one was queued.

    The caller shows the same answer whatever this returns. When no channel can reach the person,
    the new code is rolled back, so a code they still hold (a printed sheet's) keeps working.
    """
    user = find_login_user(identifier)
    if not _eligible(user) or not _account_allowed(user):
        return False
    try:
        with transaction.atomic():
            _issue_and_send(user)
    except _NotDelivered:
        logger.info("one-time code for user %s: no channel reaches them", user.pk)
        return False
    return True


def _issue_and_send(user: User) -> None:
    from notifications.services import notify

    hours = settings.KNS_MESSAGE_CODE_HOURS
    codes = one_time_codes_issue(
        user_ids=[user.pk],
        actor=None,
        expires_at=timezone.now() + dt.timedelta(hours=hours),
        purpose=OneTimeLogin.Purpose.RESET,
    )
    message = notify(
        user,
        "one_time_code",
        {
            "code": format_code(codes[user.pk]),
            "username": user.username,
            "hours": hours,
            "url": code_login_url(user.username),
        },
    )
    if message is None:
        raise _NotDelivered
    log(user, audit.ONE_TIME_CODE_REQUEST, user=user, data={"channel": getattr(message, "channel", "")})
