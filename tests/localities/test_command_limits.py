"""``import_localities`` has the cadre import's limits, reads its file as a stream, and keeps its output short."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from localities.models import Commune
from tests.accounts.import_world import database_fingerprint
from tests.localities.helpers import BASE, HEADER

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_localities", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings, tmp_path):
    path = tmp_path / "lon.csv"
    path.write_text(BASE, encoding="utf-8")
    settings.KNS_IMPORT_MAX_BYTES = len(BASE.encode()) - 1
    before = database_fingerprint()

    out, err, refused = run(path)

    assert refused is not None and "Tệp quá lớn" in str(refused) and "giới hạn là" in str(refused)
    assert database_fingerprint() == before


def test_a_file_with_more_rows_than_the_limit_is_refused_and_nothing_is_written(settings, tmp_path):
    path = tmp_path / "nhieu.csv"
    path.write_text(BASE, encoding="utf-8")  # 12 rows
    settings.KNS_IMPORT_MAX_ROWS = 11
    before = database_fingerprint()

    out, err, refused = run(path)

    assert refused is not None and "Tệp có hơn 11 dòng" in str(refused)
    assert database_fingerprint() == before

    settings.KNS_IMPORT_MAX_ROWS = 12
    assert run(path)[2] is None
    assert Commune.objects.current().count() == 3


def test_a_byte_that_is_not_utf8_deep_in_the_file_is_refused_and_nothing_is_written(tmp_path):
    path = tmp_path / "hong.csv"
    good = "".join(f"commune,{90000 + i},Xã Số {i},commune,01,,,2025-07-01,,,,\n" for i in range(5000))
    # A line saved in Windows-1258 after 5,000 good ones: far past what is read at first.
    path.write_bytes(BASE.encode() + good.encode() + b"commune,99999,X\xe3 H\xf2ng,commune,01\n")
    before = database_fingerprint()

    out, err, refused = run(path)

    assert refused is not None and "không phải UTF-8" in str(refused)
    assert database_fingerprint() == before


def test_thousands_of_errors_are_a_count_and_a_file(tmp_path):
    path = tmp_path / "sai.csv"
    path.write_text(
        HEADER + "\n" + "".join(f"commune,{10000 + i},Xã Số {i},hamlet,01,,,,,,,\n" for i in range(1200)),
        encoding="utf-8",
    )
    before = database_fingerprint()

    out, err, refused = run(path, "--lists-dir", tmp_path)

    assert refused is not None and "Có 1200 dòng lỗi; chưa nhập gì" in str(refused)
    lines = err.splitlines()
    assert len(lines) <= 25 and max(len(line) for line in lines) < 300
    listing = tmp_path / "sai.loi.txt"
    assert f"toàn bộ 1200 lỗi được ghi trong tệp {listing}" in err
    written = listing.read_text(encoding="utf-8").splitlines()
    assert len(written) == 1200 and written[0].startswith("Dòng 2:") and written[-1].startswith("Dòng 1201:")
    assert database_fingerprint() == before
