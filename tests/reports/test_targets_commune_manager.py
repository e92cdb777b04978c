"""A commune manager's "Chỉ tiêu" page lists every target that applies to their commune, their
province's included, with the commune page's figures; the province's rows are read-only and their
delete URL refuses every method (issue 10 follow-up: the page listed only the commune's own)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from reports import summaries
from reports.models import Target
from tests.reports import helpers

pytestmark = pytest.mark.django_db

METHODS = ("get", "head", "options", "post", "put", "patch", "delete")


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def page_rows(html: str) -> dict[int, dict]:
    """The targets table's rows by the target's percent: its cells as a manager reads them, and the
    row's raw HTML (to look for links)."""
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = [_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)]
        if len(cells) < 6:
            continue
        percent = int(cells[0].split("%")[0])
        rows[percent] = {"cells": cells, "html": row}
    return rows


def commune_page_figures(html: str) -> dict[int, tuple[str, str]]:
    """The commune page's targets by percent: (progress as "actual (n/d", assessment label)."""
    figures = {}
    for item in re.findall(r'<li class="kns-target[^"]*">(.*?)</li>', html, flags=re.S):
        text = _text(item)
        progress = re.search(r"Đã đạt ([\d,]+ %|—) \((\d+)/(\d+) người\)", text)
        label = _text(re.search(r'<span class="kns-badge[^"]*">(.*?)</span>', item, flags=re.S).group(1))
        figures[int(text.split("%")[0])] = (f"{progress.group(1)} ({progress.group(2)}/{progress.group(3)})", label)
    return figures


@pytest.fixture
def targets(world):
    course, _steps = helpers.course()
    due = timezone.localdate() + dt.timedelta(days=30)
    made = {
        percent: Target.objects.create(
            province=world.province_a,
            course_key=course.course_key,
            course_title=course.title,
            percent=percent,
            due_date=due,
        )
        for percent in (60, 90)
    }
    made[50] = Target.objects.create(commune=world.commune_a1, percent=50, due_date=due)
    Target.objects.create(commune=world.commune_a2, percent=40, due_date=due)  # another commune's
    Target.objects.create(province=world.province_b, percent=30, due_date=due)  # another province's
    helpers.enrol(world.cadre, course, completed=True)
    summaries.rebuild()
    return made


def test_commune_manager_sees_province_targets_read_only_with_the_commune_page_figures(client, world, targets):
    client.force_login(world.commune_manager_a1)
    response = client.get(reverse("reports_admin:targets"))
    commune = client.get(reverse("reports_admin:commune", args=[world.commune_a1.pk]))
    assert response.status_code == commune.status_code == 200
    html = response.content.decode()
    rows = page_rows(html)
    assert sorted(rows) == [50, 60, 90]  # not the other commune's (40) nor the other province's (30)
    assert world.province_b.name not in html and world.commune_a2.name not in html
    for percent in (60, 90):
        row = rows[percent]
        assert "Kỹ năng số cơ bản" in row["cells"][0]
        assert row["cells"][1] == str(world.province_a)  # the province's name, as its locality
        assert "(1/2)" in row["cells"][3]  # their commune's cadre and leader, no other commune
        assert row["cells"][6] == "—"  # no other commune listed at risk
        assert reverse("reports_admin:target_delete", args=[targets[percent].pk]) not in row["html"]
        assert row["cells"][7] == "Chỉ xem"
    # Their own commune's target stays theirs to delete.
    assert reverse("reports_admin:target_delete", args=[targets[50].pk]) in rows[50]["html"]
    # The same figures as the commune page: progress and assessment, target by target.
    figures = commune_page_figures(commune.content.decode())
    assert sorted(figures) == sorted(rows)
    for percent, (progress, label) in figures.items():
        assert rows[percent]["cells"][3] == progress
        assert rows[percent]["cells"][5] == label


def test_province_target_delete_url_refuses_a_commune_manager_for_every_method(client, world, targets):
    client.force_login(world.commune_manager_a1)
    target = targets[60]
    url = reverse("reports_admin:target_delete", args=[target.pk])
    for method in METHODS:
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, response.status_code)
    # An export POST to the same URL is refused too (the page's exports ride on its URL).
    assert client.post(url, {"export": "csv", "table": "targets"}).status_code == 404
    assert Target.objects.filter(pk=target.pk).exists()
    assert Target.objects.count() == 5
    assert not ModelLogEntry.objects.filter(action="reports.target.delete").exists()
    assert not ModelLogEntry.objects.filter(action__startswith="reports.target").exists()


def test_commune_manager_deletes_their_commune_target(client, world, targets):
    client.force_login(world.commune_manager_a1)
    response = client.post(reverse("reports_admin:target_delete", args=[targets[50].pk]))
    assert response.status_code == 302
    assert not Target.objects.filter(pk=targets[50].pk).exists()
    assert Target.objects.filter(pk=targets[60].pk).exists()


def test_province_manager_keeps_delete_and_communes_at_risk(client, world, targets):
    client.force_login(world.manager_a)
    html = client.get(reverse("reports_admin:targets")).content.decode()
    rows = page_rows(html)
    assert sorted(rows) == [40, 50, 60, 90]  # the province's targets and its communes'
    for percent in (50, 60, 90):
        assert reverse("reports_admin:target_delete", args=[targets[percent].pk]) in rows[percent]["html"]
    assert "Chỉ xem" not in html
    assert "(1/" in rows[60]["cells"][3]  # the province's cadres, the one who completed


def test_commune_manager_exports_the_targets_they_see(client, world, targets):
    client.force_login(world.commune_manager_a1)
    response = client.post(reverse("reports_admin:targets"), {"export": "csv", "table": "targets"})
    assert response.status_code == 200
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    text = raw.decode("utf-8-sig")
    assert text.count(str(world.province_a)) == 2 and str(world.commune_a1) in text
    assert world.province_b.name not in text and world.commune_a2.name not in text
