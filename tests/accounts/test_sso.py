"""Single sign-on against a real OpenID Connect provider (django-oidc-provider) started on loopback.

Our side runs in the test client; the provider runs in its own process and speaks HTTP: the browser's
part is played by ``requests`` (its login form, its redirects), and our backend calls the provider's
token, userinfo and JWKS endpoints for real.
"""

import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts import audit
from accounts.models import SsoIdentity, SsoLinkRequest, User
from accounts.roles import CADRES
from tests.accounts.sso_provider.people import PASSWORD as PROVIDER_PASSWORD
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CLIENT_ID = "ky-nang-so"
CLIENT_SECRET = "bi-mat-cua-ung-dung-thu"  # noqa: S105
CALLBACK = "http://testserver/accounts/sso/callback/"
HOME = "http://testserver/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def provider():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.accounts.sso_provider.serve", str(port), CLIENT_ID, CLIENT_SECRET]
        + [CALLBACK, HOME],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    for line in process.stdout:
        if line.strip() == "READY":
            break
        if time.monotonic() > deadline:
            break
    if process.poll() is not None:
        pytest.fail(f"the test OpenID provider did not start: {process.stdout.read()}")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def sso(settings, provider):
    base = f"{provider}/openid"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_ISSUER = base
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/jwks"
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{base}/end-session"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid profile phone email"
    settings.OIDC_PROVIDER_NAME = "Cổng đăng nhập tỉnh Alpha"
    settings.PUBLIC_BASE_URL = "http://testserver"
    return provider


@pytest.fixture
def sso_cadre(world):
    return UserFactory(
        username="sso_cadre",
        full_name="Đỗ Thị Một Lần",
        email="sso_cadre@example.vn",
        commune=world.commune_a1,
        roles=[CADRES],
    )


@pytest.fixture
def phone_cadre(world):
    return UserFactory(
        username="cadre_by_phone",
        full_name="Vũ Văn Điện Thoại",
        phone="0912000222",
        commune=world.commune_a1,
        roles=[CADRES],
    )


class Browser:
    """The person's browser: our site through the test client, the provider's through ``requests``."""

    def __init__(self, provider: str):
        self.provider = provider
        self.client = Client()
        self.at_provider = requests.Session()

    def _provider_login(self, login_url: str, username: str) -> requests.Response:
        form = self.at_provider.get(login_url)
        assert form.status_code == 200, form.text[:300]
        answer = self.at_provider.post(
            login_url,
            data={
                "username": username,
                "password": PROVIDER_PASSWORD,
                "csrfmiddlewaretoken": self.at_provider.cookies["csrftoken"],
                "next": parse_qs(urlparse(login_url).query)["next"][0],
            },
            allow_redirects=False,
        )
        assert answer.status_code == 302, answer.text[:300]
        return self.at_provider.get(urljoin(self.provider, answer.headers["Location"]), allow_redirects=False)

    def sign_in(self, username: str, *, expect_provider_login: bool = True):
        """Press our SSO button, log in at the provider, and come back: our callback's response."""
        start = self.client.get(reverse("accounts:sso_login"))
        assert start.status_code == 302
        assert start["Location"].startswith(f"{self.provider}/openid/authorize")
        at_provider = self.at_provider.get(start["Location"], allow_redirects=False)
        assert at_provider.status_code == 302
        asked_to_log_in = "/login/" in at_provider.headers["Location"]
        assert asked_to_log_in == expect_provider_login
        if asked_to_log_in:
            at_provider = self._provider_login(urljoin(self.provider, at_provider.headers["Location"]), username)
        back = at_provider.headers["Location"]
        assert back.startswith(CALLBACK), back
        return self.client.get(back.removeprefix("http://testserver"), follow=True)

    @property
    def logged_in_as(self):
        user_id = self.client.session.get(SESSION_KEY)
        return User.objects.get(pk=user_id) if user_id else None


def _text(response) -> str:
    return response.content.decode()


def test_first_login_waits_for_a_manager_then_the_subject_logs_in(sso, world, sso_cadre):
    browser = Browser(sso)
    login_page = _text(browser.client.get(reverse("accounts:login")))
    assert "Đăng nhập bằng Cổng đăng nhập tỉnh Alpha" in login_page
    assert reverse("accounts:sso_login") in login_page

    first = browser.sign_in("canbo.tinh.1")

    assert browser.logged_in_as is None
    assert first.request["PATH_INFO"] == reverse("accounts:login")
    assert "Cán bộ quản lý của xã, phường cần xác nhận" in _text(first)
    pending = SsoLinkRequest.objects.get()
    assert (pending.user, pending.subject, pending.matched_by, pending.status) == (
        sso_cadre,
        "sub-0001",
        "username",
        "pending",
    )
    assert not SsoIdentity.objects.exists()

    # Another province's manager neither sees the request nor can decide it.
    outsider = Client()
    outsider.force_login(world.manager_b)
    assert "sso_cadre" not in _text(outsider.get(reverse("kns_sso_links:index")))
    refused = outsider.post(reverse("kns_sso_links:decide", args=[pending.pk]), {"decision": "confirm"})
    assert refused.status_code == 404
    assert not SsoIdentity.objects.exists()

    manager = Client()
    manager.force_login(world.commune_manager_a1)
    listing = manager.get(reverse("kns_sso_links:index"))
    assert listing.status_code == 200
    assert "Đỗ Thị Một Lần" in _text(listing) and "Nguyễn Văn Một Lần" in _text(listing)
    decided = manager.post(reverse("kns_sso_links:decide", args=[pending.pk]), {"decision": "confirm"})
    assert decided.status_code == 302
    identity = SsoIdentity.objects.get()
    assert (identity.user, identity.subject, identity.confirmed_by) == (sso_cadre, "sub-0001", world.commune_manager_a1)
    assert ModelLogEntry.objects.filter(action=audit.SSO_LINK_CONFIRM, object_id=str(sso_cadre.pk)).exists()

    # The provider still has its session: no second password there, and now we let the person in.
    again = browser.sign_in("canbo.tinh.1", expect_provider_login=False)
    assert browser.logged_in_as == sso_cadre
    assert again.request["PATH_INFO"] == "/"


def test_a_phone_number_matches_when_the_username_differs(sso, world, phone_cadre):
    browser = Browser(sso)
    browser.sign_in("canbo.tinh.2")

    assert browser.logged_in_as is None
    pending = SsoLinkRequest.objects.get()
    assert (pending.user, pending.matched_by) == (phone_cadre, "phone")


def test_an_unknown_subject_is_refused_and_an_email_never_links(sso, world, sso_cadre):
    people_before = User.objects.count()
    browser = Browser(sso)

    refused = browser.sign_in("canbo.tinh.3")  # same e-mail as sso_cadre, nothing else in common

    assert browser.logged_in_as is None
    assert "chưa gắn với tài khoản nào trên Kỹ Năng Số" in _text(refused)
    assert not SsoLinkRequest.objects.exists()
    assert not SsoIdentity.objects.exists()
    assert User.objects.count() == people_before


def test_a_rejected_request_does_not_log_in(sso, world, sso_cadre):
    browser = Browser(sso)
    browser.sign_in("canbo.tinh.1")
    manager = Client()
    manager.force_login(world.commune_manager_a1)
    manager.post(reverse("kns_sso_links:decide", args=[SsoLinkRequest.objects.get().pk]), {"decision": "reject"})

    assert SsoLinkRequest.objects.get().status == "rejected"
    assert not SsoIdentity.objects.exists()
    browser.sign_in("canbo.tinh.1", expect_provider_login=False)
    assert browser.logged_in_as is None


def test_logout_ends_our_session_and_the_providers(sso, world, sso_cadre):
    SsoIdentity.objects.create(user=sso_cadre, issuer=f"{sso}/openid", subject="sub-0001")
    browser = Browser(sso)
    browser.sign_in("canbo.tinh.1")
    assert browser.logged_in_as == sso_cadre

    out = browser.client.post(reverse("accounts:logout"))

    assert browser.logged_in_as is None
    assert out.status_code == 302
    assert out["Location"].startswith(f"{sso}/openid/end-session?id_token_hint=")
    ended = browser.at_provider.get(out["Location"], allow_redirects=False)
    assert ended.status_code == 302 and ended.headers["Location"] == HOME
    # The provider forgot the person too: the next login asks for the provider's password again.
    browser.sign_in("canbo.tinh.1", expect_provider_login=True)
    assert browser.logged_in_as == sso_cadre


def test_a_deactivated_person_is_refused_even_when_linked(sso, world, sso_cadre):
    SsoIdentity.objects.create(user=sso_cadre, issuer=f"{sso}/openid", subject="sub-0001")
    User.objects.filter(pk=sso_cadre.pk).update(is_active=False)
    browser = Browser(sso)

    refused = browser.sign_in("canbo.tinh.1")

    assert browser.logged_in_as is None
    assert "đã bị khoá" in _text(refused)


def test_without_the_settings_nothing_changes(client, world):
    assert client.get(reverse("accounts:sso_login")).status_code == 404
    assert client.get(reverse("accounts:sso_callback") + "?code=x&state=y").status_code == 404
    page = client.get(reverse("accounts:login"))
    assert "accounts/sso" not in _text(page)
    logged_in = client.post(reverse("accounts:login"), {"username": "cadre_a1", "password": PASSWORD})
    assert logged_in.status_code == 302


def test_the_callback_is_under_the_login_rate_limit(sso, settings, client):
    from django.core.cache import cache

    cache.clear()
    settings.KNS_LOGIN_RATE_LIMIT = 2
    url = reverse("accounts:sso_callback") + "?code=doan-bua&state=doan-bua"
    statuses = [client.get(url).status_code for _ in range(3)]
    assert statuses[:2] != [429, 429] and statuses[2] == 429
