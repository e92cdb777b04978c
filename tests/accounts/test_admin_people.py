"""Managers manage people in the Wagtail admin, inside their scope only."""

import pytest
from django.urls import reverse

from accounts.models import User


@pytest.mark.django_db
def test_manager_creates_a_cadre_without_email_or_first_and_last_name(client, world):
    client.force_login(world.manager_a)
    cadres = world.cadre.groups.get(name="Cadres")
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "hoa.le",
            "full_name": "Lê Thị Hoa",
            "phone": "0987 654 321",
            "email": "",
            "position": "Trưởng thôn",
            "commune": world.commune_a2.pk,
            "password1": "Hoc-ky-nang-so-2026",
            "password2": "Hoc-ky-nang-so-2026",
            "groups": [cadres.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    hoa = User.objects.get(username="hoa.le")
    assert hoa.phone == "+84987654321"
    assert hoa.commune == world.commune_a2
    assert list(hoa.groups.values_list("name", flat=True)) == ["Cadres"]
    assert not hoa.is_superuser


@pytest.mark.django_db
def test_manager_cannot_place_a_cadre_outside_the_scope(client, world):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "ngoai.pham.vi",
            "full_name": "Người Ngoài Phạm Vi",
            "commune": world.commune_b1.pk,
            "password1": "Hoc-ky-nang-so-2026",
            "password2": "Hoc-ky-nang-so-2026",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="ngoai.pham.vi").exists()


@pytest.mark.django_db
def test_manager_cannot_make_anyone_a_superuser_or_a_manager(client, world):
    client.force_login(world.manager_a)
    managers = world.manager_a.groups.get(name="Managers")
    response = client.post(
        reverse("wagtailusers_users:edit", args=[world.cadre.pk]),
        {
            "username": world.cadre.username,
            "full_name": world.cadre.full_name,
            "commune": world.commune_a1.pk,
            "is_active": "on",
            "is_superuser": "on",
            "groups": [managers.pk],
        },
    )
    world.cadre.refresh_from_db()
    assert not world.cadre.is_superuser
    assert not world.cadre.groups.filter(name="Managers").exists()
    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_out_of_scope_person_is_not_found(client, world):
    client.force_login(world.manager_b)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[world.cadre.pk]),
        {"username": world.cadre.username, "full_name": "Bị Sửa Trộm", "commune": world.commune_b1.pk},
    )
    assert response.status_code == 404
    world.cadre.refresh_from_db()
    assert world.cadre.full_name == "Trần Thị Học Viên"


@pytest.mark.django_db
def test_duplicate_phone_is_refused_with_a_message(client, world):
    world.leader.phone = "0912000999"
    world.leader.save()
    client.force_login(world.manager_a)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "trung.so",
            "full_name": "Trùng Số",
            "phone": "+84 912 000 999",
            "commune": world.commune_a1.pk,
            "password1": "Hoc-ky-nang-so-2026",
            "password2": "Hoc-ky-nang-so-2026",
        },
    )
    assert response.status_code == 200
    assert "Số điện thoại này đã được dùng" in response.content.decode()
    assert not User.objects.filter(username="trung.so").exists()


def _bulk_url(action):
    return reverse("wagtail_bulk_action", args=("accounts", "user", action))


@pytest.mark.django_db
def test_bulk_actions_neither_name_nor_touch_people_out_of_scope(client, world):
    client.force_login(world.manager_b)
    url = f"{_bulk_url('set_active_state')}?id={world.cadre.pk}"
    assert world.cadre.full_name not in client.get(url).content.decode()
    client.post(url, {"mark_as_active": ""})
    world.cadre.refresh_from_db()
    assert world.cadre.is_active


@pytest.mark.django_db
def test_bulk_role_assignment_cannot_grant_the_managers_role(client, world):
    client.force_login(world.manager_a)
    managers = world.manager_a.groups.get(name="Managers")
    url = f"{_bulk_url('assign_role')}?id={world.cadre.pk}"
    client.post(url, {"role": managers.pk})
    assert not world.cadre.groups.filter(name="Managers").exists()
    leaders = world.leader.groups.get(name="Team leaders")
    response = client.post(url, {"role": leaders.pk})
    assert response.status_code == 302
    assert world.cadre.groups.filter(name="Team leaders").exists()
