"""One date form and one number form per language on every page a person reads, charts included;
raw numbers only where a program reads them (CSV, SVG attributes, data-* attributes).

Vietnamese: 02/12/2026, 1.234 and 45,5. English: 2 Dec 2026, 1,234 and 45.5 (config/formats/).
"""

import csv
import datetime as dt
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import CADRES
from reports import summaries
from tests.reports import helpers

pytestmark = pytest.mark.django_db

BULK = 1234
SVG = re.compile(r"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kns-chart\".*?</svg>", re.S)
SVG_TEXT = re.compile(r"<(?:text|title|desc)\b[^>]*>([^<]*)<")


def day(value: dt.date, language: str) -> str:
    if language == "vi":
        return value.strftime("%d/%m/%Y")
    return f"{value.day} {value.strftime('%b')} {value.year}"


def grouped(number: int, language: str) -> str:
    return f"{number:,}".replace(",", "." if language == "vi" else ",")


def wrong_decimal(language: str) -> re.Pattern:
    """A decimal written the other language's way, e.g. "33.3 %" on a Vietnamese page."""
    return re.compile(r"\d\.\d+ ?%") if language == "vi" else re.compile(r"\d,\d+ ?%")


def right_decimal(language: str) -> re.Pattern:
    return re.compile(r"\d,\d+ ?%") if language == "vi" else re.compile(r"\d\.\d+ ?%")


def speak(client, language):
    client.cookies["kns_language"] = language


@pytest.fixture
def progress(world):
    """A province with more than a thousand registered cadres and a completion rate of one in three."""
    course, steps = helpers.course(title="Chữ ký số cho cán bộ", quiz=True)
    helpers.enrol(world.cadre, course, completed=True, assigned=True, due_in=10)
    helpers.certify(world.cadre, course)
    helpers.enrol(world.leader, course, started=True, assigned=True, due_in=-2)
    helpers.enrol(world.trainer, course, commune=world.commune_a1)
    people = User.objects.bulk_create(
        User(username=f"hang_loat_{i}", full_name=f"Cán Bộ Hàng Loạt {i}", commune=world.commune_a1)
        for i in range(BULK)
    )
    cadres = Group.objects.get(name=CADRES)
    User.groups.through.objects.bulk_create(User.groups.through(user_id=p.pk, group_id=cadres.pk) for p in people)
    summaries.rebuild()
    return {"course": course, "quiz": steps[-1]}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dashboard_numbers_dates_and_chart_labels_follow_the_language(client, world, progress, language):
    speak(client, language)
    client.force_login(world.manager_a)
    response = client.get(reverse("reports_admin:province", args=[world.province_a.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    registered = User.objects.filter(commune__province=world.province_a, groups__name=CADRES).count()
    assert registered > 1000
    assert grouped(registered, language) in body
    # Completion 1 of 3 enrolments: 33.3 % in the cards and the charts.
    html = SVG.sub("", body)
    assert right_decimal(language).search(html) and not wrong_decimal(language).search(html)
    assert day(timezone.localdate(), language) in body  # "updated at …"
    charts = SVG.findall(body)
    assert charts
    labels = " ".join(text for chart in charts for text in SVG_TEXT.findall(chart))
    assert ("33,3%" if language == "vi" else "33.3%") in labels
    assert not wrong_decimal(language).search(labels), labels
    # The value a program reads stays raw, whatever the language.
    assert any('data-value="33.3"' in chart for chart in charts)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_weekly_chart_writes_dates_and_large_counts_in_the_language(language):
    from django.utils import translation

    from reports.charts import weekly_columns

    weeks = [(dt.date(2026, 11, 2), 1500), (dt.date(2026, 11, 9), 7)]
    with translation.override(language):
        chart = weekly_columns(weeks)
    labels = " ".join(SVG_TEXT.findall(chart.svg))
    assert day(dt.date(2026, 11, 2), language) in labels
    assert grouped(1500, language) in labels and "1500" not in labels
    assert grouped(1507, language) in chart.description
    assert 'data-week="2026-11-02" data-value="1500"' in chart.svg
    assert chart.rows[0] == [day(dt.date(2026, 11, 2), language), grouped(1500, language)]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_learner_pages_write_dates_and_scores_in_the_language(client, world, progress, language):
    from courses.models import Enrollment
    from quizzes.models import Attempt

    attempt = helpers.attempt(world.cadre, progress["quiz"], progress["course"], score=87.5, passed=True)
    Attempt.objects.filter(pk=attempt.pk).update(score=87.5)
    speak(client, language)
    client.force_login(world.cadre)

    learning = client.get(reverse("courses:my_learning"))
    assert learning.status_code == 200
    completed = timezone.localdate(Enrollment.objects.get(user=world.cadre).completed_at)
    assert day(completed, language) in learning.content.decode()

    result = client.get(reverse("quizzes:result", args=[attempt.pk]))
    assert result.status_code == 200
    page = result.content.decode()
    assert re.search(r"data-quiz-score>87,50?%<" if language == "vi" else r"data-quiz-score>87\.50?%<", page), page
    assert day(timezone.localdate(attempt.submitted_at), language) in page


@pytest.mark.parametrize("language", ["vi", "en"])
def test_certificate_verify_page_writes_the_date_in_the_language(client, world, progress, language):
    from certificates.models import Certificate

    certificate = Certificate.objects.get(user=world.cadre)
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_on=dt.date(2026, 3, 9), completed_on=dt.date(2026, 3, 7)
    )
    speak(client, language)
    page = client.get(reverse("certificates:verify", args=[certificate.code]), follow=True)
    assert page.status_code == 200
    body = page.content.decode()
    assert day(dt.date(2026, 3, 9), language) in body and day(dt.date(2026, 3, 7), language) in body
    other = "en" if language == "vi" else "vi"
    assert day(dt.date(2026, 3, 9), other) not in body


@pytest.mark.parametrize("language", ["vi", "en"])
def test_csv_export_keeps_raw_numbers(client, world, progress, language):
    speak(client, language)
    client.force_login(world.manager_a)
    url = reverse("reports_admin:province", args=[world.province_a.pk]) + "?"
    response = client.post(url, {"export": "csv", "table": "communes"})
    assert response.status_code == 200
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    registered = User.objects.filter(commune=world.commune_a1, groups__name=CADRES).count()
    assert str(registered) in cells
    assert not any(grouped(registered, "vi") == c or grouped(registered, "en") == c for c in cells)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_filter_date_range_error_writes_the_date_in_the_language(client, world, language):
    speak(client, language)
    client.force_login(world.manager_a)
    response = client.get(reverse("reports_admin:province", args=[world.province_a.pk]), {"from": "1990-01-01"})
    assert response.status_code == 200
    assert day(dt.date(2000, 1, 1), language) in response.content.decode()
