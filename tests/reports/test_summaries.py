"""Summary rows: what counts where, merged communes, teams, targets, and the refresh after completions."""

import datetime as dt

import pytest
from django.db.models import Sum
from django.utils import timezone

from accounts.roles import CADRES
from courses import services as course_services
from localities.models import Commune
from reports import summaries
from reports.models import (
    ALL_CADRES,
    ALL_COURSES,
    ANY_TEAM,
    CommuneRefresh,
    CourseTotal,
    DailyProgress,
    PeopleCount,
    Target,
    TargetProgress,
)
from tests.factories import TeamMembershipFactory, UnitFactory, UserFactory
from tests.reports import helpers

pytestmark = pytest.mark.django_db


def totals(commune, course_key=ALL_COURSES):
    row = CourseTotal.objects.filter(commune_id=commune.pk, course_key=course_key).first()
    return row


def people(commune, team_id=ALL_CADRES):
    return PeopleCount.objects.filter(commune_id=commune.pk, team_id=team_id).aggregate(
        registered=Sum("registered"), certified=Sum("certified_any"), completed=Sum("completed_any")
    )


def test_counts_every_stage_of_a_commune(world):
    course, steps = helpers.course(quiz=True)
    quiz = steps[-1]
    other = UserFactory(commune=world.commune_a1, roles=[CADRES])
    late = UserFactory(commune=world.commune_a1, roles=[CADRES])
    helpers.enrol(world.cadre, course, completed=True, assigned=True, due_in=5)
    helpers.enrol(world.leader, course, started=True)
    helpers.enrol(other, course)
    helpers.enrol(late, course, assigned=True, due_in=-3, started=True)
    helpers.certify(world.cadre, course)
    helpers.attempt(world.cadre, quiz, course, score=60, passed=False, number=1)
    helpers.attempt(world.cadre, quiz, course, score=90, passed=True, number=2)
    helpers.attempt(world.leader, quiz, course, score=40, passed=False)

    summaries.rebuild()

    row = totals(world.commune_a1, course.course_key)
    assert (row.enrolled, row.assigned, row.started, row.completed, row.certified, row.overdue) == (4, 2, 3, 1, 1, 1)
    # Best score per cadre and quiz: 90 and 40; one of the two passed.
    assert (row.quiz_takers, row.quiz_passers, row.quiz_best_sum) == (2, 1, 130.0)
    everything = totals(world.commune_a1)
    assert everything.enrolled == 4
    # Registered cadres: the cadre, the leader and the two others (managers living there are not cadres).
    assert people(world.commune_a1)["registered"] == 4
    assert people(world.commune_a1)["certified"] == 1
    assert CommuneRefresh.objects.get(commune_id=world.commune_a1.pk).refreshed_at is not None


def test_daily_rows_split_by_enrolment_day_and_keep_completions_on_their_day(world):
    course, _steps = helpers.course()
    helpers.enrol(world.cadre, course, days_ago=20, completed=True)
    helpers.enrol(world.leader, course, days_ago=3)
    summaries.rebuild()
    rows = DailyProgress.objects.filter(commune_id=world.commune_a1.pk, team_id=ALL_CADRES)
    assert rows.aggregate(n=Sum("enrolled"))["n"] == 2
    assert rows.aggregate(n=Sum("completions"))["n"] == 1
    completion_day = timezone.localdate() - dt.timedelta(days=19)
    assert rows.get(day=completion_day).completions == 1


def test_former_commune_rolls_up_into_its_successor(world):
    former = Commune.objects.get(name="Xã Cũ Hòa Mỹ")
    course, _steps = helpers.course()
    helpers.enrol(world.cadre, course, commune=former, completed=True)
    summaries.rebuild()
    assert totals(world.commune_a1).completed == 1
    assert not CourseTotal.objects.filter(commune_id=former.pk).exists()
    # A rebuild asked for the former commune rebuilds its successor.
    CourseTotal.objects.all().delete()
    summaries.rebuild([former.pk])
    assert totals(world.commune_a1).completed == 1


def test_withdrawn_enrolments_do_not_count_and_versions_count_once(world):
    course, _steps = helpers.course(title="Khóa A")
    copy, _ = helpers.course(title="Khóa A (bản mới)")
    copy.course_key = course.course_key
    copy.save()
    helpers.enrol(world.cadre, course, completed=True)
    helpers.enrol(world.cadre, copy, days_ago=1)  # the new version, not started: the completed one counts
    helpers.enrol(world.leader, course, withdrawn=True)
    summaries.rebuild()
    row = totals(world.commune_a1, course.course_key)
    assert (row.enrolled, row.completed) == (1, 1)


def test_team_rows_count_members_once_across_teams(world):
    from tests.factories import TeamFactory

    second = TeamFactory(commune=world.commune_a1, name="Tổ thôn Tây")
    TeamMembershipFactory(team=second, user=world.cadre, role="member")  # the cadre is in two teams
    course, _steps = helpers.course()
    helpers.enrol(world.cadre, course, completed=True)
    helpers.certify(world.cadre, course)
    summaries.rebuild()
    first = DailyProgress.objects.filter(team_id=world.team_a1.pk).aggregate(n=Sum("enrolled"))["n"]
    other = DailyProgress.objects.filter(team_id=second.pk).aggregate(n=Sum("enrolled"))["n"]
    any_team = DailyProgress.objects.filter(commune_id=world.commune_a1.pk, team_id=ANY_TEAM).aggregate(
        n=Sum("enrolled")
    )["n"]
    assert (first, other, any_team) == (1, 1, 1)
    assert people(world.commune_a1, ANY_TEAM) == {"registered": 2, "certified": 1, "completed": 1}
    assert people(world.commune_a1, world.team_a1.pk)["registered"] == 2


def test_units_partition_the_commune(world):
    unit = UnitFactory(name="Hội Nông dân")
    world.cadre.unit = unit
    world.cadre.save()
    course, _steps = helpers.course()
    helpers.enrol(world.cadre, course)
    helpers.enrol(world.leader, course)
    summaries.rebuild()
    by_unit = dict(
        DailyProgress.objects.filter(commune_id=world.commune_a1.pk, team_id=ALL_CADRES)
        .values_list("unit_id")
        .annotate(n=Sum("enrolled"))
        .values_list("unit_id", "n")
    )
    assert by_unit == {unit.pk: 1, 0: 1}


def test_target_progress_per_commune(world):
    course, _steps = helpers.course()
    target = Target.objects.create(
        province=world.province_a,
        course_key=course.course_key,
        population=Target.Population.TEAM_MEMBERS,
        measure=Target.Measure.CERTIFIED,
        percent=100,
        due_date=timezone.localdate() + dt.timedelta(days=30),
    )
    helpers.enrol(world.cadre, course, completed=True)
    helpers.certify(world.cadre, course)
    summaries.rebuild()
    mine = TargetProgress.objects.get(target=target, commune_id=world.commune_a1.pk)
    assert (mine.numerator, mine.denominator) == (1, 2)
    # Every commune of the province gets a row, with an empty population where there is nobody.
    assert TargetProgress.objects.get(target=target, commune_id=world.commune_a2.pk).denominator == 0


def test_a_rebuild_of_one_commune_leaves_the_others(world):
    course, _steps = helpers.course()
    other = UserFactory(commune=world.commune_a2, roles=[CADRES])
    helpers.enrol(world.cadre, course)
    helpers.enrol(other, course)
    summaries.rebuild()
    helpers.enrol(world.leader, course)
    summaries.rebuild([world.commune_a1.pk])
    assert totals(world.commune_a1).enrolled == 2
    assert totals(world.commune_a2).enrolled == 1
    full = {(r.commune_id, r.course_key, r.enrolled) for r in CourseTotal.objects.all()}
    summaries.rebuild()
    assert {(r.commune_id, r.course_key, r.enrolled) for r in CourseTotal.objects.all()} == full


def test_rows_of_communes_that_merged_since_are_dropped(world):
    course, _steps = helpers.course()
    helpers.enrol(world.cadre, course)
    summaries.rebuild()
    CourseTotal.objects.create(province_id=world.province_a.pk, commune_id=999_999, course_key=ALL_COURSES, enrolled=5)
    summaries.rebuild()
    assert not CourseTotal.objects.filter(commune_id=999_999).exists()


def test_completing_a_course_refreshes_its_commune_once_on_commit(world, django_capture_on_commit_callbacks):
    course, steps = helpers.course(lessons=2)
    course_services.enrollment_create(user=world.cadre, course=course)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        from django.db import transaction

        with transaction.atomic():
            for step in steps:
                course_services.step_complete(user=world.cadre, step=step)
    # Two steps and a course completed in one transaction: one refresh callback.
    refreshes = [c for c in callbacks if type(c).__name__ == "_PendingRefresh"]
    assert len(refreshes) == 1
    assert totals(world.commune_a1).completed == 1


def test_refresh_of_changed_communes_finds_what_sends_no_signal(world):
    from reports import services

    course, _steps = helpers.course()
    helpers.enrol(world.cadre, course)  # an enrolment sends no signal
    assert world.commune_a1.pk in services.changed_communes(since=timezone.now() - dt.timedelta(minutes=5))
    services.summaries_refresh_changed()
    assert totals(world.commune_a1).enrolled == 1
