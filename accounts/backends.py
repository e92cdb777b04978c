"""Cadres log in with their username or their phone number, in any common form."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from .text import looks_like_phone, nfc, normalize_phone


class UsernameOrPhoneBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not username or password is None:
            return None
        identifier = nfc(username)
        user = User._default_manager.filter(username__iexact=identifier).first()
        if user is None and looks_like_phone(identifier):
            try:
                phone = normalize_phone(identifier)
            except ValidationError:
                phone = None
            if phone:
                user = User._default_manager.filter(phone=phone).first()
        if user is None:
            # Spend the same time hashing as for a real user, so timing does not reveal which part was wrong.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
