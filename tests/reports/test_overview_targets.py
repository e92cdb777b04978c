"""A commune manager's overview lists the targets that apply to their commune, province targets
included, as the commune page does (issue 10, item 6: it said "Chưa có chỉ tiêu nào")."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import summaries
from reports.models import Target
from tests.factories import ManagerScopeFactory
from tests.reports import helpers

pytestmark = pytest.mark.django_db


def target_lines(html: str) -> list[str]:
    """Each target's headline and progress, whitespace squeezed, as a manager reads them."""
    items = re.findall(r'<li class="kns-target[^"]*">(.*?)</li>', html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


@pytest.fixture
def targets(world):
    course, _steps = helpers.course()
    due = timezone.localdate() + dt.timedelta(days=30)
    made = [
        Target.objects.create(
            province=world.province_a, course_key=course.course_key, course_title=course.title, percent=p, due_date=due
        )
        for p in (60, 70, 90)
    ]
    made.append(Target.objects.create(commune=world.commune_a1, percent=50, due_date=due))
    Target.objects.create(commune=world.commune_a2, percent=40, due_date=due)  # another commune's
    Target.objects.create(province=world.province_b, percent=30, due_date=due)  # another province's
    helpers.enrol(world.cadre, course, completed=True)
    summaries.rebuild()
    return made


def test_commune_manager_overview_shows_the_targets_of_the_commune_page(client, world, targets):
    client.force_login(world.commune_manager_a1)
    overview = client.get(reverse("reports_admin:overview"))
    commune = client.get(reverse("reports_admin:commune", args=[world.commune_a1.pk]))
    assert overview.status_code == commune.status_code == 200
    html = overview.content.decode()
    assert "Chưa có chỉ tiêu nào" not in html
    lines = target_lines(html)
    assert len(lines) == 4
    assert sorted(int(line.split("%")[0]) for line in lines) == [50, 60, 70, 90]
    # Province targets show the commune's own progress (the cadre and the leader), no other commune.
    assert all("(1/2 người)" in line for line in lines if "Kỹ năng số cơ bản" in line)
    assert world.commune_a2.name not in html and world.province_b.name not in html
    assert lines == target_lines(commune.content.decode())


def test_province_manager_overview_keeps_the_province_view(client, world, targets):
    client.force_login(world.manager_a)
    html = client.get(reverse("reports_admin:overview")).content.decode()
    lines = target_lines(html)
    assert sorted(int(line.split("%")[0]) for line in lines) == [60, 70, 90]
    assert all("(1/" in line for line in lines)  # the province's cadres, the one who completed


def test_manager_of_two_communes_sees_both_communes_progress(client, world, targets):
    ManagerScopeFactory(user=world.commune_manager_a1, commune=world.commune_a2)
    client.force_login(world.commune_manager_a1)
    html = client.get(reverse("reports_admin:overview")).content.decode()
    lines = target_lines(html)
    assert sorted(int(line.split("%")[0]) for line in lines) == [40, 50, 60, 70, 90]
    assert world.province_b.name not in html
