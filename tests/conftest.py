"""The test harness: site tree, a small world of places and people, query budgets and a real browser."""

import datetime
import os
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import CADRES, TEAM_LEADERS, TRAINERS
from home.services import site_bootstrap
from localities.models import UnitSuccession
from tests.factories import (
    PASSWORD,
    CommuneFactory,
    ManagerScopeFactory,
    ProvinceFactory,
    TeamFactory,
    TeamMembershipFactory,
    UserFactory,
)

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls
# made by the same test (building data) are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Roles are synced by post_migrate; the page tree and the site come from bootstrap.
    with django_db_blocker.unblock():
        site_bootstrap()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rows rolled back or flushed by the last test may come back
    with the same ids, and the page caches (home.routing, courses.page_cache) must not outlive them."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    cache.clear()
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _rebuild_site_after_flush(request):
    """Transactional tests (live_server, Playwright, a real worker) start from a flushed database."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        site_bootstrap()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def skip_unless_postgres():
    return pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (race test)")


@dataclass
class World:
    """Two provinces: A (communes a1, a2) where the people live, B whose manager is out of scope."""

    province_a: object
    province_b: object
    commune_a1: object
    commune_a2: object
    commune_b1: object
    cadre: object
    leader: object
    trainer: object
    manager_a: object
    commune_manager_a1: object
    manager_b: object
    superuser: object
    team_a1: object

    password: str = PASSWORD


@pytest.fixture
def world(db):
    return build_world()


def build_world() -> World:
    """The world's rows (the URL guard builds it once per module, the ``world`` fixture once per test)."""
    province_a = ProvinceFactory(name="Tỉnh Alpha")
    province_b = ProvinceFactory(name="Tỉnh Beta")
    commune_a1 = CommuneFactory(province=province_a, name="Xã An Bình")
    commune_a2 = CommuneFactory(province=province_a, name="Phường Đông Hòa", kind="ward")
    commune_b1 = CommuneFactory(province=province_b, name="Xã Bắc Sơn")
    former_a1 = CommuneFactory(province=province_a, name="Xã Cũ Hòa Mỹ", valid_to=datetime.date(2025, 6, 30))
    UnitSuccession.objects.create(
        predecessor=former_a1, successor=commune_a1, effective=datetime.date(2025, 7, 1), is_default=True
    )
    cadre = UserFactory(username="cadre_a1", full_name="Trần Thị Học Viên", commune=commune_a1, roles=[CADRES])
    leader = UserFactory(
        username="leader_a1", full_name="Lê Văn Tổ Trưởng", commune=commune_a1, roles=[CADRES, TEAM_LEADERS]
    )
    team = TeamFactory(commune=commune_a1, name="Tổ công nghệ số thôn Đông")
    TeamMembershipFactory(team=team, user=leader, role="leader")
    TeamMembershipFactory(team=team, user=cadre, role="member")
    trainer = UserFactory(username="trainer", full_name="Phạm Giảng Viên", commune=None, roles=[TRAINERS])
    manager_a = ManagerScopeFactory(
        user__username="manager_a",
        user__full_name="Quản Lý Tỉnh Alpha",
        user__commune=commune_a1,
        province=province_a,
    ).user
    commune_manager_a1 = ManagerScopeFactory(
        user__username="manager_a1",
        user__full_name="Quản Lý Xã An Bình",
        user__commune=commune_a1,
        commune=commune_a1,
    ).user
    manager_b = ManagerScopeFactory(
        user__username="manager_b",
        user__full_name="Quản Lý Tỉnh Beta",
        user__commune=commune_b1,
        province=province_b,
    ).user
    superuser = UserFactory(
        username="root", full_name="Quản Trị Hệ Thống", commune=None, is_superuser=True, is_staff=True
    )
    return World(
        province_a,
        province_b,
        commune_a1,
        commune_a2,
        commune_b1,
        cadre,
        leader,
        trainer,
        manager_a,
        commune_manager_a1,
        manager_b,
        superuser,
        team,
    )


def count_queries(func) -> int:
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


@pytest.fixture
def assert_constant_queries():
    """Assert that ``measure()`` makes the same number of queries before and after ``grow()``.

    ``measure`` runs once at each size before it is counted, to warm what is
    legitimately made once (image renditions, content types, site root paths).
    """

    def check(measure, grow, *, label: str = "view"):
        measure()
        small = count_queries(measure)
        grow()
        measure()
        large = count_queries(measure)
        assert small == large, f"{label} made {small} queries at the small size but {large} at the large size"
        return small

    return check


# --- Playwright, driving Debian's Chromium (pytest-playwright cannot download browsers here).

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A phone: the size of a common Android or iPhone screen.
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "locale": "vi-VN",
        "is_mobile": True,
        "has_touch": True,
    }


def pytest_collection_modifyitems(config, items):
    if not os.path.exists(CHROMIUM):
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (make test installs it as root)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)
