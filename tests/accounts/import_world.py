"""The small world the cadre-import corpus refers to (tests/accounts/corpus/build.py): fixed codes and people."""

import datetime
import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import Group

from accounts.models import ManagerScope, User
from accounts.roles import CADRES, MANAGERS
from localities.models import Commune, Province, UnitSuccession
from tests.factories import UserFactory

CORPUS_TABLES_EXCLUDED = {"sessions.session"}


@dataclass
class ImportWorld:
    province_a: Province
    province_b: Province
    an_binh: Commune
    dong_hoa: Commune
    bac_son: Commune
    former: Commune
    lan: User
    hung: User
    binh: User
    manager: User
    manager_b: User


def build_import_world() -> ImportWorld:
    province_a = Province.objects.create(code="91", name="Tỉnh Thử Nghiệm A")
    province_b = Province.objects.create(code="92", name="Tỉnh Thử Nghiệm B")
    an_binh = Commune.objects.create(code="91001", name="Xã An Bình", kind="commune", province=province_a)
    dong_hoa = Commune.objects.create(code="91002", name="Phường Đông Hòa", kind="ward", province=province_a)
    bac_son = Commune.objects.create(code="92001", name="Xã Bắc Sơn", kind="commune", province=province_b)
    former = Commune.objects.create(
        code="91009", name="Xã Cũ Hòa Mỹ", kind="commune", province=province_a, valid_to=datetime.date(2025, 6, 30)
    )
    UnitSuccession.objects.create(
        predecessor=former, successor=an_binh, effective=datetime.date(2025, 7, 1), is_default=True
    )
    lan = UserFactory(
        username="lan.nguyen", full_name="Nguyễn Thị Lan", phone="0912000001", commune=an_binh, roles=[CADRES]
    )
    hung = UserFactory(
        username="hung.tran", full_name="Trần Văn Hùng", phone="0912000002", commune=an_binh, roles=[CADRES]
    )
    binh = UserFactory(username="binh.le", full_name="Lê Văn Bình", phone="0912000009", commune=bac_son, roles=[CADRES])
    manager = UserFactory(username="quanly.a", full_name="Quản Lý Tỉnh A", commune=an_binh, roles=[MANAGERS])
    ManagerScope.objects.create(user=manager, province=province_a)
    manager_b = UserFactory(username="quanly.b", full_name="Quản Lý Tỉnh B", commune=bac_son, roles=[MANAGERS])
    ManagerScope.objects.create(user=manager_b, province=province_b)
    assert Group.objects.filter(name=CADRES).exists()
    return ImportWorld(province_a, province_b, an_binh, dong_hoa, bac_son, former, lan, hung, binh, manager, manager_b)


def database_fingerprint() -> dict:
    """Row counts of every table, and a hash of every user row: equal before and after means nothing was written."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in CORPUS_TABLES_EXCLUDED or model._meta.proxy or not model._meta.managed:
            continue
        counts[label] = model._base_manager.count()
    users = User.objects.order_by("pk").values_list(
        "pk", "username", "full_name", "phone", "email", "position", "unit_id", "commune_id", "is_active", "password"
    )
    digest = hashlib.sha256(repr(list(users)).encode()).hexdigest()
    groups = hashlib.sha256(repr(sorted(User.groups.through.objects.values_list("user_id", "group_id"))).encode())
    return {"counts": counts, "users": digest, "groups": groups.hexdigest()}
