"""The bad-input corpus (tests/accounts/corpus/bad): every file gets a clear error and nothing is written.

Each file is imported with ``manage.py import_cadres`` as province A's manager; the database is
compared before and after (row counts of every table, a hash of every user row and of every role
link). The expected message of each file says what the error is about, in Vietnamese.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from tests.accounts.import_world import build_import_world, database_fingerprint

CORPUS = Path(__file__).resolve().parent / "corpus"

# file: (kind, what the error must say). kind "file": one error for the whole file;
# "rows": {line: text} for each bad row.
EXPECTED = {
    "binary_garbage.csv": ("file", "không phải văn bản CSV"),
    "decomposed_names_with_a_bad_row.csv": ("rows", {3: "not-a-phone"}),
    "duplicate_column.csv": ("file", "cột bị lặp: «Số điện thoại»"),
    "duplicate_phones.csv": ("rows", {3: "trùng với dòng 2", 4: "trùng với dòng 2"}),
    "duplicate_usernames.csv": ("rows", {3: "«Trung.Ten» trùng với dòng 2"}),
    "empty.csv": ("file", "Tệp trống"),
    "empty_rows_and_missing_values.csv": (
        "rows",
        {5: "thiếu «Họ và tên»", 6: "cần số điện thoại hoặc tên đăng nhập", 7: "thiếu «Mã xã, phường»"},
    ),
    "former_commune_code.csv": ("rows", {4: "hãy dùng mã mới 91001"}),
    "formulas.csv": (
        "rows",
        {
            3: "bắt đầu bằng «=»",
            4: "bắt đầu bằng «@»",
            5: "«Chức vụ» bắt đầu bằng «-»",
            6: "«Số điện thoại» bắt đầu bằng «+»",
            7: "«Tên đăng nhập» bắt đầu bằng «=»",
        },
    ),
    "formulas.xlsx": ("rows", {3: "=CONCATENATE"}),
    "header_only.csv": ("file", "không có dòng dữ liệu"),
    "invalid_values.csv": (
        "rows",
        {
            2: "không được có dấu cách",
            3: "«12345» không hợp lệ",
            4: "thư điện tử «khong-phai-thu»",
            5: "«Tổ phó» không hợp lệ",
            6: "thiếu «Tổ công nghệ số»",
            7: "dài quá 150 ký tự",
        },
    ),
    "legacy_excel.xls": ("file", "Excel 97-2003"),
    "malformed_commune_code.csv": ("rows", {4: "«91-001» không hợp lệ"}),
    "manager_role.csv": ("rows", {2: "không thể gán vai trò «Quản lý»"}),
    "missing_commune_column.csv": ("file", "thiếu cột bắt buộc: «Mã xã, phường»"),
    "missing_identifier_columns.csv": ("file", "«Số điện thoại» hoặc «Tên đăng nhập»"),
    "not_really.xlsx": ("file", "nội dung không phải bảng tính Excel"),
    "out_of_scope_commune.csv": ("rows", {4: "ngoài phạm vi bạn quản lý"}),
    "oversized.csv": ("file", "Tệp quá lớn"),
    "person_out_of_scope.csv": ("rows", {4: "ngoài phạm vi bạn quản lý"}),
    "phone_and_username_of_two_people.csv": ("rows", {4: "thuộc một tài khoản khác"}),
    "phone_of_someone_with_another_username.csv": ("rows", {4: "tên đăng nhập khác «lan.nguyen»"}),
    "same_person_twice.csv": ("rows", {3: "cùng một người với dòng 2"}),
    "tcvn3.csv": ("file", "TCVN3"),
    "tcvn3_mojibake_in_utf8.csv": ("rows", {4: "ký tự lạ"}),
    "truncated.xlsx": ("file", "bị hỏng"),
    "unknown_column.csv": ("file", "«Giới tính»"),
    "unknown_commune.csv": ("rows", {4: "«12345»"}),
    "utf16_without_bom.csv": ("file", "UTF-16"),
    "utf8_bom_one_bad_row.csv": ("rows", {4: "«99999»"}),
    "values_beyond_the_columns.csv": ("rows", {4: "ngoài các cột có tiêu đề"}),
    "vni.csv": ("file", "VNI"),
    "vni_mojibake_in_utf8.csv": ("rows", {4: "ký tự lạ", 5: "ký tự lạ"}),
    "windows1258.csv": ("file", "Windows-1258"),
    "word_document.xlsx": ("file", "không phải bảng tính Excel"),
    "zip_bomb.xlsx": ("file", "bom nén"),
    "zip_bomb_lying_directory.xlsx": ("file", "Không đọc được bảng tính"),
    "xml_bomb.xlsx": ("file", "Không đọc được bảng tính"),
    "pdf_named.csv": ("file", "không phải văn bản CSV"),
}


def test_every_corpus_file_has_an_expectation():
    assert sorted(p.name for p in (CORPUS / "bad").iterdir()) == sorted(EXPECTED)


def run(path: Path, *args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_cadres", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def import_world(db, settings):
    settings.KNS_IMPORT_MAX_BYTES = 64 * 1024  # oversized.csv is some 130 KB: twice the limit
    return build_import_world()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_with_a_clear_message_and_nothing_is_written(import_world, name):
    path = CORPUS / "bad" / name
    kind, expected = EXPECTED[name]
    before = database_fingerprint()

    with pytest.raises(CommandError) as refused:
        out = StringIO()
        err = StringIO()
        call_command("import_cadres", str(path), "--as", "quanly.a", stdout=out, stderr=err)

    assert database_fingerprint() == before
    if kind == "file":
        assert expected in str(refused.value)
    else:
        lines = [line for line in err.getvalue().splitlines() if line.startswith("Dòng ")]
        by_line: dict[int, list[str]] = {}
        for line in lines:
            number = int(line.split(":", 1)[0].removeprefix("Dòng "))
            by_line.setdefault(number, []).append(line)
        assert sorted(by_line) == sorted(expected), lines
        for number, text in expected.items():
            assert any(text in message for message in by_line[number]), (number, by_line[number])
        assert "chưa nhập gì" in str(refused.value)


@pytest.mark.parametrize("name", ["windows1258.csv", "formulas.csv", "zip_bomb.xlsx", "duplicate_phones.csv"])
def test_bad_files_write_nothing_as_superuser_either(import_world, name):
    before = database_fingerprint()
    with pytest.raises(CommandError):
        run(CORPUS / "bad" / name)
    assert database_fingerprint() == before


def test_far_too_large_file_is_refused_before_it_is_read(import_world, tmp_path, settings):
    settings.KNS_IMPORT_MAX_BYTES = 20 * 1024 * 1024
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as fh:  # a sparse file: 2 GB on paper, nothing on disk
        fh.truncate(2 * 1024**3)
    before = database_fingerprint()

    with pytest.raises(CommandError, match="Tệp quá lớn"):
        run(huge)

    assert database_fingerprint() == before


@pytest.mark.smoke
def test_utf8_with_a_bom_is_accepted(import_world):
    out, _err = run(CORPUS / "good" / "utf8_bom.csv", "--as", "quanly.a")

    assert "tạo mới 2" in out
    an = User.objects.get(username="an.pham")
    assert an.full_name == "Phạm Thị An"
    assert an.commune == import_world.an_binh
    assert set(an.groups.values_list("name", flat=True)) == {"Cadres", "Team leaders"}
    assert an.memberships.get().team.name == "Tổ công nghệ số thôn Đông"
    assert an.unit.name == "Hội Nông dân"
    assert not an.has_usable_password()  # first login by a one-time code, or a reset e-mail


def test_decomposed_names_are_stored_composed_and_phones_normalised(import_world):
    run(CORPUS / "good" / "decomposed_names_and_phone_forms.csv", "--as", "quanly.a")

    stored = dict(User.objects.filter(phone__startswith="+8491395").values_list("phone", "full_name"))
    assert stored == {
        "+84913950001": "Nguyễn Thị Ánh",
        "+84913950002": "Trần Văn Bé",
        "+84913950003": "Lê Thị Cúc",
        "+84913950004": "Hồ Văn Dũng",
    }
    # No username given: the number as people write it.
    assert User.objects.filter(username="0913950001").exists()


def test_excel_numbers_keep_their_leading_zeros(import_world):
    run(CORPUS / "good" / "numbers_as_excel_stores_them.xlsx", "--as", "quanly.a")

    so = User.objects.get(full_name="Phạm Thị Số")
    assert so.phone == "+84913950011"
    assert so.commune == import_world.an_binh
    assert User.objects.get(full_name="Phạm Văn Mã").commune == import_world.dong_hoa


def test_the_documented_sample_imports(db):
    """docs/samples/cadres_sample.csv, into the official Bắc Ninh commune 07246 it names."""
    call_command("import_localities", "--province", "24", stdout=StringIO())
    sample = Path(__file__).resolve().parents[2] / "docs" / "samples" / "cadres_sample.csv"

    out, _err = run(sample)

    assert "tạo mới 3" in out
    assert User.objects.get(username="lan.nguyen").memberships.get().role == "leader"
    assert User.objects.get(phone="+84912345679").username == "0912345679"


def test_openpyxl_parses_workbooks_with_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
