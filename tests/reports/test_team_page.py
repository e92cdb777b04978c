"""The team leader's page on the public site: their own team only, each member's progress."""

import pytest
from django.urls import reverse

from accounts.roles import CADRES, TEAM_LEADERS
from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory
from tests.reports import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_progress(world):
    course, steps = helpers.course(title="Kỹ năng số cơ bản", lessons=3)
    overdue = helpers.enrol(world.cadre, course, started=True, due_in=-2)
    from courses.models import StepCompletion

    StepCompletion.objects.create(user=world.cadre, step=steps[0], course=course)
    done, _ = helpers.course(title="An toàn thông tin")
    helpers.enrol(world.leader, done, completed=True)
    certificate = helpers.certify(world.leader, done)
    return {"course": course, "steps": steps, "overdue": overdue, "certificate": certificate}


def test_the_leader_sees_each_member(client, world, team_progress):
    client.force_login(world.leader)
    response = client.get(reverse("reports:my_team"))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:team_page", args=[world.team_a1.pk])
    page = client.get(response["Location"]).content.decode()
    assert world.cadre.full_name in page and world.leader.full_name in page
    assert "Quá hạn" in page
    # The overdue member's missing required steps are named.
    assert team_progress["steps"][1].title in page
    assert team_progress["certificate"].code in page
    # The header links team leaders to their team.
    assert "Tổ của tôi" in page


def test_only_the_leaders_own_team(client, world, team_progress):
    other = TeamFactory(commune=world.commune_a1, name="Tổ thôn Tây")
    other_leader = UserFactory(commune=world.commune_a1, roles=[CADRES, TEAM_LEADERS])
    TeamMembershipFactory(team=other, user=other_leader, role="leader")
    client.force_login(world.leader)
    assert client.get(reverse("reports:team_page", args=[other.pk])).status_code == 404
    client.force_login(other_leader)
    assert client.get(reverse("reports:team_page", args=[world.team_a1.pk])).status_code == 404
    # A member of a team, even holding the team leader role elsewhere, is not its leader.
    TeamMembershipFactory(team=world.team_a1, user=other_leader, role="member")
    assert client.get(reverse("reports:team_page", args=[world.team_a1.pk])).status_code == 404
    client.force_login(world.cadre)
    assert client.get(reverse("reports:team_page", args=[world.team_a1.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("reports:team_page", args=[world.team_a1.pk])).status_code == 302


def test_team_page_queries_do_not_grow(client, world, team_progress, assert_constant_queries):
    client.force_login(world.leader)
    page = reverse("reports:team_page", args=[world.team_a1.pk])

    def measure():
        assert client.get(page).status_code == 200

    def grow():
        for n in range(15):
            member = UserFactory(commune=world.commune_a1, roles=[CADRES])
            TeamMembershipFactory(team=world.team_a1, user=member)
            helpers.enrol(member, team_progress["course"], started=n % 2 == 0, due_in=-1 if n % 3 == 0 else 5)
            course, _ = helpers.course(title=f"Khóa {n}")
            helpers.enrol(member, course, completed=True)
            helpers.certify(member, course)

    count = assert_constant_queries(measure, grow, label="team page")
    print(f"team page: {count} queries")
