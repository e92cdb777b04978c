"""Cadres log in with their username or their phone number, in any common form, or once with a one-time code."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router

from .db_rows import instance_from_row, select_columns
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


def user_with_roles(user_id):
    """The user with this id and the names of their groups (roles), read in one query; None if none.

    Django reads ``request.user`` by primary key on every request, and the header then asks for the
    user's roles (``accounts.roles.user_roles``): two queries, most of whose cost was the ORM building
    them. Here one hand-written SELECT, its columns taken from the model, joins the user to their groups;
    the roles are read with the user on every request, so a role given or taken shows on the next one.
    """
    User = get_user_model()
    alias = router.db_for_read(User)
    try:
        pk = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    with connections[alias].cursor() as cursor:
        cursor.execute(_user_with_roles_sql(alias), [pk])
        rows = cursor.fetchall()
    if not rows:
        return None
    user = instance_from_row(User, alias, rows[0][:-1])
    user._kns_roles = {row[-1] for row in rows if row[-1] is not None}
    return user


@functools.cache
def _user_with_roles_sql(alias: str) -> str:
    User = get_user_model()
    groups = User._meta.get_field("groups")
    through = groups.remote_field.through._meta
    group = groups.related_model._meta
    pk = User._meta.pk.column
    q = connections[alias].ops.quote_name
    # Only names from the models, quoted; the id is a parameter.
    return (
        f"SELECT {select_columns(User, alias, 'u')}, g.{q('name')} "  # noqa: S608
        f"FROM {q(User._meta.db_table)} u "
        f"LEFT JOIN {q(through.db_table)} ug ON ug.{q(groups.m2m_column_name())} = u.{q(pk)} "
        f"LEFT JOIN {q(group.db_table)} g ON g.{q(group.pk.column)} = ug.{q(groups.m2m_reverse_name())} "
        f"WHERE u.{q(pk)} = %s"
    )


class UserWithRolesMixin:
    """``request.user`` and its roles in one query (``user_with_roles``), for the backends sessions record."""

    def get_user(self, user_id):
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class UsernameOrPhoneBackend(UserWithRolesMixin, ModelBackend):
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


class OneTimeCodeBackend(UserWithRolesMixin, ModelBackend):
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
