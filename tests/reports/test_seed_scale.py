"""``seed_scale``: synthetic data at benchmark sizes, idempotent, summarised."""

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from certificates.models import Certificate
from courses.models import CoursePage, Enrollment, StepCompletion
from reports.models import CourseTotal
from reports.scale import PREFIX

pytestmark = pytest.mark.django_db


def test_size_s_then_again_then_reset(world):
    out = io.StringIO()
    call_command("seed_scale", size="S", import_localities=False, stdout=out)
    assert "seed_scale S: 100 cadres" in out.getvalue()
    cadres = User.objects.filter(username__startswith=PREFIX)
    assert cadres.count() == 100
    assert CoursePage.objects.filter(slug__startswith="thu-tai-").count() == 20
    enrolments = Enrollment.objects.filter(user__in=cadres)
    first_count = enrolments.count()
    assert first_count >= 200
    completed = enrolments.filter(completed_at__isnull=False).count()
    # Every completion has its issued certificate, and every step of the course.
    assert Certificate.objects.filter(user__in=cadres, status="issued").count() == completed
    assert StepCompletion.objects.filter(user__in=cadres).count() >= completed * 5
    assert CourseTotal.objects.filter(commune_id__in=cadres.values("commune_id")).exists()
    # Spread over the communes there are, cadres hold the Cadres role.
    assert cadres.filter(groups__name="Cadres").count() == 100

    again = io.StringIO()
    call_command("seed_scale", size="S", import_localities=False, stdout=again)
    assert "already there" in again.getvalue()
    assert User.objects.filter(username__startswith=PREFIX).count() == 100

    call_command("seed_scale", size="S", reset=True, import_localities=False, refresh=False, stdout=io.StringIO())
    assert User.objects.filter(username__startswith=PREFIX).count() == 100
    # The same seed gives the same data.
    assert Enrollment.objects.filter(user__username__startswith=PREFIX).count() == first_count
