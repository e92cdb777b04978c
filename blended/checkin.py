"""The rotating QR code of a session's check-in screen, and the check of a scanned code.

A code is the session id and a time window (``WINDOW_SECONDS`` long, counted from the Unix epoch),
signed with the site's secret key (``django.core.signing``, salted for this use only): it cannot be
made for another session or another window without the key. A scanned code is accepted in its own
window and the next one (``ACCEPTED_WINDOWS``), so a code is good for 30 to 60 seconds after it
appears: time to point a phone's camera, open the link, and for a little clock difference between
app servers. Older codes, codes of another session and forged codes are refused, each with its own
message (docs/training-sessions.md says what this protects against and what it does not).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

WINDOW_SECONDS = 30
# The window the code was shown in and the one after it.
ACCEPTED_WINDOWS = 2
SALT = "kns.blended.checkin"

EXPIRED = _("Mã QR này đã hết hạn. Hãy quét lại mã đang hiện trên màn hình của giảng viên.")
FORGED = _("Mã QR không hợp lệ. Hãy quét lại mã đang hiện trên màn hình của giảng viên.")
OTHER_SESSION = _("Mã QR này thuộc một buổi học khác.")


def current_window(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // WINDOW_SECONDS)


def seconds_left(now: float | None = None) -> int:
    now = time.time() if now is None else now
    return WINDOW_SECONDS - int(now % WINDOW_SECONDS)


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT, sep=".")


def make_token(session_id: int, window: int | None = None) -> str:
    window = current_window() if window is None else window
    return _signer().sign(f"{session_id}-{window}")


def checkin_url(token: str) -> str:
    return settings.PUBLIC_BASE_URL + reverse("blended:checkin", kwargs={"token": token})


@dataclass(frozen=True)
class Scanned:
    session_id: int
    window: int


class BadCode(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def read_token(token: str, *, session_id: int | None = None, now: float | None = None) -> Scanned:
    """The session and window of a scanned code, or ``BadCode`` with the message to show."""
    try:
        value = _signer().unsign(token)
        session_part, window_part = value.split("-", 1)
        scanned = Scanned(int(session_part), int(window_part))
    except (signing.BadSignature, ValueError):
        raise BadCode(FORGED) from None
    if session_id is not None and scanned.session_id != session_id:
        raise BadCode(OTHER_SESSION)
    current = current_window(now)
    if not (current - ACCEPTED_WINDOWS < scanned.window <= current):
        raise BadCode(EXPIRED)
    return scanned
