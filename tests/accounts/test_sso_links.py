"""The managers' list of single sign-on requests: one query for the rows, the same rows as ``can_manage_person``.

``accounts.sso.link_requests_for`` used to ask ``can_manage_person`` once per pending request (a query for
each person's roles); it now filters by the manager's scope and the person's privilege in the database
(``accounts.services.manageable_people_filter``). These tests pin both: what each role is shown, and that
the number of queries does not grow with the number of requests.
"""

import itertools

import pytest
from django.urls import reverse

from accounts.models import SsoLinkRequest, User
from accounts.roles import CADRES, TEAM_LEADERS, TRAINERS
from accounts.services import can_manage_person
from accounts.sso import link_requests_for
from tests.conftest import count_queries
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

_subjects = itertools.count(1)


def ask(person, status=SsoLinkRequest.Status.PENDING):
    n = next(_subjects)
    return SsoLinkRequest.objects.create(
        user=person,
        issuer="https://sso.example.vn",
        subject=f"sub-{n}",
        matched_by="username",
        claimed_name=f"Họ tên gửi sang {n}",
        status=status,
    )


@pytest.fixture
def people(world):
    a2_cadre = UserFactory(
        username="a2_cadre", full_name="Đinh Thị Phường Hai", commune=world.commune_a2, roles=[CADRES]
    )
    b1_cadre = UserFactory(username="b1_cadre", full_name="Vũ Văn Tỉnh Bê", commune=world.commune_b1, roles=[CADRES])
    no_role = UserFactory(username="no_role_a1", full_name="Ngô Chưa Có Vai", commune=world.commune_a1, roles=[])
    trainer_a1 = UserFactory(
        username="trainer_a1", full_name="Hồ Giảng Viên Xã", commune=world.commune_a1, roles=[CADRES, TRAINERS]
    )
    superuser_a1 = UserFactory(
        username="root_a1", full_name="Quản Trị Ở Xã", commune=world.commune_a1, is_superuser=True, roles=[]
    )
    no_commune = UserFactory(username="no_commune", full_name="Lưu Không Xã", commune=None, roles=[TEAM_LEADERS])
    pending = {
        person.username: ask(person)
        for person in (
            world.cadre,  # A1, cadre
            world.leader,  # A1, team leader
            no_role,  # A1, no role at all
            a2_cadre,  # A2
            b1_cadre,  # province B
            trainer_a1,  # A1, but a trainer too
            superuser_a1,  # A1, superuser
            world.manager_a,  # lives in A1, a manager
            world.commune_manager_a1,  # lives in A1, a manager (and the actor below)
            no_commune,
        )
    }
    # Decided requests are never listed, even for people in scope.
    ask(world.cadre, status=SsoLinkRequest.Status.CONFIRMED)
    ask(world.leader, status=SsoLinkRequest.Status.REJECTED)
    return pending


EXPECTED = {
    "commune_manager_a1": {"cadre_a1", "leader_a1", "no_role_a1"},
    "manager_a": {"cadre_a1", "leader_a1", "no_role_a1", "a2_cadre"},
    "manager_b": {"b1_cadre"},
    "trainer": set(),
    "cadre": set(),
    "superuser": {
        "cadre_a1",
        "leader_a1",
        "no_role_a1",
        "a2_cadre",
        "b1_cadre",
        "trainer_a1",
        "root_a1",
        "manager_a",
        "manager_a1",
        "no_commune",
    },
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_is_shown_the_pending_requests_of_the_people_it_may_manage(world, people, role):
    actor = User.objects.get(pk=getattr(world, role).pk)  # fresh: no scope or roles cached
    shown = link_requests_for(actor)
    assert {request.user.username for request in shown} == EXPECTED[role]
    # The same rows as asking can_manage_person of every pending request, in the same order (newest first).
    one_by_one = [
        request
        for request in SsoLinkRequest.objects.filter(status=SsoLinkRequest.Status.PENDING)
        if can_manage_person(actor, request.user)
    ]
    assert [request.pk for request in shown] == [request.pk for request in one_by_one]


def test_the_list_is_one_query_whatever_the_number_of_requests(world, people):
    def fresh_manager():
        return User.objects.get(pk=world.manager_a.pk)

    actor = fresh_manager()
    # One for the manager's scope (then cached on the user), one for the requests with their people.
    assert count_queries(lambda: link_requests_for(actor)) == 2
    assert count_queries(lambda: link_requests_for(actor)) == 1
    for n in range(12):
        ask(
            UserFactory(username=f"a1_more_{n}", full_name=f"Cán Bộ Thêm {n}", commune=world.commune_a1, roles=[CADRES])
        )
    actor = fresh_manager()
    assert count_queries(lambda: link_requests_for(actor)) == 2
    assert len(link_requests_for(actor)) == len(EXPECTED["manager_a"]) + 12


def test_the_confirmation_page_lists_the_rows_in_the_same_queries_for_many_requests(
    client, world, people, assert_constant_queries
):
    url = reverse("kns_sso_links:index")
    client.force_login(world.commune_manager_a1)
    pages = []

    def measure():
        response = client.get(url)
        assert response.status_code == 200
        pages.append(response.content.decode())

    def grow():
        for n in range(8):
            person = UserFactory(
                username=f"a1_grow_{n}", full_name=f"Cán Bộ Mới Thứ {n}", commune=world.commune_a1, roles=[CADRES]
            )
            ask(person)
        # People the commune manager may not manage: more rows in the table, none on the page.
        for n in range(3):
            ask(UserFactory(username=f"b1_grow_{n}", full_name=f"Người Tỉnh Bê {n}", commune=world.commune_b1))
            ask(
                UserFactory(
                    username=f"a1_mgr_{n}", full_name=f"Người Có Quyền {n}", commune=world.commune_a1, roles=[TRAINERS]
                )
            )

    assert_constant_queries(measure, grow, label="the single sign-on confirmation page")
    small, large = pages[0], pages[-1]
    for page in (small, large):
        for person in (world.cadre, world.leader):
            assert f"{person.full_name} ({person.username})" in page
        for hidden in (
            "Đinh Thị Phường Hai",
            "Vũ Văn Tỉnh Bê",
            "Hồ Giảng Viên Xã",
            "Quản Trị Ở Xã",
            "Quản Lý Tỉnh Alpha",
        ):
            assert hidden not in page
    assert all(f"Cán Bộ Mới Thứ {n} (a1_grow_{n})" in large for n in range(8))
    assert not any(f"Người Tỉnh Bê {n}" in large or f"Người Có Quyền {n}" in large for n in range(3))
    assert large.count('name="decision" value="confirm"') == len(EXPECTED["commune_manager_a1"]) + 8
