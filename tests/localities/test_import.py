import datetime as dt
import unicodedata
from decimal import Decimal

import pytest
from django.db.models import F

from localities.models import Commune, Province, UnitSuccession
from localities.services import import_units, rows_for_province
from tests.localities.helpers import BASE, HEADER, load, rows

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Province.objects.values_list("id", "code", "name", "kind", "valid_from", "valid_to")),
        sorted(
            Commune.objects.values_list(
                "id", "code", "name", "kind", "province_id", "latitude", "longitude", "valid_from", "valid_to"
            )
        ),
        sorted(UnitSuccession.objects.values_list("id", "predecessor_id", "successor_id", "effective", "is_default")),
    )


def test_small_file_imports_units_and_successions():
    result = load(BASE)

    assert result.ok, result.errors
    assert (result.provinces.created, result.communes.created, result.successions.created) == (4, 7, 5)
    assert Province.objects.current().count() == 2
    assert Commune.objects.current().count() == 3

    bac_giang = Province.objects.get(code="24", valid_to__isnull=False)
    assert bac_giang.name == "Tỉnh Bắc Giang"
    # A former commune belongs to the former province with its code, not the new one.
    assert Commune.objects.get(code="07243").province == bac_giang

    dong_tien = Commune.objects.get(code="07243")
    succession = dong_tien.successions.get()
    # Blank effective: the day after valid_to; a single successor is the default.
    assert succession.effective == dt.date(2025, 7, 1)
    assert succession.is_default
    assert succession.successor.code == "07246" and succession.successor.is_current

    divided = Commune.objects.get(code="00016", valid_to__isnull=False)
    assert {(s.successor.code, s.is_default) for s in divided.successions.all()} == {("00004", True), ("00008", False)}


def test_code_reuse_keeps_current_and_former_units_apart():
    assert load(BASE).ok

    # NULLs sort first on SQLite and last on PostgreSQL: say which.
    units = Commune.objects.filter(code="00004").order_by(F("valid_to").asc(nulls_first=True))
    assert [(u.name, u.valid_to) for u in units] == [
        ("Phường Ba Đình", None),
        ("Phường Trúc Bạch", dt.date(2025, 6, 30)),
    ]
    current, former = units
    assert former.successions.get().successor == current
    assert current.latitude == Decimal("21.038600")


def test_second_import_changes_nothing():
    assert load(BASE).ok
    before = snapshot()

    result = load(BASE)

    assert result.ok
    assert not result.changed
    assert (result.provinces.unchanged, result.communes.unchanged, result.successions.unchanged) == (4, 7, 5)
    assert snapshot() == before


def test_names_are_stored_nfc():
    nfd = unicodedata.normalize("NFD", "Xã Đồng Tiến")
    assert nfd != "Xã Đồng Tiến"
    assert load(BASE.replace("Xã Đồng Tiến", nfd)).ok
    assert Commune.objects.get(code="07243").name == "Xã Đồng Tiến"
    # The same names again, normalised, are not a change.
    assert not load(BASE).changed


def test_update_changes_name_and_moves_the_default_successor():
    assert load(BASE).ok
    ba_dinh_id = Commune.objects.get(code="00004", valid_to__isnull=True).pk
    divided = "commune,00016,Phường Ngọc Hà,ward,01,21.037816,105.828296,,2025-06-30"
    changed = (
        BASE.replace("Phường Ba Đình,ward", "Phường Ba Đình Mới,ward")
        .replace(f"{divided},00004,2025-07-01,1", f"{divided},00004,2025-07-01,0")
        .replace(f"{divided},00008,2025-07-01,0", f"{divided},00008,2025-07-01,1")
    )

    result = load(changed)

    assert result.ok, result.errors
    assert result.communes.updated == 1
    assert result.successions.updated == 2
    assert Commune.objects.get(pk=ba_dinh_id).name == "Phường Ba Đình Mới"
    assert Commune.objects.get(code="00016").successions.get(is_default=True).successor.code == "00008"


def test_a_later_change_retires_a_current_unit_in_place():
    assert load(BASE).ok
    xuan_luong = Commune.objects.get(code="07246", valid_to__isnull=True)
    # A hypothetical later change: Xuân Lương joins a new commune that reuses its code.
    # The row is found by (code, valid_from) and retired, keeping its id.
    later = f"""{HEADER}
commune,07246,Xã Xuân Lương,commune,24,21.5825,106.11,2025-07-01,2026-12-31,07246,,
commune,07246,Xã Yên Thế,commune,24,,,2027-01-01,,,,
"""

    result = load(later)

    assert result.ok, result.errors
    assert (result.communes.created, result.communes.updated, result.successions.created) == (1, 1, 1)
    xuan_luong.refresh_from_db()
    assert xuan_luong.valid_to == dt.date(2026, 12, 31)
    new = Commune.objects.get(code="07246", valid_to__isnull=True)
    assert new.pk != xuan_luong.pk and new.name == "Xã Yên Thế"
    assert xuan_luong.successions.get().successor == new
    assert not load(later).changed


def test_rows_for_province_keeps_the_province_its_communes_and_their_predecessors():
    selected = rows_for_province(rows(BASE), "24")

    assert sorted((r["level"], r["code"], r["valid_to"]) for r in selected) == [
        ("commune", "07243", "2025-06-30"),
        ("commune", "07246", ""),
        ("commune", "07246", "2025-06-30"),
        ("province", "24", ""),
        ("province", "24", "2025-06-30"),
    ]
    assert import_units(rows=selected, source="test").ok


BAD_ROWS = {
    # line number in BAD_FILE: the mistake it carries
    4: "unknown level",
    5: "unknown kind",
    6: "missing code",
    7: "missing name",
    8: "latitude not a number",
    9: "longitude out of range",
    10: "bad date",
    11: "merged_into_code is not a current commune",
    13: "duplicated current code",
    14: "a current unit cannot merge",
    15: "commune without province",
    16: "province that does not exist",
    17: "is_default not a boolean",
    18: "divided unit with two defaults",
}
BAD_FILE = f"""{HEADER}
province,01,Thành phố Hà Nội,city,,,,2025-07-01,,,,
province,01,Thành phố Hà Nội,city,,,,,2025-06-30,01,,
district,001,Quận Ba Đình,district,01,,,2025-07-01,,,,
commune,00010,Phường X,quarter,01,,,2025-07-01,,,,
commune,,Phường Không Mã,ward,01,,,2025-07-01,,,,
commune,00011,,ward,01,,,2025-07-01,,,,
commune,00012,Phường Y,ward,01,abc,105.8,2025-07-01,,,,
commune,00013,Phường Z,ward,01,21.0,205.8,2025-07-01,,,,
commune,00014,Phường W,ward,01,,,2025-13-45,,,,
commune,00015,Phường Cũ,ward,01,,,,2025-06-30,99999,,
commune,00004,Phường Ba Đình,ward,01,,,2025-07-01,,,,
commune,00004,Phường Ba Đình Hai,ward,01,,,2025-07-01,,,,
commune,00017,Phường V,ward,01,,,2025-07-01,,00004,,
commune,00018,Phường U,ward,,,,2025-07-01,,,,
commune,00019,Phường T,ward,77,,,2025-07-01,,,,
commune,00020,Phường S,ward,01,,,,2025-06-30,00004,,maybe
commune,00021,Phường R,ward,01,,,,2025-06-30,00004,,1
commune,00021,Phường R,ward,01,,,,2025-06-30,00008,,1
commune,00008,Phường Ngọc Hà,ward,01,,,2025-07-01,,,,
"""


@pytest.mark.parametrize("preloaded", [False, True], ids=["empty", "after-base"])
def test_bad_file_writes_nothing_and_reports_each_line(preloaded):
    if preloaded:
        assert load(BASE).ok
    before = snapshot()

    result = load(BAD_FILE)

    assert not result.ok
    assert sorted({e.line for e in result.errors}) == sorted(BAD_ROWS)
    assert len(result.errors) == len(BAD_ROWS), [str(e) for e in result.errors]
    for error in result.errors:
        assert str(error).startswith(f"Dòng {error.line}:")
    assert snapshot() == before


def test_error_messages_name_the_problem():
    messages = {e.line: str(e) for e in load(BAD_FILE).errors}

    assert "district" in messages[4]
    assert "quarter" in messages[5]
    assert "thiếu mã" in messages[6]
    assert "thiếu tên" in messages[7]
    assert "abc" in messages[8]
    assert "205.8" in messages[9]
    assert "2025-13-45" in messages[10]
    assert "99999" in messages[11]
    assert "dòng 12" in messages[13]
    assert "merged_into_code" in messages[14]
    assert "province_code" in messages[15]
    assert "77" in messages[16]
    assert "maybe" in messages[17]
    assert "00021" in messages[18]


def test_a_good_row_referring_to_a_bad_one_is_not_reported_twice():
    text = f"""{HEADER}
province,01,Thành phố Hà Nội,city,,,,2025-07-01,,,,
province,01,Thành phố Hà Nội,city,,,,,2025-06-30,01,,
commune,00004,Phường Ba Đình,wardd,01,,,2025-07-01,,,,
commune,00001,Phường Phúc Xá,ward,01,,,,2025-06-30,00004,,
"""
    assert [e.line for e in load(text).errors] == [4]


def test_two_units_with_the_same_code_and_first_day_are_refused():
    assert load(BASE).ok
    # A former unit that would clash with the current 00008 on (code, valid_from).
    text = f"""{HEADER}
commune,00008,Phường Ngọc Hà Cũ,ward,01,,,2025-07-01,2025-12-31,00004,,
commune,00008,Phường Ngọc Hà,ward,01,,,2025-07-01,,,,
"""
    before = snapshot()

    result = load(text)

    assert [e.line for e in result.errors] == [3]
    assert snapshot() == before
