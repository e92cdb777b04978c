"""First login by a one-time link or code, password reset by e-mail or through a manager, deactivation, moves."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts import audit
from accounts.models import CommuneChange, OneTimeLogin, TeamMembership, User
from accounts.roles import CADRES
from accounts.services import one_time_login_issue

pytestmark = pytest.mark.django_db


def issue(client, manager, person, purpose="first"):
    client.force_login(manager)
    response = client.post(reverse("kns_people:one_time_login", args=[person.pk]), {"purpose": purpose})
    client.logout()
    page = response.content.decode()
    url = re.search(r"data-kns-one-time-url>([^<]+)<", page).group(1)
    code = re.search(r"data-kns-one-time-code>([^<]+)<", page).group(1)
    return response, url, code


@pytest.mark.smoke
def test_manager_issues_a_code_and_the_cadre_logs_in_once_then_sets_a_password(client, world):
    world.cadre.set_unusable_password()
    world.cadre.save()

    response, _url, code = issue(client, world.manager_a, world.cadre)

    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    record = OneTimeLogin.objects.get(user=world.cadre)
    # Only hashes are stored: neither the code nor the link's token is in the row.
    assert code.replace(" ", "") not in (record.code_hash + record.token_hash)
    assert ModelLogEntry.objects.filter(action=audit.ONE_TIME_LOGIN, object_id=str(world.cadre.pk)).exists()

    response = client.post(reverse("accounts:code_login"), {"username": "CADRE_A1", "code": code})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:set_password")

    page = client.get(reverse("accounts:set_password")).content.decode()
    assert "Đặt mật khẩu của bạn" in page
    response = client.post(
        reverse("accounts:set_password"),
        {"new_password1": "Hoc-ky-nang-so-2026", "new_password2": "Hoc-ky-nang-so-2026"},
    )
    assert response.status_code == 302
    world.cadre.refresh_from_db()
    assert world.cadre.check_password("Hoc-ky-nang-so-2026")

    # Single use: the same code does not work again.
    client.logout()
    response = client.post(reverse("accounts:code_login"), {"username": "cadre_a1", "code": code})
    assert response.status_code == 200
    assert "đã hết hạn, đã dùng" in response.content.decode()


def test_the_link_is_spent_by_the_button_not_by_opening_it(client, world):
    _response, url, _code = issue(client, world.manager_a, world.cadre)
    path = url.removeprefix("http://testserver")

    # A chat app previewing the link (GET) does not use it up.
    assert "Vào tài khoản" in client.get(path).content.decode()
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:set_password")
    assert int(client.session["_auth_user_id"]) == world.cadre.pk

    client.logout()
    response = client.post(path)
    assert response.status_code == 400
    assert "không còn dùng được" in response.content.decode()


def test_codes_expire_and_a_new_one_revokes_the_old(client, world):
    first = one_time_login_issue(user=world.cadre, actor=world.manager_a)
    second = one_time_login_issue(user=world.cadre, actor=world.manager_a)

    response = client.post(reverse("accounts:code_login"), {"username": "cadre_a1", "code": first.code})
    assert response.status_code == 200  # revoked

    OneTimeLogin.objects.filter(pk=second.record.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.post(reverse("accounts:code_login"), {"username": "cadre_a1", "code": second.code})
    assert response.status_code == 200  # expired
    assert "_auth_user_id" not in client.session


def test_a_deactivated_cadre_cannot_use_a_code(client, world):
    issued = one_time_login_issue(user=world.cadre, actor=world.manager_a)
    world.cadre.is_active = False
    world.cadre.save()

    response = client.post(reverse("accounts:code_login"), {"username": "cadre_a1", "code": issued.code})

    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_codes_only_by_managers_in_scope_and_only_for_learners(client, world):
    client.force_login(world.manager_b)
    assert (
        client.post(reverse("kns_people:one_time_login", args=[world.cadre.pk]), {"purpose": "first"}).status_code
        == 404
    )

    client.force_login(world.manager_a)
    response = client.post(
        reverse("kns_people:one_time_login", args=[world.commune_manager_a1.pk]), {"purpose": "reset"}
    )
    # A person one may not manage is answered like one outside the scope (accounts.services.can_manage_person).
    assert response.status_code == 404
    assert not OneTimeLogin.objects.exists()

    client.force_login(world.cadre)
    assert client.get(reverse("kns_people:one_time_login", args=[world.leader.pk])).status_code in (302, 403)


def test_without_a_password_the_set_password_page_needs_a_one_time_login(client, world):
    client.force_login(world.cadre)
    response = client.get(reverse("accounts:set_password"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_change")


def test_password_reset_by_email_uses_the_public_base_url(client, world, settings):
    settings.PUBLIC_BASE_URL = "https://kynangso.example.vn"
    world.cadre.email = "hoc.vien@example.invalid"
    world.cadre.set_unusable_password()  # imported, never logged in: the e-mail sets a first password
    world.cadre.save()

    response = client.post(
        reverse("accounts:password_reset"), {"email": "HOC.VIEN@example.invalid"}, HTTP_HOST="evil.example"
    )

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Chào Trần Thị Học Viên" in body and "cadre_a1" in body
    link = re.search(r"https://kynangso\.example\.vn(/accounts/password/reset/[^\s]+)", body).group(1)
    assert "evil.example" not in body

    page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in page.content.decode()
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": "Hoc-ky-nang-so-2026", "new_password2": "Hoc-ky-nang-so-2026"}
    )
    assert response.status_code == 302
    world.cadre.refresh_from_db()
    assert world.cadre.check_password("Hoc-ky-nang-so-2026")


def test_no_email_means_no_reset_mail_and_the_page_says_who_to_ask(client, world):
    response = client.post(reverse("accounts:password_reset"), {"email": "khong.co@example.invalid"}, follow=True)
    assert not mail.outbox
    assert "Hãy kiểm tra hộp thư" in response.content.decode()
    assert "cán bộ quản lý" in client.get(reverse("accounts:password_reset")).content.decode()


def test_password_validators_refuse_a_weak_password(client, world):
    issued = one_time_login_issue(user=world.cadre, actor=world.manager_a)
    client.post(reverse("accounts:code_login"), {"username": "cadre_a1", "code": issued.code})
    response = client.post(reverse("accounts:set_password"), {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    world.cadre.refresh_from_db()
    assert not world.cadre.check_password("12345678")


def test_deactivating_keeps_the_person_and_their_history(client, world):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[world.cadre.pk]),
        {"username": world.cadre.username, "full_name": world.cadre.full_name, "commune": world.commune_a1.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    world.cadre.refresh_from_db()
    assert not world.cadre.is_active
    assert TeamMembership.objects.filter(user=world.cadre).exists()
    client.logout()
    assert not client.login(username="cadre_a1", password=world.password)


def test_accounts_are_never_deleted(client, world):
    client.force_login(world.superuser)
    page = client.get(reverse("wagtailusers_users:delete", args=[world.cadre.pk])).content.decode()
    assert "Tài khoản không bị xoá" in page and "Ẩn danh hoá" in page
    client.post(reverse("wagtailusers_users:delete", args=[world.cadre.pk]))
    client.post(reverse("wagtail_bulk_action", args=("accounts", "user", "delete")) + f"?id={world.cadre.pk}")
    assert User.objects.filter(pk=world.cadre.pk).exists()


def test_moving_a_cadre_in_the_admin_records_the_move_and_keeps_other_rows(client, world):
    memberships = list(TeamMembership.objects.filter(user=world.cadre).values_list("pk", "team_id", "role"))
    client.force_login(world.manager_a)

    response = client.post(
        reverse("wagtailusers_users:edit", args=[world.cadre.pk]),
        {
            "username": world.cadre.username,
            "full_name": world.cadre.full_name,
            "commune": world.commune_a2.pk,
            "is_active": "on",
            "groups": [Group.objects.get(name=CADRES).pk],
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    world.cadre.refresh_from_db()
    assert world.cadre.commune == world.commune_a2
    change = CommuneChange.objects.get(user=world.cadre)
    assert (change.from_commune, change.to_commune, change.changed_by) == (
        world.commune_a1,
        world.commune_a2,
        world.manager_a,
    )
    # Team memberships (and, in courses, enrolments with their commune at enrolment) are left as they were.
    assert list(TeamMembership.objects.filter(user=world.cadre).values_list("pk", "team_id", "role")) == memberships
    assert ModelLogEntry.objects.filter(action=audit.PERSON_MOVE, object_id=str(world.cadre.pk)).exists()


def test_the_manager_may_not_move_a_cadre_out_of_scope(client, world):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[world.cadre.pk]),
        {
            "username": world.cadre.username,
            "full_name": world.cadre.full_name,
            "commune": world.commune_b1.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    world.cadre.refresh_from_db()
    assert world.cadre.commune == world.commune_a1
    assert not CommuneChange.objects.exists()
