"""What importing cadres does to people: upserts by phone or username, roles, teams, moves, all or nothing."""

import pytest

from accounts.imports import cadres_import, read_table
from accounts.models import CommuneChange, Team, TeamMembership, Unit, User
from accounts.roles import CADRES, TEAM_LEADERS, TRAINERS
from tests.accounts.import_world import build_import_world, database_fingerprint
from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "Tên đăng nhập,Họ và tên,Số điện thoại,Thư điện tử,Chức vụ,Đơn vị,"
    "Mã xã phường,Tổ công nghệ số,Vai trò trong tổ,Vai trò"
)


def run(world_actor, *lines, dry_run=False, header=HEADER):
    text = "\r\n".join([header, *lines]) + "\r\n"
    return cadres_import(
        table=read_table(data=text.encode("utf-8"), filename="t.csv"), actor=world_actor, dry_run=dry_run
    )


@pytest.fixture
def w(db):
    return build_import_world()


def test_a_row_matching_a_phone_updates_that_person_and_empty_cells_keep_values(w):
    w.lan.position = "Trưởng thôn"
    w.lan.save()

    report = run(w.manager, ",Nguyễn Thị Lan Anh,+84 912 000 001,lan@example.invalid,,,91001,,,")

    assert report.ok and (report.created, report.updated) == (0, 1)
    assert report.rows[0].changes == ["full_name", "email"]
    w.lan.refresh_from_db()
    assert (w.lan.full_name, w.lan.email, w.lan.position) == (
        "Nguyễn Thị Lan Anh",
        "lan@example.invalid",
        "Trưởng thôn",
    )


def test_a_row_matching_a_username_in_any_case_updates_that_person(w):
    report = run(w.manager, "HUNG.TRAN,Trần Văn Hùng,,,Bí thư chi bộ,,91001,,,")

    assert report.ok and report.updated == 1
    w.hung.refresh_from_db()
    assert w.hung.position == "Bí thư chi bộ"


def test_the_same_file_twice_changes_nothing_the_second_time(w):
    line = "an.pham,Phạm Thị An,0913 100 001,,Trưởng thôn,Hội Nông dân,91001,Tổ công nghệ số thôn Đông,Tổ trưởng,"
    assert run(w.manager, line).created == 1
    before = database_fingerprint()

    report = run(w.manager, line)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert not report.applied
    assert database_fingerprint() == before


def test_roles_are_added_never_taken_away_and_leaders_get_their_role(w):
    w.hung.groups.add(*type(w.hung.groups.first()).objects.filter(name=TEAM_LEADERS))

    report = run(
        w.manager,
        "lan.nguyen,Nguyễn Thị Lan,,,,,91001,Tổ công nghệ số thôn Đông,Tổ trưởng,",
        "hung.tran,Trần Văn Hùng,,,,,91001,Tổ công nghệ số thôn Đông,,Cán bộ",
    )

    assert report.ok
    assert set(w.lan.groups.values_list("name", flat=True)) == {CADRES, TEAM_LEADERS}
    assert set(w.hung.groups.values_list("name", flat=True)) == {CADRES, TEAM_LEADERS}
    team = Team.objects.get(name="Tổ công nghệ số thôn Đông", commune=w.an_binh)
    assert dict(team.memberships.values_list("user__username", "role")) == {
        "lan.nguyen": "leader",
        "hung.tran": "member",
    }


def test_an_existing_membership_changes_role(w):
    team = TeamFactory(commune=w.an_binh, name="Tổ Một")
    TeamMembershipFactory(team=team, user=w.hung, role="member")

    report = run(w.manager, "hung.tran,Trần Văn Hùng,,,,,91001,tổ một,Tổ trưởng,")

    assert report.ok and report.rows[0].changes == ["roles", "team"]
    assert TeamMembership.objects.get(team=team, user=w.hung).role == "leader"
    assert Team.objects.filter(commune=w.an_binh).count() == 1  # matched without regard to case


def test_moving_a_cadre_records_the_move_and_touches_nothing_else(w):
    team = TeamFactory(commune=w.an_binh, name="Tổ Một")
    membership = TeamMembershipFactory(team=team, user=w.lan, role="member")

    report = run(w.manager, "lan.nguyen,Nguyễn Thị Lan,,,,,91002,,,")

    assert report.ok and report.moved == 1
    w.lan.refresh_from_db()
    assert w.lan.commune == w.dong_hoa
    change = CommuneChange.objects.get(user=w.lan)
    assert (change.from_commune, change.to_commune, change.changed_by, change.source) == (
        w.an_binh,
        w.dong_hoa,
        w.manager,
        "import",
    )
    # History made in the old commune stays there.
    assert TeamMembership.objects.get(pk=membership.pk).team.commune == w.an_binh


def test_units_and_teams_are_created_once(w):
    report = run(
        w.manager,
        "a.mot,Phạm Văn Một,0913 000 101,,,Hội Cựu chiến binh,91001,Tổ Mới,,",
        "a.hai,Phạm Văn Hai,0913 000 102,,,hội cựu chiến binh,91001,Tổ Mới,,",
        "a.ba,Phạm Văn Ba,0913 000 103,,,Hội Cựu chiến binh,91002,Tổ Mới,,",
    )

    assert report.ok and report.new_units == ["Hội Cựu chiến binh"]
    assert Unit.objects.filter(name__iexact="hội cựu chiến binh").count() == 1
    assert sorted(Team.objects.filter(name="Tổ Mới").values_list("commune__code", flat=True)) == ["91001", "91002"]


def test_dry_run_writes_nothing_but_reports_the_plan(w):
    before = database_fingerprint()

    report = run(w.manager, "an.pham,Phạm Thị An,0913 100 001,,,,91001,,,", dry_run=True)

    assert report.ok and report.created == 1 and not report.applied
    assert database_fingerprint() == before


def test_a_manager_cannot_update_a_trainer_or_grant_the_trainer_role(w):
    trainer = UserFactory(username="giang.vien", full_name="Phạm Giảng Viên", commune=w.an_binh, roles=[TRAINERS])

    report = run(w.manager, "giang.vien,Tên Mới,,,,,91001,,,", "moi,Người Mới,0913 000 201,,,,91001,,,Giảng viên")

    assert [e.line for e in report.errors] == [2, 3]
    assert "vai trò quản trị" in str(report.errors[0])
    trainer.refresh_from_db()
    assert trainer.full_name == "Phạm Giảng Viên"


def test_a_superuser_may_give_the_trainer_role(w):
    root = UserFactory(username="root", is_superuser=True, commune=None)

    report = run(root, "moi,Người Mới,0913 000 201,,,,92001,,,Giảng viên")

    assert report.ok
    assert set(User.objects.get(username="moi").groups.values_list("name", flat=True)) == {TRAINERS}


def test_a_commune_manager_stays_inside_the_commune(w):
    commune_manager = UserFactory(username="quanly.xa", commune=w.an_binh, roles=["Managers"])
    commune_manager.scopes.create(commune=w.an_binh)

    report = run(commune_manager, "x,Phạm Văn Xã,0913 000 301,,,,91002,,,", "lan.nguyen,Nguyễn Thị Lan,,,,,91001,,,")

    assert [e.line for e in report.errors] == [2]
    assert "ngoài phạm vi" in str(report.errors[0])


def test_a_generated_username_already_taken_is_an_error(w):
    UserFactory(username="0913000401", commune=w.an_binh)

    report = run(w.manager, ",Phạm Văn Trùng,0913 000 401,,,,91001,,,")

    assert [e.line for e in report.errors] == [2]
    assert "hãy điền cột «Tên đăng nhập»" in str(report.errors[0])


def test_all_or_nothing_when_writing_fails_half_way(w, monkeypatch):
    before = database_fingerprint()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(TeamMembership.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        run(
            w.manager,
            "a.mot,Phạm Văn Một,0913 000 501,,,,91001,Tổ Mới,,",
            "a.hai,Phạm Văn Hai,0913 000 502,,,,91001,,,",
        )

    assert database_fingerprint() == before


def test_a_phone_taken_between_the_check_and_the_write_fails_cleanly(w, monkeypatch):
    """The unique constraint is the last guard: the import stops, says why, and writes nothing."""
    from accounts.imports.cadres import ImportConflict, _Planner

    monkeypatch.setattr(_Planner, "users", lambda self, phones, usernames: ({}, {}))  # as if checked earlier
    before = database_fingerprint()

    with pytest.raises(ImportConflict, match="chưa nhập gì"):
        run(w.manager, "moi,Người Mới,0912 000 001,,,,91001,,,")

    assert database_fingerprint() == before
