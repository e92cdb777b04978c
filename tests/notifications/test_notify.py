"""notify() and notify_many(): which channel, opt-out, idempotency, the row a person's message leaves."""

import json

import pytest
from django.core import mail

from notifications import kinds
from notifications.backends import console
from notifications.models import Message, NotificationPreference
from notifications.services import notify, notify_many
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ASSIGN = {"course_title": "Chữ ký số", "due_date": "31/12/2026", "url": "http://testserver/learn/chu-ky-so/"}


@pytest.fixture(autouse=True)
def _empty_outbox():
    console.outbox.clear()


def test_email_first_for_someone_with_an_email(django_capture_on_commit_callbacks):
    user = UserFactory(email="lan@example.vn", phone="0912345678", full_name="Trần Thị Lan")
    with django_capture_on_commit_callbacks(execute=True):
        message = notify(user, kinds.ASSIGNMENT, ASSIGN)
    message.refresh_from_db()
    assert (message.channel, message.status, message.address) == ("email", "sent", "lan@example.vn")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Bạn được giao khóa học “Chữ ký số”"
    assert "hạn hoàn thành 31/12/2026" in mail.outbox[0].body


def test_falls_back_to_sms_without_an_email(django_capture_on_commit_callbacks):
    user = UserFactory(phone="0912345678")
    with django_capture_on_commit_callbacks(execute=True):
        message = notify(user, kinds.ASSIGNMENT, ASSIGN)
    message.refresh_from_db()
    assert (message.channel, message.status, message.address) == ("sms", "sent", "+84912345678")
    assert [m.pk for m in console.outbox] == [message.pk]
    assert mail.outbox == []


def test_preferred_channel_wins(django_capture_on_commit_callbacks):
    user = UserFactory(email="lan@example.vn", phone="0912345678")
    NotificationPreference.objects.create(user=user, channel="zalo")
    with django_capture_on_commit_callbacks(execute=True):
        message = notify(user, kinds.REMINDER, {"course_title": "A", "url": "u"})
    assert Message.objects.get(pk=message.pk).channel == "zalo"


def test_opted_out_gets_nothing_but_one_time_codes(django_capture_on_commit_callbacks):
    user = UserFactory(phone="0912345678")
    NotificationPreference.objects.create(user=user, opted_out=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(user, kinds.ASSIGNMENT, ASSIGN) is None
        code = notify(user, kinds.ONE_TIME_CODE, {"code": "482913", "username": user.username, "hours": 1})
    skipped = Message.objects.get(kind=kinds.ASSIGNMENT)
    assert (skipped.status, skipped.reason) == ("skipped", "opted_out")
    code.refresh_from_db()
    assert code.status == "sent"
    assert "482913" in console.outbox[0].text


def test_no_address_is_recorded_and_returns_none():
    user = UserFactory()
    assert notify(user, kinds.ASSIGNMENT, ASSIGN) is None
    assert Message.objects.get(user=user).reason == "no_address"


def test_forced_channel_without_address_sends_nothing():
    user = UserFactory(email="lan@example.vn")
    assert notify(user, kinds.ONE_TIME_CODE, {"code": "1"}, channel="sms") is None


def test_same_key_writes_one_message(django_capture_on_commit_callbacks):
    user = UserFactory(phone="0912345678")
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(user, kinds.ASSIGNMENT, ASSIGN, idempotency_key="assign:1:7")
        second = notify(user, kinds.ASSIGNMENT, ASSIGN, idempotency_key="assign:1:7")
    assert first.pk == second.pk
    assert Message.objects.count() == 1
    assert len(console.outbox) == 1


def test_context_must_be_json():
    import datetime

    user = UserFactory(phone="0912345678")
    with pytest.raises(TypeError):
        notify(user, kinds.ASSIGNMENT, {"due_date": datetime.date(2026, 12, 31)})
    assert not Message.objects.exists()


def test_context_is_stored_on_the_row():
    user = UserFactory(phone="0912345678")
    message = notify(user, kinds.ASSIGNMENT, ASSIGN)
    # As given, plus the name the templates (and Zalo's template_data) read.
    assert Message.objects.get(pk=message.pk).context == {**json.loads(json.dumps(ASSIGN)), "full_name": user.full_name}


def test_notify_many_constant_queries_and_idempotent(django_capture_on_commit_callbacks, django_assert_max_num_queries):
    users = [UserFactory(phone=f"09120000{i:02d}") for i in range(30)] + [UserFactory() for _ in range(5)]
    NotificationPreference.objects.create(user=users[0], opted_out=True)
    ids = [u.pk for u in users]
    with django_capture_on_commit_callbacks(execute=True):
        queued = notify_many(ids, kinds.ASSIGNMENT, ASSIGN, idempotency_prefix="rule:9")
    assert queued == 29
    assert Message.objects.filter(status="sent").count() == 29
    assert Message.objects.filter(status="skipped").count() == 6
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_many(ids, kinds.ASSIGNMENT, ASSIGN, idempotency_prefix="rule:9") == 0
    assert Message.objects.count() == 35
    assert len(console.outbox) == 29


def test_notify_many_queries_per_batch_do_not_grow(settings, django_capture_on_commit_callbacks):
    """The writes (and the queueing on commit) cost the same queries per batch, however many people."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.NOTIFY_BULK_BATCH = 10
    users = [UserFactory(phone=f"0913{i:06d}") for i in range(30)]
    NotificationPreference.objects.create(user=users[3], channel="zalo")
    ids = [u.pk for u in users]

    def writes(people, prefix):
        # Sending (each message's own task) is left out: only what notify_many itself does.
        with CaptureQueriesContext(connection) as queries:
            with django_capture_on_commit_callbacks(execute=False):
                queued = notify_many(people, kinds.ASSIGNMENT, ASSIGN, idempotency_prefix=prefix)
        return queued, len(queries)

    one = writes(ids[:10], "one")
    three = writes(ids, "three")
    assert one[0] == 10 and three[0] == 30
    per_batch = one[1]
    assert three[1] == 3 * per_batch
    assert per_batch <= 8


def test_an_enabled_gateway_without_its_address_is_reported_at_start(settings):
    from notifications.checks import gateways_configured

    settings.NOTIFY_CHANNELS = ["sms", "zalo"]
    settings.NOTIFY_BACKENDS = {"sms": "http", "zalo": "http", "email": "django"}
    settings.NOTIFY_SMS_URL = None
    settings.NOTIFY_ZALO_ACCESS_TOKEN = ""
    assert [w.id for w in gateways_configured(None)] == ["notifications.W001", "notifications.W002"]
    settings.NOTIFY_BACKENDS = {"sms": "console", "zalo": "console", "email": "django"}
    assert gateways_configured(None) == []
