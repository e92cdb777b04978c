import pytest
from django.urls import reverse

from accounts.forms import WRONG_LOGIN
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def lan(db):
    return UserFactory(username="lan.nguyen", full_name="Nguyễn Thị Lan", phone="0912 345 678")


@pytest.mark.parametrize("identifier", ["lan.nguyen", "LAN.NGUYEN", "0912345678", "+84 912 345 678", "0912.345.678"])
def test_cadre_logs_in_with_username_or_phone(client, lan, identifier):
    response = client.post(reverse("accounts:login"), {"username": identifier, "password": PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user == lan


@pytest.mark.parametrize(
    ("identifier", "password"),
    [("lan.nguyen", "sai-mat-khau"), ("khong-ton-tai", PASSWORD), ("0999999999", PASSWORD)],
)
def test_wrong_login_says_so_in_vietnamese_without_saying_which_part(client, lan, identifier, password):
    response = client.post(reverse("accounts:login"), {"username": identifier, "password": password})
    assert response.status_code == 200
    body = response.content.decode()
    assert str(WRONG_LOGIN) in body
    assert "Tên đăng nhập, số điện thoại hoặc mật khẩu không đúng" in body
    assert not response.wsgi_request.user.is_authenticated


def test_inactive_cadre_gets_the_same_message(client, lan):
    lan.is_active = False
    lan.save()
    response = client.post(reverse("accounts:login"), {"username": "lan.nguyen", "password": PASSWORD})
    assert str(WRONG_LOGIN) in response.content.decode()


def test_password_change_needs_login_and_works(client, lan):
    url = reverse("accounts:password_change")
    assert client.get(url).status_code == 302
    client.force_login(lan)
    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": "Hoc-ky-nang-so-2026", "new_password2": "Hoc-ky-nang-so-2026"}
    )
    assert response.status_code == 302
    lan.refresh_from_db()
    assert lan.check_password("Hoc-ky-nang-so-2026")
