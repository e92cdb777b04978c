import pytest

from localities.models import Commune
from localities.selectors import communes_in_province, current_successor, current_successor_ids
from tests.localities.helpers import BASE, HEADER, load

pytestmark = pytest.mark.django_db


def ids(**by_name):
    return {key: Commune.objects.get(name=name, **filters).pk for key, (name, filters) in by_name.items()}


def test_former_commune_rolls_up_to_its_successor():
    assert load(BASE).ok
    c = ids(
        truc_bach=("Phường Trúc Bạch", {}),
        ngoc_ha_old=("Phường Ngọc Hà", {"valid_to__isnull": False}),
        ngoc_ha_new=("Phường Ngọc Hà", {"valid_to__isnull": True}),
        ba_dinh=("Phường Ba Đình", {}),
        canh_nau=("Xã Canh Nậu", {}),
        xuan_luong=("Xã Xuân Lương", {}),
    )

    mapping = current_successor_ids(c.values())

    assert mapping == {
        c["truc_bach"]: c["ba_dinh"],  # same code 00004, different unit
        c["ngoc_ha_old"]: c["ba_dinh"],  # divided: the default successor, not the namesake
        c["ngoc_ha_new"]: c["ngoc_ha_new"],
        c["ba_dinh"]: c["ba_dinh"],
        c["canh_nau"]: c["xuan_luong"],
        c["xuan_luong"]: c["xuan_luong"],
    }


def test_chains_are_followed_in_a_query_per_step(django_assert_num_queries):
    assert load(BASE).ok
    assert load(
        f"""{HEADER}
commune,07246,Xã Xuân Lương,commune,24,,,2025-07-01,2026-12-31,07246,,
commune,07246,Xã Yên Thế,commune,24,,,2027-01-01,,,,
"""
    ).ok
    every = list(Commune.objects.values_list("pk", flat=True))
    canh_nau = Commune.objects.get(name="Xã Canh Nậu").pk
    yen_the = Commune.objects.get(name="Xã Yên Thế").pk

    # the ids, then one step per generation of history (2025, then the later change)
    with django_assert_num_queries(3):
        mapping = current_successor_ids(every)

    assert mapping[canh_nau] == yen_the
    assert set(mapping.values()) == set(Commune.objects.current().values_list("pk", flat=True))


def test_unknown_and_dissolved_units_are_left_out():
    assert load(
        f"""{HEADER}
province,01,Thành phố Hà Nội,city,,,,,2025-06-30,,,
commune,00001,Phường Phúc Xá,ward,01,,,,2025-06-30,,,
"""
    ).ok
    dissolved = Commune.objects.get().pk

    assert current_successor_ids([dissolved, 999_999]) == {}
    assert current_successor_ids([]) == {}
    assert current_successor(Commune.objects.get()) is None


def test_communes_in_province_lists_current_units_only():
    assert load(BASE).ok
    bac_ninh = Commune.objects.get(name="Xã Xuân Lương").province

    assert [c.name for c in communes_in_province(bac_ninh)] == ["Xã Xuân Lương"]
    assert list(communes_in_province(bac_ninh.pk)) == list(communes_in_province(bac_ninh))
