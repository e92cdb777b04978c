"""Secrets and personal data in stored messages: a login code lives in its Message row only while the
send needs it, and anonymising a person leaves no trace of them in the messages (docs/notifications.md).

Real parts: the public code-request form, the eager Celery send on commit, the SMS backend posting
to an HTTP server on loopback (the code is read from what that gateway received), the Wagtail
admin listing and inspect view as a superuser, the person's own data download, the sweeper and
the anonymising service.
"""

import json
import re
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.services import person_anonymise
from notifications import kinds
from notifications.models import Message
from notifications.services import notify
from notifications.tasks import send_message, sweep_messages

from .gateway import running_gateway

pytestmark = pytest.mark.django_db

CODE = re.compile(r"\b(\d{4} \d{4})\b")


@pytest.fixture
def gateway():
    with running_gateway() as gateway:
        yield gateway


def _sms_to(settings, url):
    settings.NOTIFY_CHANNELS = ["sms"]
    settings.NOTIFY_BACKENDS = {**settings.NOTIFY_BACKENDS, "sms": "http"}
    settings.NOTIFY_SMS_URL = url
    settings.NOTIFY_SMS_TIMEOUT = 0.5
    settings.NOTIFY_MAX_ATTEMPTS = 2
    settings.KNS_CODE_REQUEST_PER_ACCOUNT = 5
    settings.KNS_CODE_REQUEST_PER_ADDRESS = 5
    cache.clear()


@pytest.fixture
def sms(settings, gateway):
    _sms_to(settings, gateway.url)
    return gateway


class _EchoingRefusal:
    """A gateway that refuses every SMS and quotes it back in its error, as some do."""

    def __enter__(self):
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                payload = json.dumps(
                    {"error": f"rejected to {body['to']}: {body['text']}"}, ensure_ascii=False
                ).encode()
                self.send_response(400)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/send"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def _forms(code: str) -> list[str]:
    # As sent ("1234 5678") and as typed ("12345678").
    return [code, code.replace(" ", "")]


def _rows_text() -> str:
    return json.dumps(list(Message.objects.values()), default=str, ensure_ascii=False)


def _assert_nowhere(code, client, world, caplog, *, also_live=False):
    """The code is in no Message row, no admin page a superuser sees, the person's data, the log."""
    client.force_login(world.superuser)
    listing = client.get(reverse("notification_messages:index"))
    assert listing.status_code == 200
    pages = [listing.content.decode()]
    for message in Message.objects.all():
        inspect = client.get(reverse("notification_messages:inspect", args=[message.pk]))
        assert inspect.status_code == 200
        pages.append(inspect.content.decode())
    client.force_login(world.cadre)
    data = client.get(reverse("accounts:my_data_json"))
    assert data.status_code == 200
    exported = json.dumps(json.loads(data.content), ensure_ascii=False)
    assert "Mã đăng nhập một lần" in exported  # the message is in the export, without its code
    for form in _forms(code):
        if not also_live:
            assert form not in _rows_text()
        for page in pages:
            assert form not in page
        assert form not in exported
        assert form not in caplog.text


def test_a_code_asked_for_by_sms_is_masked_once_sent_and_still_logs_in(
    client, world, sms, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level("DEBUG")
    world.cadre.phone = "0912 345 678"
    world.cadre.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:code_request"), {"identifier": "cadre_a1"}, follow=True)
    assert response.status_code == 200
    [request] = sms.received
    code = CODE.search(request.body["text"]).group(1)

    message = Message.objects.get(kind=kinds.ONE_TIME_CODE)
    assert message.status == "sent"
    assert message.context["code"] == kinds.MASK
    assert f"Mã đăng nhập Kỹ Năng Số của bạn: {kinds.MASK} (tài khoản cadre_a1)" in message.text
    _assert_nowhere(code, client, world, caplog)

    # What the person received still works: only our copy was masked.
    client.logout()
    login = client.post(reverse("accounts:code_login"), {"username": "cadre_a1", "code": code})
    assert login["Location"] == reverse("accounts:set_password")


@pytest.mark.parametrize("script", [["400"], ["500", "503"]], ids=["refused", "failed-after-retries"])
def test_a_code_that_fails_for_good_is_masked_too(
    client, world, sms, caplog, script, django_capture_on_commit_callbacks
):
    caplog.set_level("DEBUG")
    sms.script = list(script)
    world.cadre.phone = "0912345678"
    world.cadre.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:code_request"), {"identifier": "cadre_a1"})
    code = CODE.search(sms.received[0].body["text"]).group(1)
    message = Message.objects.get(kind=kinds.ONE_TIME_CODE)
    assert (message.status, message.attempts) == ("failed", len(script))
    assert message.context["code"] == kinds.MASK
    _assert_nowhere(code, client, world, caplog)


def test_a_gateway_quoting_the_code_in_its_refusal_leaves_it_out_of_reason_and_log(
    client, world, settings, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level("DEBUG")
    world.cadre.phone = "0912345678"
    world.cadre.save()
    with _EchoingRefusal() as url:
        _sms_to(settings, url)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("accounts:code_request"), {"identifier": "cadre_a1"})
    message = Message.objects.get(kind=kinds.ONE_TIME_CODE)
    assert message.status == "failed"
    assert message.reason.startswith("HTTP 400:") and f"Mã đăng nhập Kỹ Năng Số của bạn: {kinds.MASK}" in message.reason
    assert "refused" in caplog.text
    # The code itself never reached this test: anything that looks like one would be it.
    assert not CODE.search(_rows_text())
    assert not CODE.search(caplog.text)
    assert not re.search(r"\b\d{8}\b", _rows_text())


def test_a_queued_code_is_never_shown_and_is_masked_when_the_send_ends(client, world, sms, caplog):
    caplog.set_level("DEBUG")
    world.cadre.phone = "0912345678"
    world.cadre.save()
    # Written, not yet sent (the broker has not delivered the task): the row must hold the code.
    message = notify(world.cadre, kinds.ONE_TIME_CODE, {"code": "4829 1375", "username": "cadre_a1", "hours": 1})
    message.refresh_from_db()
    assert (message.status, message.context["code"]) == ("queued", "4829 1375")
    _assert_nowhere("4829 1375", client, world, caplog, also_live=True)

    send_message.delay(message.pk)
    assert "4829 1375" in sms.received[0].body["text"]
    message.refresh_from_db()
    assert message.status == "sent"
    _assert_nowhere("4829 1375", client, world, caplog)


def test_a_code_skipped_is_never_stored(world):
    # Nobody to send it to: the row is kept (skipped, with the reason) without the code.
    notify(world.cadre, kinds.ONE_TIME_CODE, {"code": "4829 1375", "username": "cadre_a1"}, channel="sms")
    message = Message.objects.get(kind=kinds.ONE_TIME_CODE)
    assert (message.status, message.reason) == ("skipped", "no_address")
    assert "4829" not in _rows_text() and kinds.MASK in message.text


def test_a_send_interrupted_mid_way_is_failed_and_masked_by_the_sweeper(world, settings):
    world.cadre.phone = "0912345678"
    world.cadre.save()
    code = notify(world.cadre, kinds.ONE_TIME_CODE, {"code": "4829 1375", "username": "cadre_a1"})
    other = notify(world.cadre, kinds.ASSIGNMENT, {"course_title": "Chữ ký số 4829 1375"})
    # A worker claimed both and died.
    long_ago = timezone.now() - timedelta(seconds=settings.NOTIFY_SENDING_STALE_SECONDS + 60)
    Message.objects.filter(pk__in=[code.pk, other.pk]).update(status="sending", claimed_at=long_ago)

    assert sweep_messages.delay().get()["interrupted"] == 2

    code.refresh_from_db()
    other.refresh_from_db()
    assert (code.status, code.context["code"]) == ("failed", kinds.MASK)
    assert "4829" not in code.text and code.reason.startswith("interrupted")
    # Other kinds have no secrets: their text stays as it was written.
    assert other.status == "failed" and "Chữ ký số 4829 1375" in other.text


def test_anonymising_clears_a_reason_quoting_the_phone_and_keeps_our_own_words(world):
    person = world.cadre
    person.phone = "0912 345 678"
    person.save()
    refused = notify(person, kinds.ASSIGNMENT, {"course_title": "Chữ ký số"}, channel="sms")
    # What a gateway answers when it refuses a number (the reason is its reply, as recorded).
    Message.objects.filter(pk=refused.pk).update(status="failed", reason="HTTP 400: số +84912345678 không hợp lệ")
    notify(person, kinds.ASSIGNMENT, {"course_title": "Chữ ký số"}, channel="zalo-off")
    skipped = Message.objects.get(user=person, status="skipped")
    assert skipped.reason == "channel_disabled"

    person_anonymise(person=person, actor=world.superuser)

    rows = _rows_text()
    for trace in ("912345678", "Trần Thị Học Viên", "cadre_a1"):
        assert trace not in rows
    refused.refresh_from_db()
    skipped.refresh_from_db()
    assert (refused.status, refused.reason, refused.address, refused.text) == ("failed", "", "", "")
    assert (skipped.status, skipped.reason) == ("skipped", "channel_disabled")
