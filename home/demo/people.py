"""Demo people and teams in Bắc Ninh: one user per role, and enough cadres for the dashboards to speak."""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import ManagerScope, Team, TeamMembership, Unit, User
from accounts.roles import CADRES, MANAGERS, TEAM_LEADERS, TRAINERS
from localities.models import Commune, Province

DEMO_PASSWORD = "kynangso-demo"
DEMO_PROVINCE_CODE = "24"  # Bắc Ninh after the 2025 reorganisation

UNITS = [
    "Ban Tuyên giáo và Dân vận",
    "Ủy ban Mặt trận Tổ quốc",
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân",
    "Hội Cựu chiến binh",
    "Công an xã",
    "Văn phòng HĐND và UBND xã",
]

POSITIONS = [
    "Bí thư chi bộ",
    "Trưởng thôn",
    "Tổ trưởng tổ dân phố",
    "Công chức văn hóa - xã hội",
    "Cán bộ Mặt trận",
    "Đoàn viên thanh niên",
]

# Given names and family names for the synthetic cadres of the demo communes.
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Đức", "Thu", "Minh", "Hồng", "Quang", "Thanh", "Ngọc", "Hữu", "Xuân", "Kim"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
]

DEMO_COMMUNE_COUNT = 6
CADRES_PER_COMMUNE = 8


def demo_communes():
    province = Province.objects.current().get(code=DEMO_PROVINCE_CODE)
    communes = list(Commune.objects.current().filter(province=province).order_by("code")[:DEMO_COMMUNE_COUNT])
    return province, communes


def _demo_password_hash(cache={}) -> str:  # noqa: B006 - one hash per process, on purpose
    # Hashing is deliberately slow; every demo user shares the one demo password.
    if "hash" not in cache:
        cache["hash"] = make_password(DEMO_PASSWORD)
    return cache["hash"]


def _person(username: str, **fields) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, password=_demo_password_hash())
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


def _roles(user: User, *roles: str):
    user.groups.add(*Group.objects.filter(name__in=roles))


def _member(user: User, team: Team, role: str):
    TeamMembership.objects.update_or_create(user=user, team=team, defaults={"role": role})


@transaction.atomic
def seed_people() -> dict[str, User]:
    province, communes = demo_communes()
    units = {name: Unit.objects.get_or_create(name=name)[0] for name in UNITS}
    home = communes[0]

    teams = {}
    for index, commune in enumerate(communes):
        team, _created = Team.objects.get_or_create(commune=commune, name=f"Tổ công nghệ số cộng đồng {commune.name}")
        teams[commune.pk] = [team]
        if index % 2 == 0:
            village_team, _created = Team.objects.get_or_create(
                commune=commune, name="Tổ công nghệ số thôn Đông", defaults={"village": "Thôn Đông"}
            )
            teams[commune.pk].append(village_team)

    demo = {
        "demo_cadre": _person(
            "demo_cadre",
            full_name="Nguyễn Thị Lan",
            phone="0912 000 001",
            position="Công chức văn hóa - xã hội",
            unit=units["Ban Tuyên giáo và Dân vận"],
            commune=home,
        ),
        "demo_leader": _person(
            "demo_leader",
            full_name="Trần Văn Hùng",
            phone="0912 000 002",
            position="Trưởng thôn",
            unit=units["Ủy ban Mặt trận Tổ quốc"],
            commune=home,
        ),
        "demo_trainer": _person(
            "demo_trainer",
            full_name="Phạm Minh Tâm",
            phone="0912 000 003",
            position="Giảng viên kỹ năng số",
            email="trainer@example.invalid",
            unit=units["Ban Tuyên giáo và Dân vận"],
            commune=None,
        ),
        "demo_manager": _person(
            "demo_manager",
            full_name="Lê Thu Hà",
            phone="0912 000 004",
            position="Trưởng phòng",
            email="manager@example.invalid",
            unit=units["Ban Tuyên giáo và Dân vận"],
            commune=home,
        ),
        "demo_commune_manager": _person(
            "demo_commune_manager",
            full_name="Hoàng Đức Long",
            phone="0912 000 005",
            position="Phó Chủ tịch UBND xã",
            unit=units["Văn phòng HĐND và UBND xã"],
            commune=home,
        ),
        "admin": _person(
            "admin",
            full_name="Quản trị hệ thống",
            email="admin@example.invalid",
            is_staff=True,
            is_superuser=True,
            commune=None,
        ),
    }
    _roles(demo["demo_cadre"], CADRES)
    _roles(demo["demo_leader"], CADRES, TEAM_LEADERS)
    _roles(demo["demo_trainer"], TRAINERS)
    _roles(demo["demo_manager"], MANAGERS)
    _roles(demo["demo_commune_manager"], MANAGERS)
    ManagerScope.objects.get_or_create(user=demo["demo_manager"], province=province)
    ManagerScope.objects.get_or_create(user=demo["demo_commune_manager"], commune=home)
    home_team = teams[home.pk][0]
    _member(demo["demo_leader"], home_team, TeamMembership.Role.LEADER)
    _member(demo["demo_cadre"], home_team, TeamMembership.Role.MEMBER)

    serial = 0
    for commune in communes:
        for slot in range(CADRES_PER_COMMUNE):
            serial += 1
            name = f"{FAMILY[serial % len(FAMILY)]} {MIDDLE[serial % len(MIDDLE)]} {GIVEN[serial % len(GIVEN)]}"
            cadre = _person(
                f"canbo_{commune.code}_{slot + 1}",
                full_name=name,
                phone=f"0913{serial:06d}",
                position=POSITIONS[serial % len(POSITIONS)],
                unit=units[UNITS[serial % len(UNITS)]],
                commune=commune,
            )
            _roles(cadre, CADRES)
            commune_teams = teams[commune.pk]
            team = commune_teams[slot % len(commune_teams)]
            if slot < len(commune_teams):
                _roles(cadre, TEAM_LEADERS)
                _member(cadre, team, TeamMembership.Role.LEADER)
            else:
                _member(cadre, team, TeamMembership.Role.MEMBER)
    return demo
