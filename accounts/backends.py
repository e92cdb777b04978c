"""Cadres log in with their username or their phone number, in any common form, or once with a one-time code."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from .text import looks_like_phone, nfc, normalize_phone


def find_login_user(identifier: str):
    """The user a login identifier names: a username (any case) or a phone number (any common form)."""
    User = get_user_model()
    identifier = nfc(identifier)
    if not identifier:
        return None
    user = User._default_manager.filter(username__iexact=identifier).first()
    if user is None and looks_like_phone(identifier):
        try:
            phone = normalize_phone(identifier)
        except ValidationError:
            phone = None
        if phone:
            user = User._default_manager.filter(phone=phone).first()
    return user


def lockout_username(request, credentials) -> str:
    """The key django-axes counts failures under: one per person, however the name or number was typed.

    A username in any case and the person's phone number in any form all count as that person's
    username (lower case), so varying the spelling buys no extra attempts, and a successful login
    clears them all.
    """
    identifier = nfc((credentials or {}).get("username") or "")
    if not identifier:
        return ""
    user = find_login_user(identifier)
    if user is not None:
        return user.username.lower()
    if looks_like_phone(identifier):
        try:
            return normalize_phone(identifier) or identifier.lower()
        except ValidationError:
            pass
    return identifier.lower()


class UsernameOrPhoneBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not username or password is None:
            return None
        user = find_login_user(username)
        if user is None:
            # Spend the same time hashing as for a real user, so timing does not reveal which part was wrong.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class OneTimeCodeBackend(ModelBackend):
    """Logs a cadre in once with a one-time link (``one_time_token``) or a code typed with their username or phone.

    The link or code is spent on success (a conditional UPDATE, so two tabs cannot both use it).
    Failures go through ``authenticate()``, so django-axes counts and locks them like passwords.
    """

    def authenticate(self, request, username=None, one_time_code=None, one_time_token=None, **kwargs):
        from .services import one_time_login_consume_code, one_time_login_consume_token

        if one_time_token:
            user = one_time_login_consume_token(token=one_time_token)
        elif one_time_code and username:
            user = find_login_user(username)
            if user is None:
                return None
            user = one_time_login_consume_code(user=user, code=one_time_code)
        else:
            return None
        if user is not None and self.user_can_authenticate(user):
            return user
        return None
