"""Training sessions: the model's invariants, the QR code's window, check-in, manual marking, scope,
invitations and the session step completing a blended course (real pages, real database)."""

import datetime
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from blended import checkin, services
from blended.models import Attendance, Invitation, SessionStepPage, TrainingSession
from courses import services as course_services
from courses.models import Enrollment, StepCompletion
from notifications.models import Message
from tests.courses.builders import build_course, publish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_session(world, *, course=None, starts=None, hours=2, **extra) -> TrainingSession:
    starts = starts or timezone.now() - datetime.timedelta(minutes=5)
    return TrainingSession.objects.create(
        title=extra.pop("title", "Tập huấn chữ ký số"),
        course=course,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        place="Hội trường UBND xã An Bình",
        commune=extra.pop("commune", world.commune_a1),
        trainer=world.trainer,
        created_by=world.manager_a,
        **extra,
    )


def invite(session, *people, by=None):
    for person in people:
        Invitation.objects.create(session=session, user=person, invited_by=by or session.created_by)


def blended_course(*, sequential=False):
    course, steps = build_course(title="Kỹ năng số kết hợp", lessons=1, sequential=sequential)
    step = publish(course, SessionStepPage(title="Buổi thực hành tại xã", slug="buoi-thuc-hanh"))
    return course, steps[0], step


# --- The model -------------------------------------------------------------------------------------


def test_a_session_ends_after_it_starts(world):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_session(world, starts=now, hours=0)


def test_one_attendance_per_cadre_and_session(world):
    session = make_session(world)
    Attendance.objects.create(session=session, user=world.cadre, method="manual", recorded_by=world.trainer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(session=session, user=world.cadre, method="checkin", recorded_by=world.cadre)


# --- The code --------------------------------------------------------------------------------------


def test_a_code_lives_its_window_and_the_next_and_no_longer():
    now = time.time()
    window = checkin.current_window(now)
    assert checkin.read_token(checkin.make_token(7, window), now=now).session_id == 7
    assert checkin.read_token(checkin.make_token(7, window - 1), now=now).window == window - 1
    with pytest.raises(checkin.BadCode) as stale:
        checkin.read_token(checkin.make_token(7, window - 2), now=now)
    assert stale.value.message == checkin.EXPIRED
    with pytest.raises(checkin.BadCode):
        checkin.read_token(checkin.make_token(7, window + 1), now=now)  # from the future: made, not shown


def test_a_code_cannot_be_forged_or_moved_to_another_session():
    token = checkin.make_token(7)
    forged = token.replace("7-", "8-", 1)
    with pytest.raises(checkin.BadCode) as bad:
        checkin.read_token(forged)
    assert bad.value.message == checkin.FORGED
    with pytest.raises(checkin.BadCode) as other:
        checkin.read_token(token, session_id=8)
    assert other.value.message == checkin.OTHER_SESSION


# --- Check-in by the URL in the QR code -------------------------------------------------------------


def scan(client, session, *, window=None):
    return client.get(reverse("blended:checkin", kwargs={"token": checkin.make_token(session.pk, window)}))


def test_scanning_then_confirming_records_the_cadre_once(client, world):
    session = make_session(world)
    invite(session, world.cadre)
    client.force_login(world.cadre)
    page = scan(client, session)
    assert page.status_code == 200
    assert Attendance.objects.count() == 0  # showing the page writes nothing
    ticket = page.context["ticket"]
    done = client.post(page.request["PATH_INFO"], {"ticket": ticket})
    assert done.status_code == 200 and 'data-checkin="recorded"' in done.content.decode()
    again = client.post(page.request["PATH_INFO"], {"ticket": ticket})
    assert "đã được điểm danh" in again.content.decode()
    attendance = Attendance.objects.get()
    assert (attendance.user, attendance.method, attendance.recorded_by) == (world.cadre, "checkin", world.cadre)


def test_a_stale_code_is_refused_with_a_clear_message(client, world):
    session = make_session(world)
    invite(session, world.cadre)
    client.force_login(world.cadre)
    page = scan(client, session, window=checkin.current_window() - 2)
    assert page.status_code == 400
    assert "đã hết hạn" in page.content.decode()
    assert "ticket" not in page.context or not page.context.get("ticket")


def test_the_confirmation_belongs_to_the_account_that_scanned(client, world):
    session = make_session(world)
    invite(session, world.cadre, world.leader)
    client.force_login(world.cadre)
    ticket = scan(client, session).context["ticket"]
    client.force_login(world.leader)
    refused = client.post(reverse("blended:checkin", kwargs={"token": "x"}), {"ticket": ticket})
    assert refused.status_code == 403
    assert "tài khoản khác" in refused.content.decode()
    assert not Attendance.objects.exists()


def test_one_phone_checks_in_one_account_per_session(client, world):
    session = make_session(world)
    invite(session, world.cadre, world.leader)
    client.force_login(world.cadre)
    client.post(reverse("blended:checkin", kwargs={"token": "x"}), {"ticket": scan(client, session).context["ticket"]})
    # The same browser (its cookie) logs in as a colleague and scans again.
    client.force_login(world.leader)
    ticket = scan(client, session).context["ticket"]
    refused = client.post(reverse("blended:checkin", kwargs={"token": "x"}), {"ticket": ticket})
    assert refused.status_code == 403
    assert "tài khoản khác ở buổi học này" in refused.content.decode()
    assert list(Attendance.objects.values_list("user", flat=True)) == [world.cadre.pk]


def test_not_invited_refused_unless_the_session_is_open(client, world):
    closed = make_session(world)
    client.force_login(world.cadre)
    refused = client.post(
        reverse("blended:checkin", kwargs={"token": "x"}), {"ticket": scan(client, closed).context["ticket"]}
    )
    assert refused.status_code == 403 and "danh sách mời" in refused.content.decode()
    open_session = make_session(world, title="Buổi mở", open_to_all=True)
    client.post(
        reverse("blended:checkin", kwargs={"token": "x"}), {"ticket": scan(client, open_session).context["ticket"]}
    )
    attendance = Attendance.objects.get()
    assert attendance.session == open_session and attendance.walk_in


def test_check_in_only_while_the_session_runs(world):
    later = make_session(world, starts=timezone.now() + datetime.timedelta(hours=3))
    invite(later, world.cadre)
    with pytest.raises(ValidationError):
        services.attendance_checkin(session=later, user=world.cadre, window=checkin.current_window())


def test_anonymous_scanner_logs_in_first(client, world):
    session = make_session(world)
    url = reverse("blended:checkin", kwargs={"token": checkin.make_token(session.pk)})
    response = client.get(url)
    assert (
        response.status_code == 302 and "/accounts/login/" in response["Location"] and "checkin" in response["Location"]
    )


# --- The trainer's screens ---------------------------------------------------------------------------


def test_the_check_in_screen_shows_an_inline_qr_of_the_current_code(client, world):
    session = make_session(world)
    client.force_login(world.trainer)
    page = client.get(reverse("training_sessions:checkin", args=[session.pk])).content.decode()
    assert "<svg" in page and 'http-equiv="refresh"' in page and 'src="http' not in page
    path = page.split('data-checkin-path="', 1)[1].split('"', 1)[0]
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert checkin.read_token(token, session_id=session.pk)
    code = client.get(reverse("training_sessions:checkin_code", args=[session.pk])).json()
    assert code["svg"].startswith("<svg") and code["path"].startswith("/learn/sessions/checkin/")


def test_manual_marking_from_the_roster_is_logged_with_who(client, world):
    session = make_session(world)
    invite(session, world.cadre)
    client.force_login(world.trainer)
    roster = client.get(reverse("training_sessions:roster", args=[session.pk]))
    assert world.cadre.full_name in roster.content.decode()
    client.post(reverse("training_sessions:roster", args=[session.pk]), {"user": world.cadre.pk})
    attendance = Attendance.objects.get()
    assert (attendance.method, attendance.recorded_by) == ("manual", world.trainer)
    assert ModelLogEntry.objects.filter(action=services.LOG_ATTENDANCE_MANUAL, user=world.trainer).exists()


def test_sessions_are_scoped_for_every_screen(client, world):
    session = make_session(world)
    other_trainer = UserFactory(username="trainer2", full_name="Giảng Viên Khác", roles=["Trainers"])
    names = ["roster", "invite", "checkin", "checkin_code", "edit"]
    for person, allowed in [
        (world.manager_a, True),
        (world.commune_manager_a1, True),
        (world.trainer, True),
        (world.manager_b, False),
        (other_trainer, False),
    ]:
        client.force_login(person)
        for name in names:
            status = client.get(reverse(f"training_sessions:{name}", args=[session.pk])).status_code
            assert (status == 200) is allowed, (person.username, name, status)
        listing = client.get(reverse("training_sessions:index")).content.decode()
        assert (session.title in listing) is allowed, person.username
        manual = client.post(reverse("training_sessions:roster", args=[session.pk]), {"user": world.cadre.pk})
        assert (manual.status_code == 302) is allowed, person.username
        Attendance.objects.all().delete()
    client.force_login(world.cadre)
    assert client.get(reverse("training_sessions:roster", args=[session.pk])).status_code in (302, 403)


def test_a_manager_schedules_in_scope_only(client, world):
    client.force_login(world.manager_b)
    start = timezone.localtime() + datetime.timedelta(days=2)
    data = {
        "title": "Buổi ngoài phạm vi",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Nhà văn hóa",
        "commune": world.commune_a1.pk,
        "trainer": world.trainer.pk,
    }
    assert client.post(reverse("training_sessions:add"), data).status_code == 200  # the form, with an error
    assert not TrainingSession.objects.exists()
    client.force_login(world.manager_a)
    response = client.post(reverse("training_sessions:add"), {**data, "title": "Buổi trong phạm vi"})
    assert response.status_code == 302
    session = TrainingSession.objects.get()
    assert session.created_by == world.manager_a and session.commune == world.commune_a1
    ends_first = {**data, "ends_at": (start - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")}
    assert client.post(reverse("training_sessions:add"), ends_first).status_code == 200
    assert TrainingSession.objects.count() == 1


# --- Invitations ----------------------------------------------------------------------------------------


def test_inviting_a_team_notifies_its_members_once(world, django_capture_on_commit_callbacks):
    session = make_session(world)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.session_invite(session=session, actor=world.manager_a, team=world.team_a1) == 2
        assert services.session_invite(session=session, actor=world.manager_a, team=world.team_a1) == 0
    assert set(Invitation.objects.values_list("user", flat=True)) == {world.cadre.pk, world.leader.pk}
    messages = Message.objects.filter(kind="session_invitation")
    assert messages.count() == 2
    assert "Hội trường UBND xã An Bình" in messages.first().text


def test_invitations_stay_inside_the_scope(world):
    session = make_session(world)
    with pytest.raises(PermissionDenied):
        services.session_invite(session=session, actor=world.manager_b, commune=world.commune_a1)
    b_cadre = UserFactory(username="b_cadre", full_name="Cán Bộ Tỉnh Beta", commune=world.commune_b1, roles=["Cadres"])
    with pytest.raises(PermissionDenied):
        services.session_invite(session=session, actor=world.trainer, users=[b_cadre])
    with pytest.raises(PermissionDenied):
        services.session_invite(session=session, actor=world.manager_a, commune=world.commune_b1)
    assert not Invitation.objects.exists()


def test_my_learning_shows_upcoming_sessions_with_place_and_time(client, world):
    upcoming = make_session(world, starts=timezone.now() + datetime.timedelta(days=1), title="Buổi sắp tới")
    past = make_session(world, starts=timezone.now() - datetime.timedelta(days=3), title="Buổi đã qua")
    invite(upcoming, world.cadre)
    invite(past, world.cadre)
    client.force_login(world.cadre)
    page = client.get(reverse("courses:my_learning")).content.decode()
    assert "Buổi sắp tới" in page and "Hội trường UBND xã An Bình" in page
    assert timezone.localtime(upcoming.starts_at).strftime("%H:%M") in page
    assert "Buổi đã qua" not in page


# --- The session step -------------------------------------------------------------------------------------


def test_attending_completes_the_blended_course_and_issues_its_certificate(world, django_capture_on_commit_callbacks):
    from certificates.models import Certificate

    course, lesson, step = blended_course()
    course_services.enrollment_create(user=world.cadre, course=course)
    course_services.step_complete(user=world.cadre, step=lesson)
    session = make_session(world, course=course)
    invite(session, world.cadre)
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_checkin(session=session, user=world.cadre, window=checkin.current_window())
        services.attendance_mark(session=session, user=world.cadre, actor=world.trainer)  # twice: still once
    assert StepCompletion.objects.filter(user=world.cadre, step=step).count() == 1
    assert Enrollment.objects.get(user=world.cadre, course=course).completed_at is not None
    assert Certificate.objects.get(user=world.cadre, course_key=course.course_key).status == "issued"


def test_in_an_ordered_course_the_session_step_waits_for_the_step_before(world):
    course, lesson, step = blended_course(sequential=True)
    session = make_session(world, course=course)
    invite(session, world.cadre)
    services.attendance_mark(session=session, user=world.cadre, actor=world.trainer)
    enrollment = Enrollment.objects.get(user=world.cadre, course=course)  # attending enrolled them
    assert not StepCompletion.objects.filter(user=world.cadre, step=step).exists()  # locked behind the lesson
    course_services.step_complete(user=world.cadre, step=lesson)
    assert StepCompletion.objects.filter(user=world.cadre, step=step).exists()
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None


def test_the_step_page_shows_the_cadre_their_sessions(client, world):
    course, _lesson, step = blended_course()
    upcoming = make_session(world, course=course, starts=timezone.now() + datetime.timedelta(days=2), title="Buổi 2")
    invite(upcoming, world.cadre)
    course_services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    page = client.get(step.url).content.decode()
    assert "Buổi 2" in page and "Hội trường UBND xã An Bình" in page
