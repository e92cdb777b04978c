"""Targets: the red / amber / green rule, setting one (and refusing bad ones), communes at risk."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import CADRES
from reports import services, summaries
from reports import targets as rag
from reports.models import Target, TargetProgress
from tests.factories import UnitFactory, UserFactory
from tests.reports import helpers

TODAY = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    "percent,numerator,denominator,start,due,expected_status,label",
    [
        (80, 8, 10, dt.date(2026, 1, 1), dt.date(2026, 6, 1), rag.GREEN, "Đã đạt"),  # 80% of an 80% target
        (60, 3, 10, dt.date(2026, 1, 1), dt.date(2026, 5, 1), rag.GREEN, "Đúng tiến độ"),  # expected 29.5%, has 30%
        (80, 2, 10, dt.date(2026, 1, 1), dt.date(2026, 5, 1), rag.RED, "Nguy cơ không đạt"),  # expected 39.3%, has 20%
        (80, 5, 10, dt.date(2025, 1, 1), dt.date(2026, 2, 1), rag.RED, "Không đạt (đã quá hạn)"),
        (80, 0, 0, dt.date(2026, 1, 1), dt.date(2026, 5, 1), rag.NONE, "Chưa có người trong nhóm"),
    ],
)
def test_rag_rule(percent, numerator, denominator, start, due, expected_status, label):
    assessment = rag.assess(
        percent=percent, start=start, due=due, numerator=numerator, denominator=denominator, today=TODAY
    )
    assert assessment.status == expected_status
    assert str(assessment.label) == label


def test_expected_progress_grows_evenly_to_the_due_date():
    start, due = dt.date(2026, 1, 1), dt.date(2026, 1, 11)
    assert rag.expected_percent(percent=100, start=start, due=due, today=start) == 0
    assert rag.expected_percent(percent=100, start=start, due=due, today=dt.date(2026, 1, 6)) == 50
    assert rag.expected_percent(percent=100, start=start, due=due, today=due) == 100


def test_amber_is_at_most_ten_points_behind():
    start, due = dt.date(2026, 1, 1), dt.date(2026, 1, 11)
    today = dt.date(2026, 1, 6)  # expected 50%
    assert rag.assess(percent=100, start=start, due=due, numerator=40, denominator=100, today=today).status == rag.AMBER
    assert rag.assess(percent=100, start=start, due=due, numerator=39, denominator=100, today=today).status == rag.RED
    assert rag.assess(percent=100, start=start, due=due, numerator=50, denominator=100, today=today).status == rag.GREEN


def _post(client, **data):
    base = {
        "locality": "",
        "course": "",
        "population": Target.Population.ALL,
        "unit": "",
        "measure": Target.Measure.COMPLETED,
        "percent": "80",
        "due_date": (timezone.localdate() + dt.timedelta(days=60)).isoformat(),
    }
    base.update(data)
    return client.post(reverse("reports_admin:targets"), base)


@pytest.mark.django_db
def test_a_manager_sets_a_target_and_sees_its_progress(client, world, django_capture_on_commit_callbacks):
    course, _steps = helpers.course()
    helpers.enrol(world.cadre, course, completed=True)
    client.force_login(world.manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client,
            locality=f"province:{world.province_a.pk}",
            course=str(course.course_key),
            population=Target.Population.TEAM_MEMBERS,
            percent="100",
        )
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.province, target.course_key, target.percent, target.created_by) == (
        world.province_a,
        course.course_key,
        100,
        world.manager_a,
    )
    progress = TargetProgress.objects.get(target=target, commune_id=world.commune_a1.pk)
    assert (progress.numerator, progress.denominator) == (1, 2)
    page = client.get(reverse("reports_admin:province", args=[world.province_a.pk])).content.decode()
    assert "kns-rag-" in page and "1/2" in page
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(action="reports.target.create", user_id=world.manager_a.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data,message",
    [
        ({"percent": "101"}, "Tỷ lệ phải là số nguyên từ 1 đến 100%."),
        ({"percent": "0"}, "Tỷ lệ phải là số nguyên từ 1 đến 100%."),
        ({"percent": "tám mươi"}, "Tỷ lệ phải là số nguyên từ 1 đến 100%."),
        ({"due_date": "2020-01-01"}, "Hạn của chỉ tiêu không được ở quá khứ."),
        ({"due_date": "31/02/2030"}, "Ngày phải theo dạng"),
        ({"population": "unit"}, "Hãy chọn đơn vị khi chỉ tiêu dành cho cán bộ của một đơn vị."),
    ],
)
def test_bad_targets_are_refused_with_a_message(client, world, data, message):
    client.force_login(world.manager_a)
    response = _post(client, locality=f"province:{world.province_a.pk}", **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Target.objects.exists()


@pytest.mark.django_db
def test_a_target_outside_the_scope_is_refused(client, world):
    client.force_login(world.manager_a)
    response = _post(client, locality=f"province:{world.province_b.pk}")
    assert response.status_code == 200 and not Target.objects.exists()
    response = _post(client, locality=f"commune:{world.commune_b1.pk}")
    assert response.status_code == 200 and not Target.objects.exists()
    client.force_login(world.commune_manager_a1)
    response = _post(client, locality=f"province:{world.province_a.pk}")
    assert not Target.objects.exists()


@pytest.mark.django_db
def test_the_service_refuses_bad_targets(world):
    future = timezone.localdate() + dt.timedelta(days=10)
    with pytest.raises(ValidationError) as error:
        services.target_create(manager=world.manager_a, province=world.province_a, percent=120, due_date=future)
    assert services.TARGET_PERCENT in error.value.message_dict["percent"]
    with pytest.raises(ValidationError) as error:
        services.target_create(
            manager=world.manager_a,
            province=world.province_a,
            percent=50,
            due_date=timezone.localdate() - dt.timedelta(days=1),
        )
    assert services.TARGET_PAST in error.value.message_dict["due_date"]
    with pytest.raises(PermissionDenied):
        services.target_create(manager=world.manager_b, province=world.province_a, percent=50, due_date=future)
    with pytest.raises(PermissionDenied):
        services.target_create(manager=world.commune_manager_a1, commune=world.commune_a2, percent=50, due_date=future)
    assert not Target.objects.exists()


@pytest.mark.django_db
def test_communes_at_risk_are_listed(client, world):
    course, _steps = helpers.course()
    unit = UnitFactory(name="Hội Phụ nữ")
    for n in range(4):
        UserFactory(commune=world.commune_a2, unit=unit, roles=[CADRES], full_name=f"Chậm {n}")
    target = Target.objects.create(
        province=world.province_a,
        course_key=course.course_key,
        population=Target.Population.ALL,
        measure=Target.Measure.COMPLETED,
        percent=80,
        start_date=timezone.localdate() - dt.timedelta(days=50),
        due_date=timezone.localdate() + dt.timedelta(days=10),
    )
    helpers.enrol(world.cadre, course, completed=True)
    helpers.enrol(world.leader, course, completed=True)
    summaries.rebuild()
    client.force_login(world.manager_a)
    page = client.get(reverse("reports_admin:targets")).content.decode()
    # Xã An Bình: 2 of 2 completed (green); Phường Đông Hòa: 0 of 4 (red, at risk).
    assert world.commune_a2.name in page
    risky = page.split("Xã, phường có nguy cơ")[1]
    assert world.commune_a2.name in risky and world.commune_a1.name not in risky.split("</tbody>")[0]
    assert target.pk


@pytest.mark.django_db
def test_deleting_a_target(client, world):
    target = Target.objects.create(
        province=world.province_a, percent=50, due_date=timezone.localdate() + dt.timedelta(days=5)
    )
    client.force_login(world.manager_b)
    assert client.post(reverse("reports_admin:target_delete", args=[target.pk])).status_code == 404
    client.force_login(world.manager_a)
    assert client.post(reverse("reports_admin:target_delete", args=[target.pk])).status_code == 302
    assert not Target.objects.exists()


@pytest.mark.django_db
def test_a_commune_manager_sees_the_province_target_for_their_commune_only(client, world):
    course, _steps = helpers.course()
    Target.objects.create(
        province=world.province_a,
        course_key=course.course_key,
        course_title=course.title,
        percent=90,
        due_date=timezone.localdate() + dt.timedelta(days=30),
    )
    UserFactory(commune=world.commune_a2, roles=[CADRES], full_name="Cán bộ Đông Hòa")
    helpers.enrol(world.cadre, course, completed=True)
    summaries.rebuild()
    client.force_login(world.commune_manager_a1)
    page = client.get(reverse("reports_admin:commune", args=[world.commune_a1.pk])).content.decode()
    assert "90%" in page and "(1/2 người)" in page  # their commune: the cadre and the leader
    assert world.commune_a2.name not in page
