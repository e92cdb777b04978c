"""Training sessions in the dashboards: counts per commune, team and province, the commune's sessions, the export."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from blended.models import Attendance, Invitation, TrainingSession

pytestmark = pytest.mark.django_db


def session(world, title, *, days):
    starts = timezone.now() + datetime.timedelta(days=days)
    return TrainingSession.objects.create(
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Nhà văn hóa thôn Đông",
        commune=world.commune_a1,
        trainer=world.trainer,
        created_by=world.manager_a,
    )


@pytest.fixture
def sessions(world):
    past = session(world, "=HYPERLINK(1)", days=-2)
    upcoming = session(world, "Buổi sắp tới ở xã An Bình", days=3)
    for person in (world.cadre, world.leader):
        Invitation.objects.create(session=past, user=person, invited_by=world.manager_a)
    Invitation.objects.create(session=upcoming, user=world.cadre, invited_by=world.manager_a)
    Attendance.objects.create(session=past, user=world.cadre, method="checkin", recorded_by=world.cadre)
    # A walk-in counts as attended, not in the rate of invitees who came.
    Attendance.objects.create(
        session=past, user=world.commune_manager_a1, method="manual", recorded_by=world.trainer, walk_in=True
    )
    return past, upcoming


def test_commune_page_counts_and_lists_sessions(client, world, sessions):
    past, upcoming = sessions
    client.force_login(world.manager_a)
    page = client.get(reverse("reports_admin:commune", args=[world.commune_a1.pk])).content.decode()
    section = page.split('id="sessions-heading"', 1)[1]
    assert "Buổi sắp tới ở xã An Bình" in section and "HYPERLINK" in section
    # The team (cadre and leader): one session held, 2 invited, 1 attended, 50 %.
    team_row = section.split(world.team_a1.name, 1)[1].split("</tr>", 1)[0]
    assert [cell.split("<", 1)[0] for cell in team_row.split("<td>")[1:]] == ["1", "2", "1", "50,0 %"]
    total = section.split("kns-total", 1)[1].split("</tr>", 1)[0]
    assert [cell.split("<", 1)[0] for cell in total.split("<td")[1:]] == [">1", ">2", ">2", " data-rate>50,0 %"]


def test_province_page_has_a_row_per_commune(client, world, sessions):
    client.force_login(world.manager_a)
    page = client.get(reverse("reports_admin:province", args=[world.province_a.pk])).content.decode()
    section = page.split('id="sessions-heading"', 1)[1]
    assert world.commune_a1.name in section and world.commune_a2.name not in section


def test_national_overview_compares_provinces(client, world, sessions):
    client.force_login(world.superuser)
    page = client.get(reverse("reports_admin:overview")).content.decode()
    section = page.split('id="sessions-heading"', 1)[1].split("</table>", 1)[0]
    alpha = section.split(world.province_a.name, 1)[1].split("</tr>", 1)[0]
    assert [cell.split("<", 1)[0] for cell in alpha.split("<td>")[1:]] == ["1", "2", "2", "50,0 %"]
    beta = section.split(world.province_b.name, 1)[1].split("</tr>", 1)[0]
    assert [cell.split("<", 1)[0] for cell in beta.split("<td>")[1:]] == ["0", "0", "0", "—"]


def test_a_province_manager_overview_has_no_national_comparison(client, world, sessions):
    client.force_login(world.manager_a)
    page = client.get(reverse("reports_admin:overview")).content.decode()
    assert world.province_b.name not in page.split('id="sessions-heading"', 1)[-1]


def test_export_is_a_post_in_scope_with_no_formula(client, world, sessions):
    url = reverse("reports_admin:sessions_export", args=["commune", world.commune_a1.pk])
    client.force_login(world.manager_b)
    assert client.post(url, {"export": "csv"}).status_code == 404
    client.force_login(world.manager_a)
    assert client.get(url).status_code == 302  # a GET starts nothing
    response = client.post(url, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Nơi", "Buổi đã tổ chức", "Lượt mời", "Lượt có mặt"]
    assert [world.team_a1.name, "1", "2", "1", "50.0"] in rows
    titles = [row[0] for row in rows if row]
    assert "'=HYPERLINK(1)" in titles
    xlsx = client.post(url, {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
