"""Which communes, people and provinces each kind of manager may see (accounts/scopes.py).

Views and admin querysets rely on these helpers for every scoped listing and every object reached by
id; each test names what a manager would see or be refused.
"""

import pytest

from accounts.models import ManagerScope, User
from accounts.scopes import (
    commune_filter,
    commune_in_scope,
    communes_in_scope,
    is_manager,
    province_filter,
    sees_everything,
    user_in_scope,
)
from localities.models import Commune, Province
from tests.factories import CommuneFactory, ProvinceFactory, UserFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return set(queryset.values_list("name", flat=True))


def test_a_province_manager_sees_every_commune_of_the_province_and_no_other(world):
    seen = communes_in_scope(world.manager_a)
    assert world.commune_a1 in seen and world.commune_a2 in seen
    assert world.commune_b1 not in seen
    assert not Commune.objects.filter(province=world.province_b).filter(commune_filter(world.manager_a)).exists()


def test_a_commune_manager_sees_only_their_commune(world):
    assert list(communes_in_scope(world.commune_manager_a1)) == [world.commune_a1]


def test_someone_without_a_scope_sees_nothing_and_a_superuser_everything(world):
    assert not communes_in_scope(world.cadre).exists()
    assert not communes_in_scope(world.trainer).exists()
    assert communes_in_scope(world.superuser).count() == Commune.objects.count()


def test_a_manager_with_a_province_and_a_commune_elsewhere_sees_both(world):
    ManagerScope.objects.create(user=world.manager_a, commune=world.commune_b1)
    world.manager_a._kns_scopes = None  # the scope rows are remembered on the user object for one request
    seen = communes_in_scope(world.manager_a)
    assert {world.commune_a1, world.commune_a2, world.commune_b1} <= set(seen)


def test_people_are_filtered_through_the_path_to_their_commune(world):
    in_a1 = User.objects.filter(commune_filter(world.commune_manager_a1, "commune"))
    assert world.cadre in in_a1 and world.leader in in_a1
    assert world.manager_b not in in_a1
    in_a = User.objects.filter(commune_filter(world.manager_a, "commune"))
    assert world.cadre in in_a and world.manager_b not in in_a
    assert world.trainer not in in_a  # no commune: outside every manager's scope
    assert User.objects.filter(commune_filter(world.superuser, "commune")).count() == User.objects.count()


def test_commune_in_scope_answers_for_one_commune(world):
    assert commune_in_scope(world.manager_a, world.commune_a2)
    assert not commune_in_scope(world.manager_a, world.commune_b1)
    assert commune_in_scope(world.commune_manager_a1, world.commune_a1)
    assert not commune_in_scope(world.commune_manager_a1, world.commune_a2)
    assert not commune_in_scope(world.cadre, world.commune_a1)
    assert commune_in_scope(world.superuser, world.commune_b1)


def test_a_commune_manager_does_not_reach_a_commune_of_another_province(world):
    # A province and a commune are different tables; only a commune's own id or its province matches.
    other = CommuneFactory(province=world.province_b)
    assert not commune_in_scope(world.commune_manager_a1, other)


def test_people_without_a_commune_are_reached_only_by_a_superuser(world):
    assert not user_in_scope(world.manager_a, world.trainer)
    assert not commune_in_scope(world.manager_a, None)
    assert user_in_scope(world.superuser, world.trainer)
    assert user_in_scope(world.manager_a, world.cadre)
    assert not user_in_scope(world.manager_b, world.cadre)


def test_an_inactive_or_anonymous_superuser_flag_grants_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    world.superuser.is_active = False
    assert not sees_everything(world.superuser)
    assert not commune_in_scope(world.superuser, world.commune_a1)
    assert not sees_everything(AnonymousUser())
    assert sees_everything(UserFactory(is_superuser=True))


def test_only_managers_are_managers(world):
    assert is_manager(world.manager_a) and is_manager(world.commune_manager_a1)
    assert not is_manager(world.cadre) and not is_manager(world.trainer)


def test_province_filter_gives_the_provinces_a_manager_works_in(world):
    assert names(Province.objects.filter(province_filter(world.manager_a))) == {"Tỉnh Alpha"}
    # A commune manager sees their commune's province (for the province column and filters).
    assert names(Province.objects.filter(province_filter(world.commune_manager_a1))) == {"Tỉnh Alpha"}
    assert not Province.objects.filter(province_filter(world.cadre)).exists()
    assert Province.objects.filter(province_filter(world.superuser)).count() == Province.objects.count()


def test_province_filter_follows_a_path_to_the_province(world):
    ProvinceFactory(name="Tỉnh Gamma")
    communes = Commune.objects.filter(province_filter(world.commune_manager_a1, "province"))
    assert set(communes) == set(Commune.objects.filter(province=world.province_a))
    assert world.commune_b1 not in communes


def test_a_manager_of_a_province_and_of_a_commune_elsewhere_works_in_both_provinces(world):
    ManagerScope.objects.create(user=world.manager_a, commune=world.commune_b1)
    assert names(Province.objects.filter(province_filter(world.manager_a))) == {"Tỉnh Alpha", "Tỉnh Beta"}


def test_checking_a_page_of_people_reads_the_managers_scope_once(world, django_assert_num_queries):
    # A listing checks every row it shows; the scope rows are read once per request, not once per person.
    people = [world.cadre, world.leader, world.manager_b, world.commune_manager_a1]
    with django_assert_num_queries(1):
        seen = [user_in_scope(world.manager_a, person) for person in people]
    assert seen == [True, True, False, True]
