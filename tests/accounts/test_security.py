"""Login lockout (django-axes, by username and address), the per-address rate limit, session expiry."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from accounts.services import one_time_login_issue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def wrong(client, username="cadre_a1", address="10.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": "sai-mat-khau"}, REMOTE_ADDR=address
    )


def test_five_failures_lock_the_username_from_that_address(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = wrong(client)
        assert response.status_code == 200
        assert "không đúng" in response.content.decode()

    response = wrong(client)
    assert response.status_code == 429
    assert "Tạm khoá đăng nhập" in response.content.decode()

    # Even the right password is refused while locked out...
    response = client.post(
        reverse("accounts:login"), {"username": "cadre_a1", "password": world.password}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but a colleague in the same office, and the same person elsewhere, may still log in.
    response = client.post(
        reverse("accounts:login"), {"username": "leader_a1", "password": world.password}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": "cadre_a1", "password": world.password}, REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 302


def test_spelling_the_username_or_phone_differently_buys_no_extra_attempts(client, world):
    world.cadre.phone = "0912 777 888"
    world.cadre.save()
    for spelling in ("cadre_a1", "CADRE_A1", "0912777888", "+84 912 777 888"):
        assert wrong(client, spelling).status_code == 200
    assert wrong(client, "0912.777.888").status_code == 429


def test_a_successful_login_clears_the_failures(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        wrong(client)
    response = client.post(
        reverse("accounts:login"), {"username": "cadre_a1", "password": world.password}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert wrong(client).status_code == 200


def test_one_time_codes_are_locked_out_like_passwords(client, world):
    issued = one_time_login_issue(user=world.cadre, actor=world.manager_a)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("accounts:code_login"), {"username": "cadre_a1", "code": "0000 0000"}, REMOTE_ADDR="10.0.0.1"
        )
    assert response.status_code == 429
    response = client.post(
        reverse("accounts:code_login"), {"username": "cadre_a1", "code": issued.code}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_login_is_locked_out_too(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("wagtailadmin_login"), {"username": "manager_a", "password": "sai"}, REMOTE_ADDR="10.0.0.1"
        )
    assert response.status_code == 429


def test_one_address_trying_many_usernames_is_rate_limited(client, world, settings):
    settings.KNS_LOGIN_RATE_LIMIT = 3
    for index in range(3):
        assert wrong(client, f"khong-co-{index}").status_code == 200
    response = wrong(client, "khong-co-nua")
    assert response.status_code == 429
    assert "Quá nhiều lần thử" in response.content.decode()
    assert response["Retry-After"] == str(settings.KNS_LOGIN_RATE_WINDOW)
    # Other addresses are not affected; reading the form is never limited.
    assert wrong(client, "khac", address="10.0.0.9").status_code == 200
    assert client.get(reverse("accounts:login"), REMOTE_ADDR="10.0.0.1").status_code == 200


def test_password_reset_and_admin_login_share_the_limit(client, world, settings):
    settings.KNS_LOGIN_RATE_LIMIT = 2
    client.post(reverse("accounts:password_reset"), {"email": "a@example.invalid"}, REMOTE_ADDR="10.0.0.5")
    client.post(reverse("wagtailadmin_login"), {"username": "x", "password": "y"}, REMOTE_ADDR="10.0.0.5")
    response = client.post(reverse("accounts:password_reset"), {"email": "b@example.invalid"}, REMOTE_ADDR="10.0.0.5")
    assert response.status_code == 429


def test_sessions_expire(client, world):
    client.post(reverse("accounts:login"), {"username": "cadre_a1", "password": world.password})
    assert 0 < client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE <= 14 * 24 * 3600


def test_axes_is_the_first_authentication_backend():
    from config.settings import base

    assert base.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert base.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
