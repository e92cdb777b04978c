"""The SMS and Zalo backends against a real HTTP server on loopback, with its failures.

The fake gateway counts the requests it receives: a retry or a duplicate task never makes a
second request for a message that was sent.
"""

import pytest
from django.core.cache import cache

from notifications import kinds
from notifications.models import Message, NotificationPreference
from notifications.services import notify
from notifications.tasks import send_message, sweep_messages
from tests.factories import UserFactory

from .gateway import running_gateway

pytestmark = pytest.mark.django_db

ASSIGN = {"course_title": "Chữ ký số", "due_date": "31/12/2026", "url": "http://testserver/learn/chu-ky-so/"}


@pytest.fixture
def gateway():
    with running_gateway() as gateway:
        yield gateway


@pytest.fixture
def sms(settings, gateway):
    settings.NOTIFY_CHANNELS = ["sms", "email"]
    settings.NOTIFY_BACKENDS = {**settings.NOTIFY_BACKENDS, "sms": "http"}
    settings.NOTIFY_SMS_URL = gateway.url
    settings.NOTIFY_SMS_TOKEN = "sms-token"
    settings.NOTIFY_SMS_TIMEOUT = 0.5
    settings.NOTIFY_MAX_ATTEMPTS = 3
    return gateway


@pytest.fixture
def zalo(settings, gateway):
    settings.NOTIFY_CHANNELS = ["zalo", "sms"]
    settings.NOTIFY_BACKENDS = {**settings.NOTIFY_BACKENDS, "zalo": "http"}
    settings.NOTIFY_ZALO_URL = gateway.url
    settings.NOTIFY_ZALO_ACCESS_TOKEN = "zalo-token"
    settings.NOTIFY_ZALO_TEMPLATES = {kinds.ASSIGNMENT: "301122", kinds.ONE_TIME_CODE: "301123"}
    settings.NOTIFY_ZALO_TIMEOUT = 0.5
    settings.NOTIFY_MAX_ATTEMPTS = 3
    return gateway


def _send(user, kind=kinds.ASSIGNMENT, context=ASSIGN, capture=None, **kwargs):
    with capture(execute=True):
        message = notify(user, kind, context, **kwargs)
    message.refresh_from_db()
    return message


def test_sms_is_posted_as_configured(sms, django_capture_on_commit_callbacks):
    user = UserFactory(phone="0912 345 678", full_name="Trần Thị Lan")
    message = _send(user, capture=django_capture_on_commit_callbacks)
    assert (message.status, message.attempts, message.provider_ref) == ("sent", 1, "gw-1")
    [request] = sms.received
    assert request.headers["authorization"] == "Bearer sms-token"
    assert request.body == {
        "to": "+84912345678",
        "text": "Kỹ Năng Số: bạn được giao khóa học “Chữ ký số”, hạn hoàn thành 31/12/2026. "
        "Vào học: http://testserver/learn/chu-ky-so/",
        "from": "KyNangSo",
        "ref": str(message.pk),
    }


def test_sms_payload_template_and_basic_auth(sms, settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_SMS_TOKEN = ""
    settings.NOTIFY_SMS_USERNAME, settings.NOTIFY_SMS_PASSWORD = "kns", "bi-mat"
    settings.NOTIFY_SMS_PHONE_FORMAT = "national"
    settings.NOTIFY_SMS_PAYLOAD = '{"msisdn": "$phone", "content": {"body": "$text"}, "brand": "KNS"}'
    user = UserFactory(phone="0912345678")
    _send(user, kind=kinds.ONE_TIME_CODE, context={"code": '48"29'}, capture=django_capture_on_commit_callbacks)
    [request] = sms.received
    assert request.headers["authorization"] == "Basic a25zOmJpLW1hdA=="
    assert request.body["msisdn"] == "0912345678"
    assert request.body["brand"] == "KNS"
    assert 'Mã đăng nhập Kỹ Năng Số của bạn: 48"29' in request.body["content"]["body"]


def test_5xx_is_retried_and_sent_once(sms, django_capture_on_commit_callbacks):
    sms.script = ["500", "503"]
    message = _send(UserFactory(phone="0912345678"), capture=django_capture_on_commit_callbacks)
    assert (message.status, message.attempts, message.reason) == ("sent", 3, "")
    assert len(sms.received) == 3
    # The same task delivered again (a broker redelivery, the sweeper): nothing more reaches the gateway.
    send_message.delay(message.pk)
    send_message.delay(message.pk)
    assert len(sms.received) == 3
    message.refresh_from_db()
    assert message.attempts == 3


def test_timeout_is_retried(sms, django_capture_on_commit_callbacks):
    sms.script = ["timeout"]
    message = _send(UserFactory(phone="0912345678"), capture=django_capture_on_commit_callbacks)
    assert (message.status, message.attempts) == ("sent", 2)
    assert len(sms.received) == 2


def test_5xx_until_the_last_attempt_fails_with_the_reason(sms, django_capture_on_commit_callbacks):
    sms.script = ["500", "500", "500", "500"]
    message = _send(UserFactory(phone="0912345678"), capture=django_capture_on_commit_callbacks)
    assert (message.status, message.attempts) == ("failed", 3)
    assert message.reason.startswith("HTTP 500")
    assert len(sms.received) == 3


def test_refusal_fails_at_once(sms, django_capture_on_commit_callbacks):
    sms.script = ["400"]
    message = _send(UserFactory(phone="0912345678"), capture=django_capture_on_commit_callbacks)
    assert (message.status, message.attempts) == ("failed", 1)
    assert message.reason == 'HTTP 400: {"error": "invalid phone"}'
    assert len(sms.received) == 1
    send_message.delay(message.pk)
    assert len(sms.received) == 1


def test_a_message_being_sent_is_not_sent_again(sms):
    """A duplicate delivery while another worker holds the claim finds nothing to do."""
    message = notify(UserFactory(phone="0912345678"), kinds.ASSIGNMENT, ASSIGN)  # not committed: not queued
    Message.objects.filter(pk=message.pk).update(status=Message.Status.SENDING)
    send_message.delay(message.pk)
    assert sms.received == []


def test_rate_limit_defers_without_dropping(sms, settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_RATE_PER_MINUTE = {"sms": 2}
    settings.NOTIFY_REQUEUE_SECONDS = 0
    cache.clear()
    users = [UserFactory(phone=f"091234567{i}") for i in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        messages = [notify(user, kinds.ASSIGNMENT, ASSIGN) for user in users]
    statuses = sorted(Message.objects.filter(pk__in=[m.pk for m in messages]).values_list("status", "reason"))
    assert statuses == [("queued", "rate_limited"), ("sent", ""), ("sent", "")]
    assert len(sms.received) == 2
    cache.clear()  # the next minute
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_messages.delay().result == {"requeued": 1, "interrupted": 0}
    assert Message.objects.filter(status="sent").count() == 3
    assert len(sms.received) == 3


def test_zalo_posts_the_template(zalo, django_capture_on_commit_callbacks):
    user = UserFactory(phone="0912345678", full_name="Trần Thị Lan")
    message = _send(user, capture=django_capture_on_commit_callbacks)
    assert (message.channel, message.status, message.provider_ref) == ("zalo", "sent", "z-1")
    [request] = zalo.received
    assert request.headers["access_token"] == "zalo-token"
    assert request.body == {
        "phone": "84912345678",
        "template_id": "301122",
        "template_data": {
            "course_title": "Chữ ký số",
            "due_date": "31/12/2026",
            "url": "http://testserver/learn/chu-ky-so/",
            "full_name": "Trần Thị Lan",
        },
        "tracking_id": str(message.pk),
    }


def test_zalo_api_error_is_a_refusal(zalo, django_capture_on_commit_callbacks):
    zalo.script = ["zalo-error"]
    message = _send(UserFactory(phone="0912345678"), capture=django_capture_on_commit_callbacks)
    assert (message.status, message.attempts) == ("failed", 1)
    assert message.reason == "Zalo error -108: Phone number is invalid"
    assert len(zalo.received) == 1


def test_zalo_5xx_and_timeout_are_retried(zalo, django_capture_on_commit_callbacks):
    zalo.script = ["503", "timeout"]
    message = _send(UserFactory(phone="0912345678"), capture=django_capture_on_commit_callbacks)
    assert (message.status, message.attempts) == ("sent", 3)
    assert len(zalo.received) == 3


def test_zalo_without_a_template_for_the_kind_fails_without_a_request(zalo, django_capture_on_commit_callbacks):
    message = _send(
        UserFactory(phone="0912345678"),
        kind=kinds.REMINDER,
        context={"course_title": "A", "url": "u"},
        capture=django_capture_on_commit_callbacks,
    )
    assert message.status == "failed"
    assert "no Zalo template" in message.reason
    assert zalo.received == []


def test_preferred_sms_over_zalo(zalo, settings, gateway, django_capture_on_commit_callbacks):
    settings.NOTIFY_BACKENDS = {**settings.NOTIFY_BACKENDS, "sms": "http"}
    settings.NOTIFY_SMS_URL = gateway.url
    user = UserFactory(phone="0912345678")
    NotificationPreference.objects.create(user=user, channel="sms")
    message = _send(user, capture=django_capture_on_commit_callbacks)
    assert message.channel == "sms"
    assert "to" in gateway.received[0].body
