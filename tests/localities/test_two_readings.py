"""The import reads its rows twice (checked, then written): what each reading must agree on."""

from io import StringIO

import pytest
from django.core.management import call_command

from localities.csv_format import CsvFormatError
from localities.models import Commune, Province, UnitSuccession
from localities.services import import_units
from tests.localities.helpers import BASE, rows

pytestmark = pytest.mark.django_db


def counts():
    return (Province.objects.count(), Commune.objects.count(), UnitSuccession.objects.count())


def test_a_file_that_changes_between_the_readings_is_refused_and_nothing_is_written():
    # The commune 07246 moved to the other province: the first reading checked it under 24.
    changed = BASE.replace("Xuân Lương,commune,24,", "Xuân Lương,commune,01,")
    assert changed != BASE
    readings = [rows(BASE), rows(changed)]

    def read():
        return readings.pop(0) if len(readings) > 1 else readings[0]

    with pytest.raises(CsvFormatError, match="thay đổi trong khi nhập"):
        import_units(rows=read, source="test")

    assert counts() == (0, 0, 0)


def test_a_file_cut_short_before_the_second_reading_is_refused():
    whole = rows(BASE)
    readings = [whole, [r for r in whole if r["code"] != "07246" or r["level"] != "commune" or r["valid_to"]]]

    def read():
        return readings.pop(0) if len(readings) > 1 else readings[0]

    with pytest.raises(CsvFormatError, match="thay đổi trong khi nhập"):
        import_units(rows=read, source="test")

    assert counts() == (0, 0, 0)


def test_a_one_off_iterator_of_rows_is_imported_whole():
    result = import_units(rows=iter(rows(BASE)), source="test")

    assert result.ok, result.errors
    assert counts() == (4, 7, 5)


def test_the_command_reads_its_file_again_and_writes_every_unit_past_a_batch(tmp_path):
    # More than one batch of 500 per level, so the last, partial batch is the one that must not be lost.
    lines = [BASE.splitlines()[0], "province,01,Thành phố Hà Nội,city,,,,2025-07-01,,,,"]
    lines += [f"commune,C{i:05d},Xã Thử {i},commune,01,,,2025-07-01,,,," for i in range(1, 1203)]
    path = tmp_path / "units.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    call_command("import_localities", str(path), stdout=StringIO(), stderr=StringIO())

    assert Commune.objects.current().count() == 1202
    assert Commune.objects.get(code="C01202").name == "Xã Thử 1202"
    assert set(Commune.objects.values_list("province__code", flat=True)) == {"01"}
