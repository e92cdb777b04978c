"""The cadre's page for how they are reached, and the admin listing of messages, scoped by commune."""

import pytest
from django.urls import reverse

from notifications import kinds
from notifications.models import Message, NotificationPreference
from notifications.services import notify
from tests.factories import CommuneFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/notifications/"


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_cadre_chooses_zalo_and_opts_out(client, world):
    world.cadre.phone = "0912345678"
    world.cadre.save()
    client.force_login(world.cadre)
    page = client.get(URL)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Zalo (+84912345678)" in body and "Thư điện tử – cần địa chỉ thư điện tử" in body
    assert not NotificationPreference.objects.exists()  # GET changes nothing
    response = client.post(URL, {"channel": "zalo", "opted_out": "on"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=world.cadre)
    assert (preference.channel, preference.opted_out) == ("zalo", True)
    assert "Đã lưu cách nhận thông báo của bạn." in client.get(URL).content.decode()
    assert notify(world.cadre, kinds.REMINDER, {"course_title": "A"}) is None


def test_a_channel_without_an_address_is_refused(client, world):
    world.cadre.phone = None
    world.cadre.email = ""
    world.cadre.save()
    client.force_login(world.cadre)
    response = client.post(URL, {"channel": "email"})
    assert response.status_code == 200
    assert "Tài khoản của bạn chưa có địa chỉ cho kênh này." in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_cadre_sees_what_was_sent_to_them(client, world, django_capture_on_commit_callbacks):
    world.cadre.phone = "0912345678"
    world.cadre.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(world.cadre, kinds.EVIDENCE_APPROVED, {"step_title": "B"})
    client.force_login(world.cadre)
    body = client.get(URL).content.decode()
    assert "Minh chứng được duyệt" in body and "Đã gửi" in body


def _messages(world):
    mine = Message.objects.create(
        user=world.cadre, kind=kinds.REMINDER, channel="sms", text="cho An Bình", status="failed", reason="HTTP 400"
    )
    outsider = UserFactory(commune=CommuneFactory(province=world.province_b))
    theirs = Message.objects.create(user=outsider, kind=kinds.REMINDER, channel="sms", text="cho Bắc Sơn")
    return mine, theirs


def test_managers_list_the_messages_of_their_communes(client, world):
    mine, theirs = _messages(world)
    client.force_login(world.manager_a)
    page = client.get(reverse("notification_messages:index"))
    assert page.status_code == 200
    body = page.content.decode()
    assert world.cadre.full_name in body and "HTTP 400" in body and "Gửi lỗi" in body
    assert theirs.user.full_name not in body
    assert client.get(reverse("notification_messages:inspect", args=[mine.pk])).status_code == 200
    assert client.get(reverse("notification_messages:inspect", args=[theirs.pk])).status_code == 404
    client.force_login(world.manager_b)
    assert client.get(reverse("notification_messages:inspect", args=[mine.pk])).status_code == 404
    assert world.cadre.full_name not in client.get(reverse("notification_messages:index")).content.decode()


def test_superusers_see_every_message_and_cadres_none(client, world):
    mine, theirs = _messages(world)
    client.force_login(world.superuser)
    body = client.get(reverse("notification_messages:index")).content.decode()
    assert world.cadre.full_name in body and theirs.user.full_name in body
    client.force_login(world.cadre)
    assert client.get(reverse("notification_messages:index")).status_code in (302, 403)
    client.force_login(world.trainer)
    assert client.get(reverse("notification_messages:index")).status_code in (302, 403)
