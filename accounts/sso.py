"""Single sign-on through a provincial OpenID Connect provider (docs/people.md, "Single sign-on").

Off unless ``OIDC_RP_CLIENT_ID`` is set. The provider proves who someone is; roles and scope stay ours.
A person is recognised by the provider's stable subject (``sub``) once a link exists. The first time an
unknown subject logs in, it is matched to an account by the username or phone number the provider
asserts, and only a manager who may manage that person turns the match into a link: never an e-mail
address, never silently. Until then, and for subjects that match nobody, the login is refused with a
message and nothing else is written.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from wagtail.log_actions import log

from . import audit
from .models import SsoIdentity, SsoLinkRequest, User
from .services import can_manage_person, manageable_people_filter
from .text import normalize_phone

logger = logging.getLogger(__name__)


def sso_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def provider_name() -> str:
    return settings.OIDC_PROVIDER_NAME or _("tài khoản của tỉnh")


class ProvincialOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, with our own matching; inert while single sign-on is off."""

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every login: without the settings there is nothing to read.
        if sso_enabled():
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not sso_enabled() or request is None or "username" in kwargs or "one_time_code" in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        # The subject in the verified ID token is the one we trust; userinfo must agree with it.
        if not self.verify_claims(claims) or claims.get("sub") != payload.get("sub"):
            self._refuse(_("Nhà cung cấp đăng nhập trả về thông tin không khớp. Hãy thử lại."))
            return None
        issuer = (payload.get("iss") or "").rstrip("/")
        if issuer != settings.OIDC_OP_ISSUER:
            logger.warning("OIDC login refused: issuer %r is not %r", issuer, settings.OIDC_OP_ISSUER)
            self._refuse(_("Nhà cung cấp đăng nhập không phải nhà cung cấp đã cấu hình."))
            return None
        outcome = sso_login(issuer=issuer, claims=claims)
        if outcome.user is None:
            self._refuse(outcome.message)
        return outcome.user

    def get_user(self, user_id):
        try:
            return User.objects.get(pk=user_id)
        except User.DoesNotExist:
            return None

    def _refuse(self, message: str) -> None:
        messages.error(self.request, message)


class Outcome:
    def __init__(self, user: User | None = None, message: str = ""):
        self.user = user
        self.message = message


def _match(claims: dict) -> tuple[User | None, str, str]:
    """The one account the provider's username or phone claim names, how it matched, or a refusal."""
    username = (claims.get("preferred_username") or "").strip()
    try:
        phone = normalize_phone(claims.get("phone_number")) or ""
    except ValidationError:
        phone = ""  # A number we cannot read matches nobody.
    found: dict[int, tuple[User, str]] = {}
    if username:
        for user in User.objects.filter(username__iexact=username):
            found[user.pk] = (user, SsoLinkRequest.MatchedBy.USERNAME)
    if phone:
        for user in User.objects.filter(phone=phone):
            found.setdefault(user.pk, (user, SsoLinkRequest.MatchedBy.PHONE))
    if len(found) > 1:
        return None, "", _("Tên đăng nhập và số điện thoại từ nhà cung cấp thuộc về hai tài khoản khác nhau.")
    if not found:
        return (
            None,
            "",
            _(
                "Tài khoản %(provider)s này chưa gắn với tài khoản nào trên Kỹ Năng Số. "
                "Hãy nhờ cán bộ quản lý của xã, phường kiểm tra tên đăng nhập hoặc số điện thoại của bạn."
            )
            % {"provider": provider_name()},
        )
    user, matched_by = next(iter(found.values()))
    return user, matched_by, ""


def sso_login(*, issuer: str, claims: dict) -> Outcome:
    """The person a verified login names: their linked account, or a pending request for a manager."""
    subject = str(claims["sub"])
    identity = SsoIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if identity is not None:
        if not identity.user.is_active:
            return Outcome(message=_("Tài khoản này đã bị khoá. Hãy liên hệ cán bộ quản lý."))
        return Outcome(identity.user)

    user, matched_by, refusal = _match(claims)
    if user is None:
        return Outcome(message=refusal)
    if not user.is_active:
        return Outcome(message=_("Tài khoản này đã bị khoá. Hãy liên hệ cán bộ quản lý."))
    if SsoIdentity.objects.filter(issuer=issuer, user=user).exists():
        # The account is already linked to another subject of this provider: a second person, or a
        # changed account at the provider; either way a manager has to look, not us.
        return Outcome(message=_("Tài khoản của bạn đã gắn với một tài khoản khác của nhà cung cấp này."))
    try:
        with transaction.atomic():
            SsoLinkRequest.objects.update_or_create(
                issuer=issuer,
                subject=subject,
                status=SsoLinkRequest.Status.PENDING,
                defaults={"user": user, "matched_by": matched_by, "claimed_name": (claims.get("name") or "")[:255]},
            )
    except IntegrityError:
        pass  # Two tabs at once: the other one wrote the same request.
    return Outcome(
        message=_(
            "Đã ghi nhận lần đăng nhập đầu tiên bằng %(provider)s. Cán bộ quản lý của xã, phường cần xác nhận "
            "đây là tài khoản của bạn; sau đó bạn đăng nhập lại bằng nút này."
        )
        % {"provider": provider_name()}
    )


def link_requests_for(actor: User):
    """Pending requests of the people ``actor`` may manage (scope and privilege), in one query."""
    pending = SsoLinkRequest.objects.filter(status=SsoLinkRequest.Status.PENDING)
    return list(pending.filter(manageable_people_filter(actor, "user")).select_related("user", "user__commune"))


def link_request_in_scope(actor: User, pk: int) -> SsoLinkRequest | None:
    request = SsoLinkRequest.objects.select_related("user").filter(pk=pk).first()
    if request is None or not can_manage_person(actor, request.user):
        return None
    return request


@transaction.atomic
def confirm_link(*, link_request: SsoLinkRequest, actor: User) -> SsoIdentity:
    """Store the provider's subject on the person: from now on it logs them in."""
    locked = SsoLinkRequest.objects.select_for_update().get(pk=link_request.pk)
    if locked.status != SsoLinkRequest.Status.PENDING:
        raise PermissionDenied(_("Yêu cầu này đã được xử lý."))
    if not can_manage_person(actor, locked.user):
        raise PermissionDenied(_("Bạn không quản lý người này."))
    if SsoIdentity.objects.filter(Q(issuer=locked.issuer) & (Q(subject=locked.subject) | Q(user=locked.user))).exists():
        raise PermissionDenied(_("Tài khoản này hoặc mã định danh này đã được liên kết."))
    identity = SsoIdentity.objects.create(
        user=locked.user, issuer=locked.issuer, subject=locked.subject, confirmed_by=actor
    )
    locked.status = SsoLinkRequest.Status.CONFIRMED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    log(locked.user, audit.SSO_LINK_CONFIRM, user=actor, data={"matched_by": locked.matched_by})
    return identity


@transaction.atomic
def reject_link(*, link_request: SsoLinkRequest, actor: User) -> None:
    locked = SsoLinkRequest.objects.select_for_update().get(pk=link_request.pk)
    if locked.status != SsoLinkRequest.Status.PENDING:
        raise PermissionDenied(_("Yêu cầu này đã được xử lý."))
    if not can_manage_person(actor, locked.user):
        raise PermissionDenied(_("Bạn không quản lý người này."))
    locked.status = SsoLinkRequest.Status.REJECTED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    log(locked.user, audit.SSO_LINK_REJECT, user=actor, data={"matched_by": locked.matched_by})


def provider_logout_url(request, id_token: str | None) -> str | None:
    """Where to send the browser after our logout so the provider ends its session too (RP-initiated logout)."""
    endpoint = getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", None) if sso_enabled() else None
    if not endpoint or not id_token:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": f"{settings.PUBLIC_BASE_URL}/",
        }
    )
    return f"{endpoint}?{query}"
