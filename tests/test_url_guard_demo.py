"""The URL guard's walk over the demo (issue 16's bar): every URL x method x role, on seed_demo's content.

``tests/test_url_guard.py`` walks its own small world; this module walks the same URLs with the same
machinery (``walk_url``: every method with a valid CSRF token, as anonymous, a cadre, a team leader, a
trainer, province B's manager, commune A1's manager, province A's manager and a superuser; status
against the URL's rule, no out-of-scope name or phone in the body, no GET that writes) over what
``manage.py seed_demo`` creates: its courses, quizzes and attempts, certificates, training sessions,
login sheet, messages, targets, and its people in six communes of Bắc Ninh.

The demo is mapped onto a World (tests/conftest.py): province A is demo_manager's province, commune A1
demo_cadre's commune, A2 the first other current commune of the province in the communes listing, team A1
demo_leader's team; the cadre, leader, trainer, commune manager, province manager and superuser are
demo_cadre, demo_leader, demo_trainer, demo_commune_manager, demo_manager and admin. The demo has no
second province, so this module adds one on top: province B (a current province none of whose units
shares a name with A's markers), a commune B1 in it and B's manager; and, as the guard does, a cadre in
A2 and one in B1 (``build_guard_world``), a second manager of province A (the person of higher
privilege, ``second_manager_a``), and a former commune of A1 if the data has none. Samples
(tests/access_samples.py) use the demo's objects where they find one that fits (the assignment message
sent to demo_cadre) and build the rest in the demo's commune A1 on first use.

Where the demo differs from the tests' world: the people, chooser and messages listings run to several
pages, so their marker is any person of province A (``GuardWorld.markers``); the cadre import page's
example row names "Nguyễn Thị Lan" (accounts/imports/columns.py), demo_cadre's name, so that text is not
counted as a leak (her phone still is).

Beyond the guard's own hidden texts, each role must never be shown the demo's people outside its
scope: below province level (anonymous, cadre, leader, trainer, commune A1's manager) everyone living
in another commune of province A (the demo's synthetic cadres of five communes), and for province B's
manager everyone living in province A. seed_demo runs once for the module, in a transaction rolled back
at its end; each URL's requests are rolled back as in the guard.
"""

from __future__ import annotations

import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from accounts.imports.columns import COLUMNS
from accounts.models import ManagerScope, TeamMembership, User
from localities.models import Commune, Province, UnitSuccession
from tests.access_samples import first_succession_a
from tests.conftest import World
from tests.factories import ManagerScopeFactory
from tests.test_url_guard import (
    Matrix,
    _person_texts,
    _url_id,
    build_guard_world,
    check_matrix,
    prepare_walk,
    walk_url,
    walked_urls,
)

DEMO_MATRIX = Matrix()


def _province_b(province_a: Province, avoid: set[str]) -> Province:
    """A current province other than A none of whose units (current or former) bears a name in ``avoid``."""
    for province in Province.objects.current().exclude(pk=province_a.pk).order_by("code"):
        names = set(Commune.objects.filter(province=province).values_list("name", flat=True)) | {province.name}
        if not names & avoid and Commune.objects.current().filter(province=province).exists():
            return province
    pytest.fail("the localities data has no second province to stand for province B")


def demo_world() -> World:
    """seed_demo's people and places as the guard's World, with province B and its manager added."""
    cadre, leader, trainer, manager_a, commune_manager, superuser = (
        User.objects.get(username=username)
        for username in ("demo_cadre", "demo_leader", "demo_trainer", "demo_manager", "demo_commune_manager", "admin")
    )
    province_a = ManagerScope.objects.get(user=manager_a, province__isnull=False).province
    commune_a1 = cadre.commune
    # The first of A's other communes in the communes listing's order (its marker is on the first page).
    commune_a2 = Commune.objects.current().filter(province=province_a).exclude(pk=commune_a1.pk).first()
    team_a1 = TeamMembership.objects.get(user=leader, role=TeamMembership.Role.LEADER).team
    if not commune_a1.predecessions.exists():
        former = Commune.objects.create(
            province=province_a,
            code="demo-former",
            name="Xã Cũ Hòa Mỹ",
            kind=commune_a1.kind,
            valid_to=datetime.date(2025, 6, 30),
        )
        UnitSuccession.objects.create(
            predecessor=former, successor=commune_a1, effective=datetime.date(2025, 7, 1), is_default=True
        )
    former_name = first_succession_a(SimpleNamespace(province_a=province_a))  # the merges listing's marker
    province_b = _province_b(
        province_a,
        {province_a.name, commune_a1.name, commune_a2.name, former_name, team_a1.name},
    )
    commune_b1 = Commune.objects.current().filter(province=province_b).order_by("code").first()
    manager_b = ManagerScopeFactory(
        user__username="manager_b",
        user__full_name="Quản Lý Tỉnh Beta",
        user__commune=commune_b1,
        province=province_b,
    ).user
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
        commune_manager,
        manager_b,
        superuser,
        team_a1,
    )


def _people_of_a(attr: str):
    """Every person living in province A, as their ``attr``: a marker for listings of people that
    run to several pages in the demo (province A's manager sees some of them; B's manager none)."""

    def marker(world):
        people = User.objects.filter(commune__province=world.province_a).order_by("pk")
        return [value for value in people.values_list(attr, flat=True) if value not in EXAMPLE_TEXTS]

    return marker


# The cadre import's page shows an example row whose name is demo_cadre's ("Nguyễn Thị Lan",
# accounts/imports/columns.py): that text names nobody, so it is not counted as a leak (her phone still is).
EXAMPLE_TEXTS = {column.example for column in COLUMNS if column.example}


def build_demo_guard():
    world = demo_world()
    built = build_guard_world(world, phones=None)  # the demo's people keep their own phones
    province_a = world.province_a
    in_province_a = list(User.objects.filter(commune__province=province_a).exclude(username="a2_cadre"))
    other_communes = [person for person in in_province_a if person.commune_id != world.commune_a1.pk]
    below_province = _person_texts(*other_communes)
    for role in ("anonymous", "cadre", "leader", "trainer", "commune_manager"):
        built.hidden[role] = [*built.hidden[role], *below_province]
    built.hidden["manager_b"] = [*built.hidden["manager_b"], *_person_texts(*in_province_a)]
    built.hidden = {role: [t for t in texts if t not in EXAMPLE_TEXTS] for role, texts in built.hidden.items()}
    # Listings of people, paginated in the demo: any person of province A is the marker.
    built.markers = {
        "wagtailusers_users:index": _people_of_a("full_name"),
        "wagtailusers_users:index_results": _people_of_a("full_name"),
        "kns_people_chooser:choose": _people_of_a("username"),
        "kns_people_chooser:choose_results": _people_of_a("username"),
        "notification_messages:index": _people_of_a("full_name"),
        "notification_messages:index_results": _people_of_a("full_name"),
    }
    return built


@pytest.fixture(scope="module")
def guard(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo, once, mapped onto the guard's World; each test's transaction is a savepoint inside."""
    media = tmp_path_factory.mktemp("demo-guard-media")
    with (
        override_settings(MEDIA_ROOT=media / "public", PRIVATE_MEDIA_ROOT=media / "private"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=io.StringIO())
        built = build_demo_guard()
        prepare_walk(built)
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def _media_root():
    """The module's media settings hold for the whole walk (the demo's and the samples' files live there)."""


@pytest.mark.django_db
@pytest.mark.parametrize("entry", walked_urls(), ids=_url_id)
def test_demo_url_refuses_everyone_outside_its_rule(guard, entry):
    problems = walk_url(guard, entry, DEMO_MATRIX)
    assert problems == [], "\n".join(problems)


def test_the_matrix_of_the_demo_walk(request):
    """Issue 16's bar over the demo, printed (even under -q) and asserted: 0 responses outside a rule."""
    check_matrix(request, DEMO_MATRIX, "URL guard matrix over seed_demo (issue 16's bar):")
