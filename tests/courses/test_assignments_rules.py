"""Assignment rules keep applying: arrivals (import, move, new account), the nightly reconcile, overlaps,
and a fixed number of queries per batch whatever the size of the target."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.imports import cadres_import, read_table
from accounts.models import TeamMembership
from accounts.roles import CADRES, TEAM_LEADERS
from accounts.services import person_move
from courses import assignments, services
from courses.models import Assignment, Enrollment
from notifications.models import Message
from tests.courses.builders import build_course
from tests.factories import CommuneFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(world):
    return build_course(title="An toàn thông tin cho cán bộ", lessons=1)[0]


def _rule(world, course, *, manager=None, days=20, **target):
    return assignments.assignment_rule_create(
        manager=manager or world.manager_a,
        course=course,
        due_date=timezone.localdate() + datetime.timedelta(days=days),
        run_now=True,
        **target,
    )


def _assigned(course):
    return set(Enrollment.objects.filter(course=course, source="assigned").values_list("user__username", flat=True))


def test_a_cadre_imported_later_into_the_commune_is_assigned_with_the_due_date(
    world, course, django_capture_on_commit_callbacks
):
    rule = _rule(world, course, commune=world.commune_a1)
    csv = f"Họ và tên,Số điện thoại,Mã xã phường\r\nĐinh Thị Mới Đến,0916555001,{world.commune_a1.code}\r\n"
    with django_capture_on_commit_callbacks(execute=True):
        report = cadres_import(table=read_table(data=csv.encode(), filename="moi.csv"), actor=world.manager_a)
    assert report.ok and report.created == 1
    enrolment = Enrollment.objects.get(course=course, user__full_name="Đinh Thị Mới Đến")
    assert (enrolment.source, enrolment.due_date, enrolment.assignment_id) == ("assigned", rule.due_date, rule.pk)
    rule.refresh_from_db()
    assert rule.people_count == 3
    assert Message.objects.filter(kind="assignment", user=enrolment.user).count() == 1


def test_a_cadre_moved_in_is_assigned_and_one_moved_elsewhere_keeps_the_assignment(
    world, course, django_capture_on_commit_callbacks
):
    _rule(world, course, commune=world.commune_a1)
    newcomer = UserFactory(username="chuyen_den", commune=world.commune_a2, roles=[CADRES])
    assert "chuyen_den" not in _assigned(course)
    with django_capture_on_commit_callbacks(execute=True):
        person_move(person=newcomer, commune=world.commune_a1, actor=world.manager_a)
        person_move(person=world.cadre, commune=world.commune_a2, actor=world.manager_a)
    assert _assigned(course) == {"cadre_a1", "leader_a1", "chuyen_den"}


def test_a_new_account_created_in_the_commune_is_assigned(world, course, django_capture_on_commit_callbacks):
    _rule(world, course, commune=world.commune_a1)
    with django_capture_on_commit_callbacks(execute=True):
        UserFactory(username="vua_tao", commune=world.commune_a1, roles=[CADRES])
        UserFactory(username="o_xa_khac", commune=world.commune_b1, roles=[CADRES])
    assert _assigned(course) == {"cadre_a1", "leader_a1", "vua_tao"}


def test_the_nightly_reconcile_catches_what_sent_no_signal_and_is_idempotent(
    world, course, django_capture_on_commit_callbacks
):
    rule = _rule(world, course, team=world.team_a1)
    joined = UserFactory(username="vao_to", commune=world.commune_a1, roles=[CADRES])
    TeamMembership.objects.create(user=joined, team=world.team_a1)  # the team admin sends no signal
    assert "vao_to" not in _assigned(course)

    with django_capture_on_commit_callbacks(execute=True):
        assert assignments.assignments_reconcile() == 1
    assert _assigned(course) == {"cadre_a1", "leader_a1", "vao_to"}
    before = (Enrollment.objects.count(), Message.objects.count(), list(Enrollment.objects.values().order_by("pk")))

    with django_capture_on_commit_callbacks(execute=True):
        assignments.assignments_reconcile()
    assert (Enrollment.objects.count(), Message.objects.count(), list(Enrollment.objects.values().order_by("pk"))) == (
        before
    )
    rule.refresh_from_db()
    assert (rule.people_count, rule.job_status) == (3, "done")


def test_a_rule_past_its_due_date_assigns_no_newcomer(world, course, django_capture_on_commit_callbacks):
    rule = _rule(world, course, commune=world.commune_a1)
    Assignment.objects.filter(pk=rule.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        late = UserFactory(commune=world.commune_a1, roles=[CADRES])
        assignments.assignments_reconcile()
    assert not Enrollment.objects.filter(user=late).exists()


def test_province_rule_reaches_every_commune_and_the_earliest_due_date_wins(world, course):
    province = _rule(world, course, province=world.province_a, days=60)
    other = UserFactory(username="phuong_dong_hoa", commune=world.commune_a2, roles=[TEAM_LEADERS])
    assignments.assignment_rule_apply(rule_id=province.pk)
    assert _assigned(course) == {"cadre_a1", "leader_a1", "phuong_dong_hoa"}

    # A commune manager asks earlier for their commune: those cadres follow the stricter rule.
    commune = _rule(world, course, manager=world.commune_manager_a1, commune=world.commune_a1, days=10)
    rows = dict(Enrollment.objects.filter(course=course).values_list("user_id", "assignment_id"))
    assert rows == {world.cadre.pk: commune.pk, world.leader.pk: commune.pk, other.pk: province.pk}
    # A later rule asking less (a later date) takes nobody over.
    later = _rule(world, course, team=world.team_a1, days=90)
    assert later.people_count == 0
    assert Enrollment.objects.filter(assignment=commune).count() == 2

    # Withdrawing the commune rule keeps its history; the province rule does not take them back either
    # until the commune rule is withdrawn and the province rule runs again.
    assignments.assignment_rule_withdraw(rule=commune, actor=world.commune_manager_a1)
    assert Enrollment.objects.filter(assignment=commune).count() == 2
    assignments.assignment_rule_run(rule_id=province.pk)
    assert Enrollment.objects.filter(assignment=province).count() == 3


def test_self_enrolled_and_withdrawn_cadres_are_taken_over(world, course):
    services.enrollment_create(user=world.cadre, course=course)
    services.enrollment_withdraw(user=world.cadre, course=course)
    rule = _rule(world, course, commune=world.commune_a1)
    enrolment = Enrollment.objects.get(user=world.cadre, course=course)
    assert (enrolment.source, enrolment.assignment_id, enrolment.withdrawn_at) == ("assigned", rule.pk, None)
    assert Enrollment.objects.filter(user=world.cadre).count() == 1


def test_unit_rule_reaches_unit_members_inside_the_creators_scope_only(world, course):
    unit = UnitFactory(name="Hội Nông dân")
    for person in (world.cadre,):
        person.unit = unit
        person.save()
    UserFactory(username="nong_dan_b", commune=world.commune_b1, roles=[CADRES], unit=unit)
    rule = _rule(world, course, unit=unit)
    assert _assigned(course) == {"cadre_a1"}
    assert rule.people_count == 1


def test_a_course_taken_offline_is_not_assigned(world, course):
    rule = Assignment.objects.create(
        course=course,
        course_key=course.course_key,
        commune=world.commune_a1,
        created_by=world.manager_a,
        due_date=timezone.localdate(),
    )
    course.unpublish()
    assert assignments.assignment_rule_apply(rule_id=rule.pk).skipped
    assert not Enrollment.objects.exists()


def test_a_target_is_exactly_one_place_in_the_database(world, course):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Assignment.objects.create(
            course=course,
            course_key=course.course_key,
            commune=world.commune_a1,
            province=world.province_a,
            created_by=world.manager_a,
            due_date=timezone.localdate(),
        )


def _batch_queries(world, course, people: int, size: int) -> list[int]:
    """Queries of each batch of a rule's application to a commune of ``people`` cadres."""
    commune = CommuneFactory(province=world.province_a)
    for _ in range(people):
        UserFactory(commune=commune, roles=[CADRES])
    rule = Assignment.objects.create(
        course=course,
        course_key=course.course_key,
        commune=commune,
        created_by=world.manager_a,
        due_date=timezone.localdate(),
    )
    marks = []
    with CaptureQueriesContext(connection) as ctx:
        result = assignments.assignment_rule_apply(
            rule_id=rule.pk, size=size, progress=lambda done, total: marks.append(len(ctx.captured_queries))
        )
    assert result.inserted == people and Enrollment.objects.filter(assignment=rule).count() == people
    assert Message.objects.filter(kind="assignment", idempotency_key__startswith=f"assignment:{rule.pk}:").count() == (
        people
    )
    return [after - before for before, after in zip(marks, marks[1:], strict=False)]


def test_queries_per_batch_are_the_same_whatever_the_size_of_the_target(world, course, settings):
    settings.NOTIFY_BULK_BATCH = 50
    small = _batch_queries(world, course, people=12, size=4)  # 3 batches
    large = _batch_queries(world, course, people=40, size=4)  # 10 batches
    assert len(small) == 2 and len(large) == 9
    assert set(small) == set(large) and len(set(large)) == 1, (small, large)
    assert large[0] <= 12, large  # ids, enrolments, one INSERT, and the notifications' few
