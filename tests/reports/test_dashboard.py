"""The dashboard: scope at every level, drill-down, filters, freshness, charts and query budgets."""

import re
import xml.etree.ElementTree as ET
from datetime import UTC

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.roles import CADRES
from reports import summaries
from tests.factories import CommuneFactory, TeamFactory, TeamMembershipFactory, UserFactory
from tests.reports import helpers

pytestmark = pytest.mark.django_db


def url(name, *args, **params):
    from urllib.parse import urlencode

    return reverse(f"reports_admin:{name}", args=args) + (f"?{urlencode(params)}" if params else "")


@pytest.fixture
def progress(world):
    course, steps = helpers.course(title="Chữ ký số cho cán bộ", quiz=True)
    other, _ = helpers.course(title="An toàn thông tin")
    helpers.enrol(world.cadre, course, completed=True, assigned=True, due_in=10)
    helpers.certify(world.cadre, course)
    helpers.attempt(world.cadre, steps[-1], course, score=85, passed=True)
    helpers.enrol(world.leader, course, started=True, assigned=True, due_in=-2)
    helpers.enrol(world.leader, other)
    b_cadre = UserFactory(full_name="Người Tỉnh Beta", commune=world.commune_b1, roles=[CADRES])
    helpers.enrol(b_cadre, course, completed=True)
    summaries.rebuild()
    return {"course": course, "other": other, "b_cadre": b_cadre}


def test_overview_lists_only_the_scope(client, world, progress):
    client.force_login(world.manager_a)
    page = client.get(url("overview")).content.decode()
    assert world.province_a.name in page and world.province_b.name not in page
    client.force_login(world.manager_b)
    page = client.get(url("overview")).content.decode()
    assert world.province_b.name in page and world.province_a.name not in page
    client.force_login(world.commune_manager_a1)
    page = client.get(url("overview")).content.decode()
    assert world.commune_a1.name in page and world.commune_a2.name not in page


def test_drill_down_province_commune_team_cadre(client, world, progress):
    client.force_login(world.manager_a)
    province = client.get(url("province", world.province_a.pk))
    assert province.status_code == 200
    body = province.content.decode()
    assert world.commune_a1.name in body and world.commune_a2.name in body
    assert "cập nhật lúc" in body
    assert reverse("reports_admin:commune", args=[world.commune_a1.pk]) in body

    commune = client.get(url("commune", world.commune_a1.pk)).content.decode()
    assert world.team_a1.name in commune
    assert world.cadre.full_name in commune and world.leader.full_name in commune
    assert reverse("reports_admin:team", args=[world.team_a1.pk]) in commune

    team = client.get(url("team", world.team_a1.pk)).content.decode()
    assert world.cadre.full_name in team

    cadre = client.get(url("cadre", world.cadre.pk)).content.decode()
    assert "Chữ ký số cho cán bộ" in cadre


@pytest.mark.parametrize(
    "name,target",
    [
        ("province", lambda w: w.province_a.pk),
        ("commune", lambda w: w.commune_a1.pk),
        ("team", lambda w: w.team_a1.pk),
        ("cadre", lambda w: w.cadre.pk),
        ("commune_remind", lambda w: w.commune_a1.pk),
        ("team_remind", lambda w: w.team_a1.pk),
    ],
)
def test_out_of_scope_managers_get_not_found(client, world, progress, name, target):
    client.force_login(world.manager_b)
    assert client.get(url(name, target(world))).status_code == 404
    for export in ("csv", "xlsx"):
        assert client.post(url(name, target(world)), {"export": export}).status_code == 404


def test_commune_manager_reaches_only_their_commune(client, world, progress):
    client.force_login(world.commune_manager_a1)
    assert client.get(url("commune", world.commune_a1.pk)).status_code == 200
    assert client.get(url("commune", world.commune_a2.pk)).status_code == 404
    assert client.get(url("province", world.province_a.pk)).status_code == 404
    assert client.get(url("commune", world.commune_b1.pk)).status_code == 404


def test_a_former_commune_has_no_page_of_its_own(client, world, progress):
    from localities.models import Commune

    former = Commune.objects.get(name="Xã Cũ Hòa Mỹ")
    client.force_login(world.manager_a)
    assert client.get(url("commune", former.pk)).status_code == 404


def test_managers_without_the_permission_are_refused(client, world, progress):
    from django.contrib.auth.models import Group

    managers = Group.objects.get(name="Managers")
    perm = managers.permissions.get(codename="view_dashboard")
    managers.permissions.remove(perm)
    try:
        fresh = type(world.manager_a).objects.get(pk=world.manager_a.pk)
        client.force_login(fresh)
        response = client.get(url("province", world.province_a.pk))
        # Wagtail's admin turns PermissionDenied into a redirect to the dashboard, with a message.
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"] == "/admin/"
    finally:
        managers.permissions.add(perm)


def _cards(body: str) -> dict:
    return dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+?)\s*(?:<small|</dd>)", body))


def test_course_filter_narrows_the_numbers(client, world, progress):
    client.force_login(world.manager_a)
    whole = _cards(client.get(url("commune", world.commune_a1.pk)).content.decode())
    filtered = _cards(
        client.get(url("commune", world.commune_a1.pk, course=progress["course"].course_key)).content.decode()
    )
    assert whole["Ghi danh (lượt)"] == "3"
    assert filtered["Ghi danh (lượt)"] == "2"


@pytest.mark.parametrize(
    "params",
    [
        {"course": "khong-phai-khoa-hoc"},
        {"course": "00000000-0000-4000-8000-000000000000"},
        {"from": "2025-13-45"},
        {"from": "hôm qua"},
        {"from": "1900-01-01"},
        {"from": "2025-10-01", "to": "2025-09-01"},
        {"unit": "abc"},
        {"unit": "999999"},
        {"team": "-3"},
        {"team": "x"},
        {"status": "lost"},
    ],
)
def test_bad_filters_show_a_message_and_the_unfiltered_view(client, world, progress, params):
    client.force_login(world.manager_a)
    plain = _cards(client.get(url("province", world.province_a.pk)).content.decode())
    response = client.get(url("province", world.province_a.pk, **params))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bộ lọc không hợp lệ" in body
    assert _cards(body) == plain


def test_team_filter_outside_the_scope_is_refused(client, world, progress):
    b_team = TeamFactory(commune=world.commune_b1, name="Tổ tỉnh Beta")
    client.force_login(world.manager_a)
    body = client.get(url("commune", world.commune_a1.pk, team=b_team.pk)).content.decode()
    assert "không thuộc địa bàn đang xem" in body
    assert "Tổ tỉnh Beta" not in body


def test_filters_are_kept_in_shareable_links(client, world, progress):
    client.force_login(world.manager_a)
    body = client.get(
        url("province", world.province_a.pk, course=progress["course"].course_key, status="completed")
    ).content.decode()
    commune_link = reverse("reports_admin:commune", args=[world.commune_a1.pk])
    assert f"{commune_link}?course={progress['course'].course_key}&amp;status=completed" in body
    # The export buttons post to the same filtered URL.
    assert f'action="{reverse("reports_admin:province", args=[world.province_a.pk])}?course=' in body
    assert 'name="export" value="xlsx"' in body


def test_status_and_date_filters(client, world, progress):
    client.force_login(world.manager_a)
    overdue = client.get(url("commune", world.commune_a1.pk, status="overdue")).content.decode()
    assert world.leader.full_name in overdue
    assert reverse("reports_admin:cadre", args=[world.cadre.pk]) not in overdue
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    recent = _cards(client.get(url("commune", world.commune_a1.pk, **{"from": today})).content.decode())
    assert recent["Ghi danh (lượt)"] == "0"


SVG = re.compile(r"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kns-chart\".*?</svg>", re.S)
NUMERIC_ATTRIBUTES = {"x", "y", "x1", "x2", "y1", "y2", "width", "height", "cx", "cy", "r", "viewBox", "fill-opacity"}


def test_charts_are_well_formed_svg_with_unlocalised_numbers(client, world, progress):
    # Coordinates with decimals, so that a localised comma would show.
    from localities.models import Commune

    Commune.objects.filter(pk=world.commune_a1.pk).update(latitude="21.123456", longitude="106.054321")
    Commune.objects.filter(pk=world.commune_a2.pk).update(latitude="21.312345", longitude="106.287654")
    client.force_login(world.manager_a)
    with translation.override("vi"):
        body = client.get(url("province", world.province_a.pk), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    charts = SVG.findall(body)
    # Completion bars, map, weekly, funnel; team coverage: by kind, map, teams by size.
    assert len(charts) == 7
    for chart in charts:
        root = ET.fromstring(chart)  # noqa: S314 - our own page
        assert root.get("role") == "img"
        labelled = root.get("aria-labelledby").split()
        ids = {element.get("id") for element in root.iter() if element.get("id")}
        assert set(labelled) <= ids
        for element in root.iter():
            for name, value in element.attrib.items():
                if name in NUMERIC_ATTRIBUTES:
                    assert re.fullmatch(r"[-0-9. ]+%?", value), f"{name}={value!r} in {element.tag}"
    # Every chart has a table alternative: its own <details> table, or a link to the communes table.
    assert body.count("<details>") >= 2
    assert body.count('href="#communes-table"') == 2 and 'id="communes-table"' in body
    # The map places the two communes apart, at their coordinates.
    map_svg = next(c for c in charts if "<circle" in c and "Bản đồ" in c)
    points = re.findall(r'<circle cx="([0-9.]+)" cy="([0-9.]+)" r="5"', map_svg)
    assert len(points) >= 2 and points[0] != points[1]


def test_equirectangular_projection_puts_north_up_and_east_right():
    from reports.charts import commune_map
    from reports.selectors import Row

    rows = [
        Row(key=1, name="Tây Nam", latitude=20.0, longitude=105.0, enrolled=10, completed=1),
        Row(key=2, name="Đông Bắc", latitude=21.0, longitude=106.0, enrolled=10, completed=9),
        Row(key=3, name="Không tọa độ", enrolled=1),
    ]
    chart = commune_map(rows)
    svg = str(chart.svg)
    sw = re.search(r'cx="([0-9.]+)" cy="([0-9.]+)"[^>]*><title>Tây Nam', svg)
    ne = re.search(r'cx="([0-9.]+)" cy="([0-9.]+)"[^>]*><title>Đông Bắc', svg)
    assert float(ne.group(1)) > float(sw.group(1))  # east is to the right
    assert float(ne.group(2)) < float(sw.group(2))  # north is up
    assert "#d73027" in svg and "#1a9850" in svg  # 10% red, 90% green
    assert len(chart.rows) == 3  # the table lists the commune without coordinates too


def _grow_province(world, count):
    course, _ = helpers.course(title=f"Khóa thêm {count}")
    for n in range(count):
        commune = CommuneFactory(province=world.province_a, name=f"Xã Mới {count}-{n}")
        team = TeamFactory(commune=commune, name=f"Tổ mới {n}")
        for m in range(3):
            person = UserFactory(commune=commune, roles=[CADRES])
            TeamMembershipFactory(team=team, user=person)
            helpers.enrol(person, course, completed=m == 0, started=m == 1, due_in=-1 if m == 2 else None)
    summaries.rebuild()


def _grow_commune(world, count):
    course, _ = helpers.course(title=f"Khóa xã {count}")
    team = TeamFactory(commune=world.commune_a1, name=f"Tổ thêm {count}")
    for m in range(count):
        person = UserFactory(commune=world.commune_a1, roles=[CADRES])
        TeamMembershipFactory(team=team if m % 2 else world.team_a1, user=person)
        helpers.enrol(person, course, completed=m % 3 == 0, started=m % 3 == 1)
        helpers.enrol(person, progress_course(world), started=True)
    summaries.rebuild()


def progress_course(world):
    from courses.models import CoursePage

    return CoursePage.objects.get(title="Chữ ký số cho cán bộ")


@pytest.mark.parametrize(
    "params", [{}, {"course": "COURSE"}, {"from": "2020-01-01", "unit": "UNIT"}, {"status": "overdue"}]
)
def test_province_page_queries_do_not_grow(client, world, progress, assert_constant_queries, params):
    from tests.factories import UnitFactory

    unit = UnitFactory(name="Đoàn Thanh niên")
    params = {
        k: str(progress["course"].course_key) if v == "COURSE" else (unit.pk if v == "UNIT" else v)
        for k, v in params.items()
    }
    client.force_login(world.manager_a)

    def measure():
        assert client.get(url("province", world.province_a.pk, **params)).status_code == 200

    count = assert_constant_queries(measure, lambda: _grow_province(world, 12), label="province page")
    print(f"province page {params}: {count} queries")


def test_overview_queries_do_not_grow(client, world, progress, assert_constant_queries):
    client.force_login(world.superuser)

    def measure():
        assert client.get(url("overview")).status_code == 200

    count = assert_constant_queries(measure, lambda: _grow_province(world, 8), label="overview")
    print(f"overview: {count} queries")


@pytest.mark.parametrize("params", [{}, {"status": "in_progress", "team": "TEAM"}])
def test_commune_page_queries_do_not_grow(client, world, progress, assert_constant_queries, params):
    params = {k: (world.team_a1.pk if v == "TEAM" else v) for k, v in params.items()}
    client.force_login(world.manager_a)

    def measure():
        assert client.get(url("commune", world.commune_a1.pk, **params)).status_code == 200

    count = assert_constant_queries(measure, lambda: _grow_commune(world, 30), label="commune page")
    print(f"commune page {params}: {count} queries")


def test_team_and_cadre_pages_queries_do_not_grow(client, world, progress, assert_constant_queries):
    client.force_login(world.manager_a)

    def measure():
        assert client.get(url("team", world.team_a1.pk)).status_code == 200
        assert client.get(url("cadre", world.cadre.pk)).status_code == 200

    def grow():
        _grow_commune(world, 20)
        for n in range(6):
            course, _ = helpers.course(title=f"Khóa riêng {n}")
            helpers.enrol(world.cadre, course, started=True, due_in=-1)

    count = assert_constant_queries(measure, grow, label="team and cadre pages")
    print(f"team + cadre pages: {count} queries")


def test_commune_cadre_list_is_paginated(client, world, progress):
    for n in range(55):
        UserFactory(commune=world.commune_a1, full_name=f"Cán bộ số {n:02d}", roles=[CADRES])
    client.force_login(world.manager_a)
    first = client.get(url("commune", world.commune_a1.pk)).content.decode()
    assert "Trang 1/2" in first
    second = client.get(url("commune", world.commune_a1.pk, page=2)).content.decode()
    assert "Trang 2/2" in second


def test_freshness_is_the_oldest_refresh_in_view(client, world, progress):
    from datetime import datetime

    from reports.models import CommuneRefresh

    CommuneRefresh.objects.filter(commune_id=world.commune_a2.pk).update(
        refreshed_at=datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    )
    client.force_login(world.manager_a)
    body = client.get(url("province", world.province_a.pk)).content.decode()
    assert "cập nhật lúc 02/01/2026 10:04" in body  # local time (UTC+7), SHORT_DATETIME_FORMAT


def test_refresh_now_rebuilds_the_commune(client, world, progress):
    helpers.enrol(world.cadre, progress["other"])
    client.force_login(world.manager_a)
    assert client.get(url("commune_refresh", world.commune_a1.pk)).status_code == 200
    response = client.post(url("commune_refresh", world.commune_a1.pk))
    assert response.status_code == 302
    body = client.get(url("commune", world.commune_a1.pk)).content.decode()
    assert _cards(body)["Ghi danh (lượt)"] == "4"


def test_the_reports_menu_offers_the_dashboard_to_managers_only(client, world):
    client.force_login(world.manager_a)
    assert "/admin/progress/" in client.get("/admin/").content.decode()
    client.force_login(world.trainer)
    response = client.get("/admin/")
    assert response.status_code == 200 and "/admin/progress/" not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"export": "csv", "table": "khong-co"}, {"export": "pdf"}, {"page": "abc"}, {"page": "-4"}, {"team": "1e5"}],
)
def test_odd_parameters_never_fail(client, world, progress, params):
    client.force_login(world.manager_a)
    response = client.get(url("commune", world.commune_a1.pk, **params))
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("reports_admin:commune", args=[world.commune_a1.pk]))
