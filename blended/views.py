"""The cadre's side of check-in: the URL in the QR code. Thin: checks the code and calls a service.

GET (what the phone's camera opens) checks the scanned code and shows the session with one button,
"Có mặt"; it writes nothing. The page carries a ticket signed for this account, this session and
the window of the code, valid five minutes, so a slow tap still counts while the code itself lives
a minute at most. POST records the attendance (once: a unique constraint).

A phone that checked one account in to a session refuses to check another account in to the same
session (a signed cookie lists the check-ins made from this browser): one phone cannot be passed
round to sign in absent colleagues. docs/training-sessions.md says what this does and does not stop.
"""

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.access import LOGGED_IN, access

from . import services
from .checkin import BadCode, read_token
from .models import TrainingSession

TICKET_SALT = "kns.blended.ticket"
TICKET_MAX_AGE = 300
DEVICE_COOKIE = "kns_checkins"
DEVICE_SALT = "kns.blended.device"
DEVICE_MAX_AGE = 2 * 24 * 3600
DEVICE_KEEP = 20

TICKET_BAD = gettext_lazy("Phiên điểm danh đã hết hạn. Hãy quét lại mã QR trên màn hình của giảng viên.")
OTHER_ACCOUNT = gettext_lazy("Mã này được mở bằng một tài khoản khác. Hãy tự quét mã QR bằng tài khoản của bạn.")
DEVICE_USED = gettext_lazy(
    "Điện thoại này đã điểm danh cho một tài khoản khác ở buổi học này. Mỗi người điểm danh bằng điện thoại của mình; "
    "nếu không có điện thoại, hãy báo giảng viên."
)


def _device_checkins(request) -> list[tuple[int, int]]:
    raw = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    pairs = []
    for item in raw.split(","):
        session_id, _sep, user_id = item.partition(":")
        if session_id.isdigit() and user_id.isdigit():
            pairs.append((int(session_id), int(user_id)))
    return pairs


def _refuse(request, message, session=None, status=400):
    return TemplateResponse(request, "blended/checkin.html", {"error": str(message), "session": session}, status=status)


@access(LOGGED_IN)
@require_http_methods(["GET", "POST"])
def checkin(request, token):
    if request.method == "POST":
        return _confirm(request)
    try:
        scanned = read_token(token)
    except BadCode as bad:
        return _refuse(request, bad.message)
    session = TrainingSession.objects.filter(pk=scanned.session_id).select_related("commune").first()
    if session is None:
        return _refuse(request, _("Không tìm thấy buổi học của mã này."), status=404)
    ticket = signing.dumps({"s": session.pk, "u": request.user.pk, "w": scanned.window}, salt=TICKET_SALT)
    return TemplateResponse(request, "blended/checkin.html", {"session": session, "ticket": ticket})


def _confirm(request):
    try:
        ticket = signing.loads(request.POST.get("ticket", ""), salt=TICKET_SALT, max_age=TICKET_MAX_AGE)
        session_id, user_id, window = int(ticket["s"]), int(ticket["u"]), int(ticket["w"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return _refuse(request, TICKET_BAD)
    if user_id != request.user.pk:
        return _refuse(request, OTHER_ACCOUNT, status=403)
    session = get_object_or_404(TrainingSession.objects.select_related("commune"), pk=session_id)
    device = _device_checkins(request)
    if any(s == session.pk and u != request.user.pk for s, u in device):
        return _refuse(request, DEVICE_USED, session=session, status=403)
    try:
        attendance, created = services.attendance_checkin(session=session, user=request.user, window=window)
    except (ValidationError, PermissionDenied) as error:
        message = error.messages[0] if isinstance(error, ValidationError) else str(error)
        return _refuse(request, message, session=session, status=403)
    response = TemplateResponse(
        request, "blended/checkin.html", {"session": session, "attendance": attendance, "created": created}
    )
    device = [pair for pair in device if pair != (session.pk, request.user.pk)] + [(session.pk, request.user.pk)]
    response.set_signed_cookie(
        DEVICE_COOKIE,
        ",".join(f"{s}:{u}" for s, u in device[-DEVICE_KEEP:]),
        salt=DEVICE_SALT,
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
