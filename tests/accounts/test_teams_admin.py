"""Managers create and edit the teams of their communes, set leaders, add and remove members."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts import audit
from accounts.models import Team, TeamMembership
from accounts.roles import CADRES, TEAM_LEADERS
from tests.factories import CommuneFactory, TeamFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def team_post(commune, name, members, *, initial=0, village=""):
    """The admin form's POST: ``members`` is a list of (user, role, membership id or None, delete)."""
    data = {
        "commune": commune.pk,
        "name": name,
        "village": village,
        "memberships-TOTAL_FORMS": len(members),
        "memberships-INITIAL_FORMS": initial,
        "memberships-MIN_NUM_FORMS": 0,
        "memberships-MAX_NUM_FORMS": 1000,
    }
    for index, (user, role, pk, delete) in enumerate(members):
        data[f"memberships-{index}-user"] = user.pk
        data[f"memberships-{index}-role"] = role
        data[f"memberships-{index}-id"] = pk or ""
        if delete:
            data[f"memberships-{index}-DELETE"] = "1"
    return data


def test_the_team_menu_item_is_the_community_digital_technology_team(rf, world):
    from wagtail.admin.menu import admin_menu

    url = reverse("teams:index")  # loads the admin URLconf, which registers the viewsets' menu items
    request = rf.get("/admin/")
    request.user = world.manager_a
    labels = {str(item.label): item.url for item in admin_menu.menu_items_for_request(request)}
    assert labels["Tổ công nghệ số cộng đồng"] == url


def test_manager_creates_a_team_with_a_leader_and_members(client, world):
    newcomer = UserFactory(full_name="Đinh Thị Mới", commune=world.commune_a2, roles=[CADRES])
    neighbour = UserFactory(full_name="Đinh Văn Bên", commune=world.commune_a2, roles=[CADRES])
    client.force_login(world.manager_a)

    response = client.post(
        reverse("teams:add"),
        team_post(
            world.commune_a2,
            "Tổ công nghệ số khu phố 3",
            [(newcomer, "leader", None, False), (neighbour, "member", None, False)],
            village="Khu phố 3",
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    team = Team.objects.get(name="Tổ công nghệ số khu phố 3")
    assert team.commune == world.commune_a2
    assert dict(team.memberships.values_list("user__full_name", "role")) == {
        "Đinh Thị Mới": "leader",
        "Đinh Văn Bên": "member",
    }
    # The leader now holds the Team leaders role.
    assert set(newcomer.groups.values_list("name", flat=True)) == {CADRES, TEAM_LEADERS}


def test_manager_sets_a_new_leader_and_removes_a_member(client, world):
    team = world.team_a1
    leader = TeamMembership.objects.get(team=team, role="leader")
    member = TeamMembership.objects.get(team=team, role="member")
    client.force_login(world.commune_manager_a1)

    response = client.post(
        reverse("teams:edit", args=[team.pk]),
        team_post(
            team.commune,
            team.name,
            [(leader.user, "member", leader.pk, True), (member.user, "leader", member.pk, False)],
            initial=2,
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(team.memberships.values_list("user__username", "role")) == [("cadre_a1", "leader")]
    assert world.cadre.groups.filter(name=TEAM_LEADERS).exists()
    # Removing someone from a team deletes only the membership.
    assert type(world.leader).objects.filter(pk=world.leader.pk, is_active=True).exists()


def test_members_must_live_in_the_team_commune_and_in_scope(client, world):
    elsewhere = UserFactory(full_name="Người Xã Khác", commune=world.commune_a2, roles=[CADRES])
    outsider = UserFactory(full_name="Người Tỉnh Khác", commune=world.commune_b1, roles=[CADRES])
    client.force_login(world.manager_a)

    response = client.post(
        reverse("teams:add"),
        team_post(
            world.commune_a1,
            "Tổ thử",
            [(elsewhere, "member", None, False), (outsider, "member", None, False)],
        ),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "không thuộc xã, phường của tổ" in page
    assert "ngoài phạm vi bạn quản lý" in page
    assert not Team.objects.filter(name="Tổ thử").exists()


def test_someone_listed_twice_is_refused(client, world):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("teams:add"),
        team_post(
            world.commune_a1, "Tổ trùng", [(world.cadre, "member", None, False), (world.cadre, "leader", None, False)]
        ),
    )
    assert response.status_code == 200
    assert "trùng lặp" in response.content.decode()
    assert not Team.objects.filter(name="Tổ trùng").exists()


def test_out_of_scope_manager_cannot_open_or_change_the_team(client, world):
    client.force_login(world.manager_b)
    for name in ("teams:edit", "teams:inspect", "teams:delete", "teams:history"):
        assert client.get(reverse(name, args=[world.team_a1.pk])).status_code == 404, name
    response = client.post(
        reverse("teams:edit", args=[world.team_a1.pk]),
        team_post(world.commune_b1, "Chiếm tổ", [], initial=0),
    )
    assert response.status_code == 404
    world.team_a1.refresh_from_db()
    assert world.team_a1.name == "Tổ công nghệ số thôn Đông"
    # Nor can a team be created in someone else's commune.
    response = client.post(reverse("teams:add"), team_post(world.commune_a1, "Tổ lạ", []))
    assert response.status_code == 200
    assert not Team.objects.filter(name="Tổ lạ").exists()


def test_team_pages_show_members_and_are_logged(client, world):
    client.force_login(world.manager_a)

    page = client.get(reverse("teams:inspect", args=[world.team_a1.pk])).content.decode()
    assert "Lê Văn Tổ Trưởng" in page and "Trần Thị Học Viên" in page

    listing = client.get(reverse("teams:index")).content.decode()
    assert world.team_a1.name in listing and "Lê Văn Tổ Trưởng" in listing

    client.get(reverse("teams:edit", args=[world.team_a1.pk]))
    actions = list(
        ModelLogEntry.objects.filter(user=world.manager_a).order_by("timestamp").values_list("action", flat=True)
    )
    assert actions == [audit.TEAM_VIEW, audit.TEAM_LIST_VIEW, audit.TEAM_VIEW]
    entry = ModelLogEntry.objects.filter(action=audit.TEAM_LIST_VIEW).get()
    assert entry.data["count"] == 1


def test_team_listing_makes_a_constant_number_of_queries(client, world, assert_constant_queries):
    client.force_login(world.manager_a)
    url = reverse("teams:index")

    pages = []

    def listing():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        pages.append(response.content.decode())

    def grow():
        for index in range(12):
            team = TeamFactory(commune=world.commune_a2, name=f"Tổ số {index}")
            TeamMembershipFactory(team=team, user=UserFactory(commune=world.commune_a2), role="leader")
            TeamMembershipFactory(team=team, user=UserFactory(commune=world.commune_a2))

    assert_constant_queries(listing, grow, label="team listing")
    # The counted page is the real listing, before and after it grew.
    assert "Tổ công nghệ số thôn Đông" in pages[0] and "Tổ số 11" not in pages[0]
    assert "Tổ công nghệ số thôn Đông" in pages[-1] and "Tổ số 11" in pages[-1]


def test_people_chooser_lists_only_people_in_scope_and_the_chosen_commune(client, world):
    other = UserFactory(full_name="Ở Phường Đông Hòa", username="o.dong.hoa", commune=world.commune_a2)
    client.force_login(world.manager_a)

    everyone = client.get(reverse("kns_people_chooser:choose_results")).content.decode()
    one_commune = client.get(
        reverse("kns_people_chooser:choose_results"), {"commune": world.commune_a1.pk}
    ).content.decode()
    bad_filter = client.get(reverse("kns_people_chooser:choose_results"), {"commune": "không-phải-số"})
    searched = client.get(reverse("kns_people_chooser:choose_results"), {"q": "dong"}).content.decode()

    assert world.cadre.username in everyone and other.username in everyone
    assert "manager_b" not in everyone
    assert world.cadre.username in one_commune and other.username not in one_commune
    assert bad_filter.status_code == 200
    assert other.username in searched and world.cadre.username not in searched


def test_manager_b_sees_no_team_of_province_a(client, world):
    TeamFactory(commune=CommuneFactory(province=world.province_b), name="Tổ của tỉnh Beta")
    client.force_login(world.manager_b)
    listing = client.get(reverse("teams:index")).content.decode()
    assert "Tổ của tỉnh Beta" in listing
    assert world.team_a1.name not in listing


def test_people_chooser_makes_a_constant_number_of_queries(client, world, assert_constant_queries):
    client.force_login(world.manager_a)
    url = reverse("kns_people_chooser:choose_results")

    pages, grown = [], []

    def results():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        pages.append(response.content.decode())

    def grow():
        grown.extend(UserFactory(commune=world.commune_a1) for _ in range(15))

    assert_constant_queries(results, grow, label="people chooser")
    # The counted page lists people, the new ones too, and nobody outside the scope.
    assert "Trần Thị Học Viên" in pages[0]
    assert any(person.full_name in pages[-1] for person in grown)
    assert "Quản Lý Tỉnh Beta" not in pages[-1]
