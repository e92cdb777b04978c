import unicodedata

import pytest
from django.db import IntegrityError

from accounts.models import ManagerScope, User
from tests.factories import CommuneFactory, UserFactory


@pytest.mark.django_db
def test_user_has_one_full_name_and_no_first_or_last_name():
    user = UserFactory(full_name=unicodedata.normalize("NFD", "Đặng Thị Hồng Nhung"))
    user.refresh_from_db()
    assert user.full_name == "Đặng Thị Hồng Nhung"
    assert user.get_full_name() == "Đặng Thị Hồng Nhung"
    assert user.get_short_name() == "Nhung"
    assert {"first_name", "last_name"}.isdisjoint(f.name for f in type(user)._meta.get_fields())


@pytest.mark.django_db
def test_phone_is_normalised_and_unique_when_present():
    UserFactory(phone="0912 345 678")
    assert User.objects.filter(phone="+84912345678").count() == 1
    with pytest.raises(IntegrityError):
        UserFactory(phone="+84 912 345 678")


@pytest.mark.django_db
def test_many_users_without_phone_are_allowed():
    UserFactory(phone="")
    UserFactory(phone=None)
    assert User.objects.filter(phone__isnull=True).count() >= 2


@pytest.mark.django_db
def test_manager_scope_names_exactly_one_locality():
    commune = CommuneFactory()
    user = UserFactory()
    with pytest.raises(IntegrityError):
        ManagerScope.objects.create(user=user, province=commune.province, commune=commune)
