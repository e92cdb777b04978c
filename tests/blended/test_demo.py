"""seed_demo schedules a past session with attendance (by QR and by hand) and an upcoming one, idempotently."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from blended.models import Attendance, Invitation, TrainingSession


@pytest.mark.django_db
def test_seed_demo_has_a_past_session_with_attendance_and_an_upcoming_one():
    call_command("seed_demo", stdout=io.StringIO())
    now = timezone.now()
    past = TrainingSession.objects.get(ends_at__lt=now)
    upcoming = TrainingSession.objects.get(starts_at__gt=now)
    assert set(Attendance.objects.filter(session=past).values_list("method", flat=True)) == {"checkin", "manual"}
    assert Invitation.objects.filter(session=upcoming, user__username="demo_cadre").exists()
    counts = (TrainingSession.objects.count(), Invitation.objects.count(), Attendance.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == (TrainingSession.objects.count(), Invitation.objects.count(), Attendance.objects.count())
