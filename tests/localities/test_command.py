from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from localities.models import Commune, Province, UnitSuccession
from tests.localities.helpers import BASE

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "localities_sample.csv"


def run(*args) -> str:
    out = StringIO()
    call_command("import_localities", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_committed_file_gives_the_official_counts_and_a_second_run_changes_nothing():
    with CaptureQueriesContext(connection) as queries:
        output = run()
    print(f"import_localities: {len(queries)} queries")

    assert Province.objects.current().count() == 34
    assert Commune.objects.current().count() == 3321
    assert Commune.objects.current().filter(province__code="24").count() == 99
    assert Province.objects.filter(valid_to__isnull=False).count() == 63
    # Bắc Giang (24) and Bắc Ninh (27) became the new Bắc Ninh, which took code 24.
    assert set(
        Province.objects.filter(valid_to__isnull=False, code__in=["24", "27"]).values_list("name", flat=True)
    ) == {
        "Tỉnh Bắc Giang",
        "Tỉnh Bắc Ninh",
    }
    assert not UnitSuccession.objects.filter(successor__valid_to__isnull=False).exists()
    # every former commune has exactly one default successor
    former = Commune.objects.filter(valid_to__isnull=False)
    assert UnitSuccession.objects.filter(is_default=True).count() == former.count()
    # Written in batches: a row-at-a-time import of 3,321 communes and their successions would make thousands.
    assert len(queries) < 400  # 190 on SQLite (its 999-variable limit makes the most batches)

    counts = (Province.objects.count(), Commune.objects.count(), UnitSuccession.objects.count())
    output = run()

    assert (Province.objects.count(), Commune.objects.count(), UnitSuccession.objects.count()) == counts
    assert "tạo mới 0, cập nhật 0" in output


def test_province_option_loads_one_province_and_what_merged_into_it():
    run("--province", "24")

    assert list(Province.objects.current().values_list("code", flat=True)) == ["24"]
    assert Commune.objects.current().count() == 99
    assert set(Province.objects.filter(valid_to__isnull=False).values_list("code", flat=True)) == {"24", "27"}
    assert not Commune.objects.filter(valid_to__isnull=False, successions__isnull=True).exists()


def test_unknown_province_is_refused():
    with pytest.raises(CommandError, match="99"):
        run(str(SAMPLE), "--province", "99")


def test_sample_file_imports():
    output = run(str(SAMPLE))

    assert Province.objects.current().count() == 2
    assert Commune.objects.current().count() == 4
    assert "Đã nhập xong" in output


def test_utf8_with_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))

    run(str(path))

    assert Commune.objects.current().count() == 3


def test_other_encodings_are_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "cp1258.csv"
    # What Excel's legacy "CSV" gives on a Vietnamese Windows: not UTF-8.
    path.write_bytes(BASE.encode("cp1258", errors="replace"))
    with pytest.raises(CommandError, match="UTF-8"):
        run(str(path))

    utf16 = tmp_path / "utf16.csv"
    utf16.write_text(BASE, encoding="utf-16")
    with pytest.raises(CommandError, match="UTF-8"):
        run(str(utf16))
    assert not Commune.objects.exists()


def test_bad_rows_are_printed_and_nothing_is_written(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BASE.replace("Phường Ngọc Hà,ward,01,21.0381", "Phường Ngọc Hà,wardd,01,21.0381"), encoding="utf-8")

    err = StringIO()
    with pytest.raises(CommandError, match="1 dòng lỗi"):
        call_command("import_localities", str(path), stdout=StringIO(), stderr=err)

    assert "Dòng 5:" in err.getvalue() and "wardd" in err.getvalue()
    assert not Province.objects.exists()


def test_bad_header_and_missing_file_are_refused(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("level,code,name,kind,merged_into\n", encoding="utf-8")
    with pytest.raises(CommandError, match="merged_into"):
        run(str(path))
    with pytest.raises(CommandError, match="Không tìm thấy"):
        run(str(tmp_path / "nope.csv"))


def test_semicolon_separated_file_with_decimal_commas(tmp_path):
    path = tmp_path / "excel.csv"
    lines = [
        "level;code;name;kind;province_code;latitude;longitude;valid_from",
        "province;01;Thành phố Hà Nội;city;;;;2025-07-01",
        "commune;00004;Phường Ba Đình;ward;01;21,0386;105,838;01/07/2025",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")

    run(str(path))

    ba_dinh = Commune.objects.get()
    assert str(ba_dinh.latitude) == "21.038600"
    assert ba_dinh.valid_from.isoformat() == "2025-07-01"
