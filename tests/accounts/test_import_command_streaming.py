"""``manage.py import_cadres`` on files of several batches: still all rows or none, and output that stays short."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.imports import cadres
from accounts.models import Team, User
from tests.accounts.import_world import build_import_world, database_fingerprint

pytestmark = pytest.mark.django_db

HEADER = "Họ và tên,Số điện thoại,Mã xã phường,Tổ công nghệ số,Vai trò trong tổ\r\n"


def letters(number: int) -> str:
    """0 → "B", 18 → "CC": names have no digits."""
    text = ""
    while True:
        number, digit = divmod(number, 17)
        text = "BCDGHKLMNPQRSTVXĐ"[digit] + text
        if not number:
            return text


def write_rows(path, count, *, teams=3, bad_code_from=None):
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for i in range(count):
            code = "99999" if bad_code_from is not None and i >= bad_code_from else "91001"
            out.write(f"Phạm Văn Số {letters(i)},09{16000000 + i},{code},Tổ {letters(i % teams)},Thành viên\r\n")
    return path


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_cadres", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


@pytest.fixture
def world(db, monkeypatch):
    # Small batches, so that a file of a few hundred rows spans several of them.
    monkeypatch.setattr(cadres, "ROWS_PER_BATCH", 100)
    return build_import_world()


def test_one_bad_row_at_the_end_of_a_file_of_many_batches_writes_nothing(world, tmp_path):
    count = 4 * cadres.ROWS_PER_BATCH + 7
    path = write_rows(tmp_path / "lon.csv", count, bad_code_from=count - 1)
    before = database_fingerprint()

    out, err, refused = run(path, "--lists-dir", tmp_path)

    assert refused is not None and "Có 1 dòng lỗi; chưa nhập gì" in str(refused)
    assert f"Dòng {count + 1}: không có xã, phường hiện hành nào mang mã «99999»" in err
    assert database_fingerprint() == before


def test_the_same_file_without_the_bad_row_imports_every_batch(world, tmp_path):
    count = 4 * cadres.ROWS_PER_BATCH + 7
    path = write_rows(tmp_path / "lon.csv", count)

    out, err, refused = run(path, "--lists-dir", tmp_path)

    assert refused is None, err
    assert User.objects.filter(full_name__startswith="Phạm Văn Số").count() == count
    assert f"{count} dòng: tạo mới {count}, cập nhật 0" in out
    # Teams created by the first batch are found, not created again, by the later ones.
    assert Team.objects.filter(commune=world.an_binh).count() == 3


def test_a_duplicate_phone_in_a_later_batch_names_the_first_line(world, tmp_path):
    count = 2 * cadres.ROWS_PER_BATCH
    path = write_rows(tmp_path / "lap.csv", count)
    with open(path, "a", encoding="utf-8", newline="") as out:
        out.write("Phạm Văn Lặp,0916000003,91001,,\r\n")  # the phone of line 5, two batches earlier
    before = database_fingerprint()

    out, err, refused = run(path, "--lists-dir", tmp_path)

    assert refused is not None
    assert f"Dòng {count + 2}: số điện thoại «+84916000003» trùng với dòng 5." in err
    assert database_fingerprint() == before


def test_thousands_of_errors_are_a_count_and_a_file(world, tmp_path):
    path = write_rows(tmp_path / "sai.csv", 1500, bad_code_from=0)  # the line listing 1,500 would be 90 KB
    before = database_fingerprint()

    out, err, refused = run(path, "--lists-dir", tmp_path.parent)

    assert refused is not None and "Có 1500 dòng lỗi; chưa nhập gì" in str(refused)
    lines = err.splitlines()
    assert len(lines) <= 25 and max(len(line) for line in lines) < 300
    listing = tmp_path.parent / "sai.loi.txt"
    assert f"toàn bộ 1500 lỗi được ghi trong tệp {listing}" in err
    written = listing.read_text(encoding="utf-8").splitlines()
    assert len(written) == 1500 and written[0].startswith("Dòng 2:") and written[-1].startswith("Dòng 1501:")
    assert database_fingerprint() == before


def test_a_few_errors_are_all_printed_and_no_file_is_written(world, tmp_path):
    path = write_rows(tmp_path / "it.csv", 30, bad_code_from=27)

    out, err, refused = run(path, "--lists-dir", tmp_path)

    assert refused is not None and len(err.splitlines()) == 3
    assert not (tmp_path / "it.loi.txt").exists()


def test_many_new_teams_are_a_count_and_a_file(world, tmp_path):
    path = write_rows(tmp_path / "to.csv", 100, teams=40)

    out, err, refused = run(path, "--dry-run", "--lists-dir", tmp_path)

    assert refused is None, err
    listing = tmp_path / "to.to-moi.txt"
    assert f"Tổ mới: 40, danh sách trong tệp {listing}" in out
    assert max(len(line) for line in out.splitlines()) < 300
    assert sorted(listing.read_text(encoding="utf-8").splitlines()) == sorted(f"Tổ {letters(i)}" for i in range(40))
    assert not Team.objects.filter(commune=world.an_binh).exists()


def test_a_few_new_teams_are_named_on_one_line(world, tmp_path):
    path = write_rows(tmp_path / "it.csv", 10, teams=2)

    out, err, refused = run(path, "--dry-run", "--lists-dir", tmp_path)

    assert "Tổ mới: Tổ B, Tổ C" in out
    assert not (tmp_path / "it.to-moi.txt").exists()
