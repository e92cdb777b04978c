"""Courses' messages through notify(): evidence approved or returned, the team leaders' daily digest."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from courses import services
from courses.notices import evidence_digest_send, send_evidence_digest
from notifications.backends import console
from notifications.models import Message, NotificationPreference
from tests.courses.builders import build_course
from tests.factories import TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "JPEG")
    return SimpleUploadedFile("a.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def submitted(world):
    console.outbox.clear()
    world.cadre.phone = "0912345678"
    world.cadre.save()
    course, steps = build_course(title="Dịch vụ công trực tuyến", lessons=0, practice="evidence")
    services.enrollment_create(user=world.cadre, course=course)
    evidence = services.evidence_submit(user=world.cadre, practice=steps[0], upload=_photo())
    return evidence, steps[0]


def test_the_cadre_hears_that_their_evidence_was_approved(client, world, submitted, django_capture_on_commit_callbacks):
    evidence, practice = submitted
    client.force_login(world.leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("courses:review_decide", args=[evidence.pk]), {"decision": "approve"})
    assert response.status_code == 302
    # The approval completes the one-step course, so a certificate notice follows it.
    assert [m.kind for m in console.outbox] == ["evidence_approved", "certificate_issued"]
    sms = console.outbox[0]
    assert sms.address == "+84912345678"
    assert f"minh chứng bài “{practice.title}” (Dịch vụ công trực tuyến) đã được duyệt" in sms.text
    assert f"http://testserver{practice.url}" in sms.text
    # A second click changes nothing and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("courses:review_decide", args=[evidence.pk]), {"decision": "approve"})
    assert Message.objects.filter(user=world.cadre, kind="evidence_approved").count() == 1


def test_the_cadre_reads_why_their_evidence_was_returned(client, world, submitted, django_capture_on_commit_callbacks):
    evidence, _practice = submitted
    client.force_login(world.leader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("courses:review_decide", args=[evidence.pk]),
            {"decision": "return", "comment": "Ảnh còn lộ số căn cước, hãy che lại."},
        )
    [sms] = console.outbox
    assert sms.kind == "evidence_returned"
    assert "được trả lại: Ảnh còn lộ số căn cước, hãy che lại." in sms.text


def test_team_leaders_get_one_digest_a_day(world, submitted, django_capture_on_commit_callbacks):
    world.leader.phone = "0911000111"
    world.leader.save()
    # A second member's evidence in the same team, and a leader of another team with nothing waiting.
    other = UserFactory(commune=world.commune_a1, phone="0933000111")
    TeamMembershipFactory(team=world.team_a1, user=other, role="member")
    course, steps = build_course(title="Khóa hai", lessons=0, practice="evidence")
    services.enrollment_create(user=other, course=course)
    services.evidence_submit(user=other, practice=steps[0], upload=_photo())
    idle_leader = UserFactory(phone="0944000111")
    TeamMembershipFactory(user=idle_leader, role="leader")
    console.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_evidence_digest.delay().result == 1
        assert evidence_digest_send() == 1  # the same day again: the key holds, nothing new is sent
    [sms] = console.outbox
    assert sms.user_id == world.leader.pk
    assert "2 minh chứng của tổ Tổ công nghệ số thôn Đông đang chờ bạn duyệt" in sms.text
    assert "http://testserver/learn/review/" in sms.text
    assert Message.objects.filter(kind="evidence_digest").count() == 1


def test_an_opted_out_leader_gets_no_digest(world, submitted, django_capture_on_commit_callbacks):
    world.leader.phone = "0911000111"
    world.leader.save()
    NotificationPreference.objects.create(user=world.leader, opted_out=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert evidence_digest_send() == 0
    assert console.outbox == []
