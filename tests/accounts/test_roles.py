import pytest
from django.contrib.auth.models import Group

from accounts.roles import ROLES, sync_roles


@pytest.mark.django_db
def test_sync_roles_is_idempotent_and_creates_every_role():
    first = {name: set(group.permissions.values_list("codename", flat=True)) for name, group in sync_roles().items()}
    second = {name: set(group.permissions.values_list("codename", flat=True)) for name, group in sync_roles().items()}
    assert first == second
    assert set(Group.objects.filter(name__in=ROLES).values_list("name", flat=True)) == set(ROLES)


@pytest.mark.django_db
def test_role_permissions_fit_each_role():
    groups = sync_roles()
    perms = {
        name: set(group.permissions.values_list("content_type__app_label", "codename"))
        for name, group in groups.items()
    }
    assert ("wagtailadmin", "access_admin") in perms["Trainers"]
    assert ("wagtailadmin", "access_admin") in perms["Managers"]
    assert ("accounts", "change_user") in perms["Managers"]
    # History is kept: managers deactivate people, never delete them.
    assert ("accounts", "delete_user") not in perms["Managers"]
    assert ("accounts", "change_user") not in perms["Trainers"]
    assert perms["Cadres"] == set()
    assert perms["Team leaders"] == set()


@pytest.mark.django_db
def test_a_removed_permission_is_taken_back(django_user_model):
    groups = sync_roles()
    from django.contrib.auth.models import Permission

    groups["Cadres"].permissions.add(Permission.objects.get(codename="access_admin"))
    sync_roles()
    assert not Group.objects.get(name="Cadres").permissions.exists()
