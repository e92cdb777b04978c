"""Reminders (e-mail and site notice, at most one per cadre and course per N days) and the weekly digest."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from notifications.backends import console
from notifications.models import Message
from reports import services
from reports.models import DigestLog, Notice, Reminder, ReminderSlot
from tests.conftest import skip_unless_postgres
from tests.reports import helpers


@pytest.fixture
def late(world):
    course, _steps = helpers.course(title="Chuyển đổi số ở cơ sở")
    world.cadre.email = "hocvien@example.invalid"
    world.cadre.save()
    helpers.enrol(world.cadre, course, assigned=True, due_in=20)  # not started
    helpers.enrol(world.leader, course, assigned=True, due_in=-3, started=True)  # overdue, no e-mail
    return course


def _send(client, name, pk, reason, course=""):
    return client.post(reverse(f"reports_admin:{name}", args=[pk]), {"reason": reason, "course": course})


@pytest.mark.django_db
def test_not_started_cadres_get_an_email_and_a_notice_once(client, world, late, django_capture_on_commit_callbacks):
    client.force_login(world.manager_a)
    preview = client.get(reverse("reports_admin:commune_remind", args=[world.commune_a1.pk]), {"reason": "not_started"})
    assert preview.status_code == 200 and "1 lượt" in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, "commune_remind", world.commune_a1.pk, "not_started")
    assert response.status_code == 302
    reminder = Reminder.objects.get()
    assert (reminder.user, reminder.reason, reminder.sent_by) == (world.cadre, "not_started", world.manager_a)
    # The e-mail goes through notify(): one message row, sent, for the reminder.
    sent = Message.objects.get(user=world.cadre, kind="reminder")
    assert (sent.channel, sent.status, sent.address) == ("email", "sent", "hocvien@example.invalid")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hocvien@example.invalid"]
    assert "Chuyển đổi số ở cơ sở" in message.subject
    assert "http://testserver/" in message.body
    assert Notice.objects.get(user=world.cadre).reminder == reminder

    # The same cadre and course again, the same day: refused by the throttle, whoever sends it.
    client.force_login(world.commune_manager_a1)
    with django_capture_on_commit_callbacks(execute=True):
        _send(client, "commune_remind", world.commune_a1.pk, "not_started")
    assert Reminder.objects.count() == 1 and len(mail.outbox) == 1
    assert Message.objects.filter(kind="reminder").count() == 1
    from wagtail.models import ModelLogEntry

    entries = ModelLogEntry.objects.filter(action="reports.reminder").order_by("pk")
    assert [e.data["sent"] for e in entries] == [1, 0] and entries.last().data["throttled"] == 1


@pytest.mark.django_db
def test_the_throttle_lifts_after_the_configured_days(world, late, settings):
    settings.REPORTS_REMINDER_MIN_DAYS = 3
    first = services.reminders_send(manager=world.manager_a, commune=world.commune_a1, reason="not_started")
    assert (first.sent, first.throttled) == (1, 0)
    ReminderSlot.objects.update(last_sent_at=timezone.now() - dt.timedelta(days=2))
    again = services.reminders_send(manager=world.manager_a, commune=world.commune_a1, reason="not_started")
    assert (again.sent, again.throttled) == (0, 1)
    ReminderSlot.objects.update(last_sent_at=timezone.now() - dt.timedelta(days=3, minutes=1))
    later = services.reminders_send(manager=world.manager_a, commune=world.commune_a1, reason="not_started")
    assert (later.sent, later.throttled) == (1, 0)


@pytest.mark.django_db
def test_the_throttle_is_per_course(world, late):
    services.reminders_send(manager=world.manager_a, commune=world.commune_a1, reason="not_started")
    other, _ = helpers.course(title="Khóa thứ hai")
    helpers.enrol(world.cadre, other)
    outcome = services.reminders_send(manager=world.manager_a, commune=world.commune_a1, reason="not_started")
    assert (outcome.sent, outcome.throttled) == (1, 1)


@pytest.mark.django_db
def test_overdue_members_of_a_team(client, world, late, django_capture_on_commit_callbacks):
    assert not world.leader.phone
    client.force_login(world.manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        _send(client, "team_remind", world.team_a1.pk, "overdue", course=str(late.course_key))
    reminder = Reminder.objects.get()
    assert (reminder.user, reminder.reason, reminder.team_id) == (world.leader, "overdue", world.team_a1.pk)
    assert mail.outbox == []  # the leader has no e-mail and no phone: the notice is all they get
    message = Message.objects.get(user=world.leader, kind="reminder")
    assert (message.status, message.reason) == ("skipped", "no_address")
    assert "quá hạn" in Notice.objects.get(user=world.leader).message


@pytest.mark.django_db
def test_out_of_scope_managers_cannot_send(client, world, late):
    client.force_login(world.manager_b)
    assert _send(client, "commune_remind", world.commune_a1.pk, "overdue").status_code == 404
    assert _send(client, "team_remind", world.team_a1.pk, "overdue").status_code == 404
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.reminders_send(manager=world.manager_b, commune=world.commune_a1, reason="overdue")
    assert not Reminder.objects.exists()


@pytest.mark.django_db
def test_the_notice_shows_on_the_cadres_pages_until_dismissed(client, world, late):
    services.reminders_send(manager=world.manager_a, commune=world.commune_a1, reason="not_started")
    notice = Notice.objects.get()
    client.force_login(world.cadre)
    page = client.get("/").content.decode()
    assert "chưa bắt đầu học" in page
    client.force_login(world.leader)
    assert client.post(reverse("reports:notice_dismiss", args=[notice.pk])).status_code == 404
    client.force_login(world.cadre)
    response = client.post(reverse("reports:notice_dismiss", args=[notice.pk]), {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "chưa bắt đầu học" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_pages_without_notices_cost_no_query_once_cached(client, world):
    from tests.conftest import count_queries

    client.force_login(world.cadre)
    client.get("/")
    warm = count_queries(lambda: client.get("/"))
    services.notice_flag_reset(world.cadre.pk)
    cold = count_queries(lambda: client.get("/"))
    assert cold == warm + 1


@skip_unless_postgres()
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_managers_at_once_send_one_reminder(transactional_db, world, late):
    barrier = threading.Barrier(2)
    results = []

    def send(manager):
        try:
            barrier.wait()
            results.append(
                services.reminders_send(manager=manager, commune=world.commune_a1, reason="not_started").sent
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(m,)) for m in (world.manager_a, world.commune_manager_a1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert Reminder.objects.count() == 1


@pytest.mark.django_db
def test_weekly_digest_once_a_week(world, late, django_capture_on_commit_callbacks):
    from reports import summaries

    summaries.rebuild()
    world.manager_a.email = "quanly@example.invalid"
    world.manager_a.save()
    assert world.manager_a.pk in services.digest_recipients()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(user_id=world.manager_a.pk) is True
        assert services.digest_send(user_id=world.manager_a.pk) is False
    assert len(mail.outbox) == 1
    assert Message.objects.get(kind="weekly_digest").status == "sent"
    body = mail.outbox[0].body
    assert "Quá hạn" in body and "/admin/progress/" in body
    assert DigestLog.objects.get(user=world.manager_a).sent_at is not None


@pytest.mark.django_db
def test_weekly_digest_by_sms_for_a_manager_without_email(world, late, django_capture_on_commit_callbacks):
    from reports import summaries

    summaries.rebuild()
    world.manager_a.email = ""
    world.manager_a.phone = "0911222333"
    world.manager_a.save()
    console.outbox.clear()
    assert world.manager_a.pk in services.digest_recipients()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(user_id=world.manager_a.pk) is True
    assert mail.outbox == []
    [sms] = console.outbox
    assert sms.address == "+84911222333"
    assert "lượt hoàn thành" in sms.text and "/admin/progress/" in sms.text


@pytest.mark.django_db
def test_a_cadre_with_a_phone_gets_the_reminder_by_sms(client, world, late, django_capture_on_commit_callbacks):
    world.leader.phone = "0911000111"
    world.leader.save()
    console.outbox.clear()
    client.force_login(world.manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, "team_remind", world.team_a1.pk, "overdue", course=str(late.course_key))
    assert response.status_code == 302
    [sms] = console.outbox
    assert (sms.channel, sms.address) == ("sms", "+84911000111")
    assert "Chuyển đổi số ở cơ sở" in sms.text and "đã quá hạn" in sms.text
    assert Message.objects.get(user=world.leader).status == "sent"
    page = client.get(response.url)
    assert "1 qua tin nhắn hoặc thư điện tử" in page.content.decode()
