"""Team coverage (issue 10, item 5): the share of communes and wards with a Tổ công nghệ số cộng
đồng, the list of those without one (exported by POST through reports.exports), members per team and
the share certified, with charts whose numbers are never localised; a commune manager sees only
their commune; the province page makes a constant number of queries."""

import csv
import io
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import CADRES
from reports import coverage, summaries
from reports.models import ExportJob
from tests.factories import CommuneFactory, ManagerScopeFactory, TeamFactory, TeamMembershipFactory, UserFactory
from tests.reports import helpers

pytestmark = pytest.mark.django_db


def url(name, *args, **params):
    return reverse(f"reports_admin:{name}", args=args) + (f"?{urlencode(params)}" if params else "")


@pytest.fixture
def teams(world):
    """Province Alpha: Xã An Bình has a team (the leader and the cadre, the cadre certified);
    Phường Đông Hòa has none and two cadres; a former commune does not count."""
    course, _steps = helpers.course(title="Kỹ năng số cơ bản")
    helpers.enrol(world.cadre, course, completed=True)
    helpers.certify(world.cadre, course)
    for n in range(2):
        UserFactory(commune=world.commune_a2, roles=[CADRES], full_name=f"Cán bộ Đông Hòa {n}")
    summaries.rebuild()
    return course


def svg_of(html: str, chart_id: str) -> str:
    match = re.search(rf'<figure[^>]*id="chart-{chart_id}".*?(<svg.*?</svg>)', html, flags=re.S)
    assert match, f"no chart {chart_id}"
    return match.group(1)


def test_province_page_shows_coverage_and_the_communes_without_a_team(client, world, teams):
    client.force_login(world.manager_a)
    response = client.get(url("province", world.province_a.pk))
    assert response.status_code == 200
    html = response.content.decode()
    panel = html[html.index('id="coverage"') :]
    assert "Độ phủ Tổ công nghệ số cộng đồng" in html
    assert "50,0 %" in panel and "(1/2)" in panel  # communes with a team: 1 of 2 (the former one is history)
    table = panel[panel.index('id="no-team-table"') : panel.index("</table>", panel.index('id="no-team-table"'))]
    assert world.commune_a2.name in table and world.commune_a1.name not in table
    assert "Xã Cũ Hòa Mỹ" not in table
    assert "Phường" in table and ">2<" in table  # the kind and its registered cadres
    # Members per team (2) and the share certified (the cadre: 1 of 2).
    assert "Thành viên mỗi tổ (trung bình)" in panel and "(1/2)" in panel
    # Charts: stacked bars with their numbers written for SVG, never with a decimal comma.
    bars = svg_of(html, "coverage")
    assert "1/2 (50%)" in bars and "50,0" not in bars
    assert re.search(r'width="165"', bars)  # half of the 330-unit bar: a plain number
    for number in re.findall(r'\s(?:x|y|width|height|cx|cy)="([^"]*)"', bars + svg_of(html, "team-sizes")):
        assert number == "100%" or re.fullmatch(r"-?\d+(\.\d+)?", number), number
    assert svg_of(html, "coverage-map")
    assert "Xem dưới dạng bảng" in html  # the table alternative


def test_province_coverage_counts(world, teams):
    cover = coverage.province_coverage(world.province_a)
    assert (cover.communes, cover.communes_with_team, cover.share) == (2, 1, 50.0)
    assert [(k.label, k.with_team, k.total) for k in cover.kinds] == [("Xã", 1, 1), ("Phường", 0, 1)]
    assert [c["name"] for c in cover.without_team] == [world.commune_a2.name]
    assert cover.without_team[0]["registered"] == 2
    assert (cover.teams, cover.members, cover.certified, cover.members_per_team) == (1, 2, 1, 2.0)
    assert cover.certified_share == 50.0
    assert cover.size_bands == [("0", 0), ("1–4", 1), ("5–9", 0), ("10–19", 0), ("≥ 20", 0)]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_communes_without_a_team_export(client, world, teams, export_format):
    client.force_login(world.manager_a)
    response = client.post(url("province", world.province_a.pk), {"export": export_format, "table": "no_team"})
    assert response.status_code == 200
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        assert raw.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(raw)).active
        rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Xã, phường", "Loại", "Cán bộ đăng ký"]
    assert rows[1:] == [[world.commune_a2.name, "Phường", "2"]]
    job = ExportJob.objects.get()
    assert (job.table, job.level, job.created_by_id) == ("no_team", "province", world.manager_a.pk)


def test_a_get_never_exports(client, world, teams):
    client.force_login(world.manager_a)
    response = client.get(url("province", world.province_a.pk, export="csv", table="no_team"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert not ExportJob.objects.exists()


def test_commune_manager_sees_only_their_commune(client, world, teams):
    client.force_login(world.commune_manager_a1)
    html = client.get(url("commune", world.commune_a1.pk)).content.decode()
    panel = html[html.index('id="coverage"') :]
    assert "Đã có tổ" in panel and world.team_a1.name in panel
    assert world.commune_a2.name not in html  # no other commune, no province-wide list
    assert 'id="no-team-table"' not in html
    assert "1/2 (50%)" in svg_of(html, "team-members")  # members and certified of the team
    # The province page and its export stay closed to a commune manager.
    assert client.get(url("province", world.province_a.pk)).status_code == 404
    response = client.post(url("province", world.province_a.pk), {"export": "csv", "table": "no_team"})
    assert response.status_code == 404
    assert not ExportJob.objects.exists()


def test_a_commune_without_a_team_says_so(client, world, teams):
    manager = ManagerScopeFactory(user__commune=world.commune_a2, commune=world.commune_a2).user
    client.force_login(manager)
    html = client.get(url("commune", world.commune_a2.pk)).content.decode()
    panel = html[html.index('id="coverage"') :]
    assert "Chưa có tổ" in panel and "Xã, phường này chưa có Tổ công nghệ số cộng đồng." in panel
    assert client.get(url("commune", world.commune_a1.pk)).status_code == 404


def _grow(world, count):
    for n in range(count):
        commune = CommuneFactory(province=world.province_a, name=f"Xã Mở Rộng {count}-{n}")
        if n % 2:
            continue  # half of the new communes have no team
        team = TeamFactory(commune=commune, name=f"Tổ mở rộng {n}")
        for _m in range(3):
            TeamMembershipFactory(team=team, user=UserFactory(commune=commune, roles=[CADRES]))
    summaries.rebuild()


def test_coverage_queries_do_not_grow(client, world, teams, assert_constant_queries):
    def selector():
        with CaptureQueriesContext(connection) as ctx:
            coverage.province_coverage(world.province_a)
        return len(ctx.captured_queries)

    assert selector() == 3
    client.force_login(world.manager_a)

    def measure():
        response = client.get(url("province", world.province_a.pk))
        assert response.status_code == 200
        assert b"no-team-table" in response.content

    count = assert_constant_queries(measure, lambda: _grow(world, 12), label="province page with coverage")
    print(f"province page with coverage: {count} queries")
    assert selector() == 3
    cover = coverage.province_coverage(world.province_a)
    assert (cover.communes, cover.communes_with_team) == (14, 7)

    def measure_commune():
        assert client.get(url("commune", world.commune_a1.pk)).status_code == 200

    count = assert_constant_queries(
        measure_commune,
        lambda: [TeamFactory(commune=world.commune_a1, name=f"Tổ thêm {n}") for n in range(5)],
        label="commune page with coverage",
    )
    print(f"commune page with coverage: {count} queries")
