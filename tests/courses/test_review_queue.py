"""The evidence review queue: exactly the evidence a reviewer may decide, in a constant number of queries."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from courses import services
from courses.views import REVIEW_PAGE_SIZE
from tests.courses.builders import build_course
from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _photo() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), "green").save(out, format="JPEG")
    return SimpleUploadedFile("anh.jpg", out.getvalue(), content_type="image/jpeg")


def _submit(user, course, practice):
    services.enrollment_create(user=user, course=course)
    return services.evidence_submit(user=user, practice=practice, upload=_photo())


def _queue(client, user, page=None):
    client.force_login(user)
    url = reverse("courses:review_list") + (f"?p={page}" if page else "")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_a_leader_sees_only_their_members_evidence_in_a_constant_number_of_queries(client, world):
    course, steps = build_course(lessons=0, practice="evidence")
    practice = steps[0]
    _submit(world.cadre, course, practice)
    outsider = UserFactory(full_name="Đỗ Văn Tổ Khác", commune=world.commune_a2, roles=["Cadres"])
    TeamMembershipFactory(team=TeamFactory(commune=world.commune_a2), user=outsider, role="member")
    _submit(outsider, course, practice)

    _queue(client, world.leader)  # the first request of a session fills per-process caches
    response, one = _queue(client, world.leader)
    body = response.content.decode()
    assert response.status_code == 200
    assert world.cadre.full_name in body and outsider.full_name not in body

    for number in range(4):
        member = UserFactory(full_name=f"Thành Viên Số {number}", commune=world.commune_a1, roles=["Cadres"])
        TeamMembershipFactory(team=world.team_a1, user=member, role="member")
        _submit(member, course, practice)
    response, five = _queue(client, world.leader)
    body = response.content.decode()
    assert all(f"Thành Viên Số {number}" in body for number in range(4))
    assert outsider.full_name not in body
    assert five == one


def test_a_trainer_sees_everyones_evidence_a_page_at_a_time(client, world):
    course, steps = build_course(lessons=0, practice="evidence")
    practice = steps[0]
    names = []
    for number in range(REVIEW_PAGE_SIZE + 2):
        cadre = UserFactory(full_name=f"Học Viên Thứ {number:03d}", commune=world.commune_b1, roles=["Cadres"])
        _submit(cadre, course, practice)
        names.append(cadre.full_name)

    _queue(client, world.trainer)
    response, first_queries = _queue(client, world.trainer)
    body = response.content.decode()
    assert response.status_code == 200
    assert names[0] in body and names[REVIEW_PAGE_SIZE - 1] in body and names[REVIEW_PAGE_SIZE] not in body
    assert "Trang 1/2" in body

    response, second_queries = _queue(client, world.trainer, page=2)
    body = response.content.decode()
    assert names[REVIEW_PAGE_SIZE] in body and names[-1] in body and names[0] not in body
    assert second_queries == first_queries


def test_a_cadre_without_a_team_to_lead_is_refused(client, world):
    response, _ = _queue(client, world.cadre)
    assert response.status_code == 403
