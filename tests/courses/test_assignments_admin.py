"""The assignment screen ("Giao khóa học"): every POST, with the status and the rows it writes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import CADRES
from courses import assignments
from courses.models import Assignment, Enrollment
from notifications.models import Message
from tests.courses.builders import build_course
from tests.factories import PASSWORD, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

ADD = "assignments:add"


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def _assert_refused(response):
    """403, or Wagtail's own refusal: people without admin access go to its login, others to the dashboard."""
    if response.status_code == 302:
        assert "/login/" in response["Location"] or response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 403


def _due(days=30):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


@pytest.fixture
def course(world):
    return build_course(title="Chuyển đổi số cho cán bộ cơ sở", lessons=1)[0]


def _post_rule(client, course, captured, **target):
    data = {"course": course.pk, "due_date": _due(), **{k: v.pk for k, v in target.items()}}
    data.update({k: v for k, v in target.items() if isinstance(v, str)})
    with captured(execute=True):
        return client.post(reverse(ADD), data)


def test_province_manager_assigns_a_commune_and_every_active_cadre_gets_it(
    client, world, course, django_capture_on_commit_callbacks
):
    asleep = UserFactory(commune=world.commune_a1, roles=[CADRES], is_active=False)
    _login(client, world.manager_a)

    response = _post_rule(client, course, django_capture_on_commit_callbacks, commune=world.commune_a1)

    rule = Assignment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assignments:inspect", args=[rule.pk])
    assert (rule.commune, rule.created_by, rule.job_status) == (world.commune_a1, world.manager_a, "done")
    enrolled = Enrollment.objects.filter(course=course)
    # The cadre and the team leader; not the managers living there, not a deactivated account.
    assert set(enrolled.values_list("user__username", flat=True)) == {"cadre_a1", "leader_a1"}
    assert set(enrolled.values_list("source", "due_date", "assignment_id")) == {
        ("assigned", datetime.date.fromisoformat(_due()), rule.pk)
    }
    assert not enrolled.filter(user=asleep).exists()
    assert rule.people_count == 2
    # Each cadre is told once, through the notification service.
    assert set(Message.objects.filter(kind="assignment").values_list("user__username", flat=True)) == {
        "cadre_a1",
        "leader_a1",
    }

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Chuyển đổi số cho cán bộ cơ sở" in page.content.decode()

    listing = client.get(reverse("assignments:index")).content.decode()
    assert "Xã An Bình" in listing and "Đang áp dụng" in listing


def test_a_past_due_date_is_a_message_on_the_form_and_nothing_is_written(
    client, world, course, django_capture_on_commit_callbacks
):
    _login(client, world.manager_a)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(ADD), {"course": course.pk, "commune": world.commune_a1.pk, "due_date": yesterday}
        )
    assert response.status_code == 200
    assert "Hạn hoàn thành phải từ hôm nay trở đi." in response.content.decode()
    assert not Assignment.objects.exists()
    assert not Enrollment.objects.exists()
    assert not Message.objects.exists()


def test_today_is_a_valid_due_date(client, world, course, django_capture_on_commit_callbacks):
    _login(client, world.manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(ADD),
            {"course": course.pk, "team": world.team_a1.pk, "due_date": timezone.localdate().isoformat()},
        )
    assert response.status_code == 302
    assert Enrollment.objects.filter(assignment__team=world.team_a1).count() == 2


@pytest.mark.parametrize(
    "who,target",
    [
        ("manager_a", "commune_b1"),  # another province's commune
        ("manager_a", "province_b"),  # another province
        ("commune_manager_a1", "commune_a2"),  # a neighbouring commune of the same province
        ("commune_manager_a1", "province_a"),  # a commune manager never assigns a whole province
        ("manager_b", "team_a1"),  # a team of another province
    ],
)
def test_a_target_outside_the_scope_is_refused_and_nothing_is_written(
    client, world, course, who, target, django_capture_on_commit_callbacks
):
    _login(client, getattr(world, who))
    field = "team" if target.startswith("team") else target.split("_")[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(ADD), {"course": course.pk, field: getattr(world, target).pk, "due_date": _due()}
        )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() or "error-message" in response.content.decode()
    assert not Assignment.objects.exists()
    assert not Enrollment.objects.exists()


def test_two_targets_at_once_are_refused(client, world, course):
    _login(client, world.manager_a)
    response = client.post(
        reverse(ADD),
        {"course": course.pk, "commune": world.commune_a1.pk, "team": world.team_a1.pk, "due_date": _due()},
    )
    assert response.status_code == 200
    assert "Hãy chọn đúng một nhóm người nhận" in response.content.decode()
    assert not Assignment.objects.exists()


def test_the_service_refuses_out_of_scope_targets_too(world, course):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        assignments.assignment_rule_create(
            manager=world.commune_manager_a1,
            course=course,
            due_date=timezone.localdate(),
            province=world.province_a,
        )
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("who", ["cadre", "leader", "trainer"])
def test_wrong_role_gets_403_and_nothing_is_written(client, world, course, who, django_capture_on_commit_callbacks):
    _login(client, getattr(world, who))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(ADD), {"course": course.pk, "commune": world.commune_a1.pk, "due_date": _due()})
    _assert_refused(response)
    assert not Assignment.objects.exists()
    assert not Enrollment.objects.exists()


def test_anonymous_is_sent_to_login(client, world, course):
    response = client.post(reverse(ADD), {"course": course.pk, "commune": world.commune_a1.pk, "due_date": _due()})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Assignment.objects.exists()


def _rule(world, course, **target):
    return assignments.assignment_rule_create(
        manager=world.manager_a, course=course, due_date=timezone.localdate(), run_now=True, **target
    )


def test_withdrawing_asks_first_then_stops_future_assignment_and_keeps_history(
    client, world, course, django_capture_on_commit_callbacks
):
    rule = _rule(world, course, commune=world.commune_a1)
    _login(client, world.manager_a)
    url = reverse("assignments:withdraw", args=[rule.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Thu hồi quy tắc giao khóa học" in confirm.content.decode()
    rule.refresh_from_db()
    assert rule.withdrawn_at is None  # GET changes nothing

    response = client.post(url)
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.withdrawn_at is not None and rule.withdrawn_by == world.manager_a
    # History stays: the enrolments it made, linked to it, and its count.
    assert Enrollment.objects.filter(assignment=rule).count() == 2
    assert rule.people_count == 2

    # Someone arriving afterwards is not assigned.
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = UserFactory(commune=world.commune_a1, roles=[CADRES])
    assert not Enrollment.objects.filter(user=newcomer).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assignments.assignments_reconcile()
    assert not Enrollment.objects.filter(user=newcomer).exists()

    again = client.post(url)
    assert again.status_code == 302
    assert Assignment.objects.filter(withdrawn_at__isnull=False).count() == 1


@pytest.mark.parametrize("who", ["manager_b", "commune_manager_a1"])
def test_withdrawing_someone_elses_rule_is_404_for_every_method(client, world, course, who):
    rule = _rule(world, course, province=world.province_a)
    _login(client, getattr(world, who))
    for name in ("withdraw", "inspect", "status"):
        url = reverse(f"assignments:{name}", args=[rule.pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url).status_code in (404, 405), name
    rule.refresh_from_db()
    assert rule.withdrawn_at is None


def test_wrong_role_cannot_withdraw(client, world, course):
    rule = _rule(world, course, commune=world.commune_a1)
    _login(client, world.cadre)
    response = client.post(reverse("assignments:withdraw", args=[rule.pk]))
    _assert_refused(response)
    rule.refresh_from_db()
    assert rule.withdrawn_at is None


def test_commune_manager_sees_rules_of_their_commune_only(client, world, course):
    mine = _rule(world, course, commune=world.commune_a1)
    other_commune = _rule(world, course, commune=world.commune_a2)
    province = _rule(world, course, province=world.province_a)
    _login(client, world.commune_manager_a1)
    response = client.get(reverse("assignments:index"))
    assert response.status_code == 200
    listed = set(response.context["object_list"].values_list("pk", flat=True))
    assert listed == {mine.pk}
    assert other_commune.pk not in listed and province.pk not in listed


def test_inspect_shows_progress_while_the_job_waits(client, world, course):
    rule = Assignment.objects.create(
        course=course,
        course_key=course.course_key,
        commune=world.commune_a1,
        created_by=world.manager_a,
        due_date=timezone.localdate(),
    )
    _login(client, world.manager_a)
    page = client.get(reverse("assignments:inspect", args=[rule.pk])).content.decode()
    assert "<progress" in page and "import_progress.js" in page
    status = client.get(reverse("assignments:status", args=[rule.pk])).json()
    assert status["running"] is True and status["status"] == "queued"


def test_a_new_team_created_in_scope_is_offered(client, world):
    team = TeamFactory(commune=world.commune_a2, name="Tổ công nghệ số phường Đông Hòa")
    _login(client, world.commune_manager_a1)
    page = client.get(reverse(ADD)).content.decode()
    assert world.team_a1.name in page and team.name not in page
    assert 'name="province"' not in page  # commune managers have no province to assign
