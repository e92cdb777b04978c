import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import ManagerScope, Team, TeamMembership, User
from localities.models import Commune, Province

DEMO_USERS = ["demo_cadre", "demo_leader", "demo_trainer", "demo_manager", "demo_commune_manager", "admin"]


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=io.StringIO())


@pytest.mark.smoke
def test_seed_demo_creates_every_demo_login(seeded, client):
    assert set(DEMO_USERS) <= set(User.objects.values_list("username", flat=True))
    for username in DEMO_USERS:
        assert client.login(username=username, password="kynangso-demo"), username
    # Bắc Ninh after 2025: 99 communes and wards.
    bac_ninh = Province.objects.current().get(code="24")
    assert bac_ninh.name.endswith("Bắc Ninh")
    assert Commune.objects.current().filter(province=bac_ninh).count() == 99
    manager = User.objects.get(username="demo_manager")
    assert ManagerScope.objects.get(user=manager).province == bac_ninh
    commune_manager = User.objects.get(username="demo_commune_manager")
    assert ManagerScope.objects.get(user=commune_manager).commune == User.objects.get(username="demo_cadre").commune
    leader = User.objects.get(username="demo_leader")
    assert TeamMembership.objects.filter(user=leader, role="leader").exists()


def test_seed_demo_is_idempotent(seeded):
    counts = (User.objects.count(), Team.objects.count(), TeamMembership.objects.count(), Commune.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == (
        User.objects.count(),
        Team.objects.count(),
        TeamMembership.objects.count(),
        Commune.objects.count(),
    )


@pytest.mark.django_db
def test_seed_demo_refuses_under_production_settings(settings):
    settings.KNS_ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="never loaded under production settings"):
        call_command("seed_demo")
    assert not User.objects.filter(username="demo_cadre").exists()


def test_seed_demo_shows_messages_in_each_status(seeded, client):
    from notifications.models import Message

    demo = Message.objects.filter(idempotency_key__startswith="demo:")
    assert set(demo.values_list("status", flat=True)) == {"queued", "sending", "sent", "failed", "skipped"}
    call_command("seed_demo", stdout=io.StringIO())
    assert demo.count() == 5
    client.login(username="demo_manager", password="kynangso-demo")
    page = client.get("/admin/messages/?status=failed")
    assert page.status_code == 200
    assert "HTTP 400: số điện thoại không hợp lệ" in page.content.decode()
