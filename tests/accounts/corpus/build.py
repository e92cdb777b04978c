"""Writes the cadre-import corpus: bad files that must each be refused with nothing written, and a few
good ones. The files are committed; run this only to change them:

    .venv/bin/python -m tests.accounts.corpus.build

Every file refers to the small world built by ``tests/accounts/test_import_corpus.py``: province 91
(communes 91001 Xã An Bình and 91002 Phường Đông Hòa, and the former 91009 Xã Cũ Hòa Mỹ, merged into
91001), province 92 (commune 92001, outside the importing manager's scope), and three people:
lan.nguyen (0912 000 001) and hung.tran (0912 000 002) in 91001, binh.le (0912 000 009) in 92001.
What each file must produce is listed in EXPECTED in that test.
"""

from __future__ import annotations

import io
import subprocess
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BAD = HERE / "bad"
GOOD = HERE / "good"

HEADER = (
    "Tên đăng nhập,Họ và tên,Số điện thoại,Thư điện tử,Chức vụ,Đơn vị,Mã xã phường,Tổ công nghệ số,Vai trò trong tổ"
)
ASCII_HEADER = "username,full_name,phone,email,position,unit,commune_code,team,team_role"
GOOD_ROWS = [
    "an.pham,Phạm Thị An,0913 100 001,,Trưởng thôn,Hội Nông dân,91001,Tổ công nghệ số thôn Đông,Tổ trưởng",
    "bao.vu,Vũ Quốc Bảo,0913 100 002,bao.vu@example.invalid,,Đoàn Thanh niên,91002,,",
]
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\r\n".join([header, *rows]) + "\r\n"


def utf8(text: str, bom: bool = False) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def cp1258(text: str) -> bytes:
    """Windows-1258 writes the five tones as combining marks after the (possibly hatted) vowel."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


def tcvn3(text: str) -> bytes:
    # glibc's iconv knows TCVN 5712 (the ABC fonts' TCVN3 is its lower half).
    return subprocess.run(
        ["/usr/bin/iconv", "-f", "utf-8", "-t", "TCVN5712-1"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
    ).stdout


# VNI-Windows: a base letter followed by mark bytes, shown by Windows as Latin-1 letters.
VNI_ROWS = [
    b"vni.mot,Nguye\xe3n Va\xean \xd1\xf6\xf9c,0913 200 001,,,,91001,,",
    b"vni.hai,Tra\xe0n Th\xf2 Hoa,0913 200 002,,,,91001,,",
    b"vni.ba,Le\xe2 Va\xean Phu\xf9c,0913 200 003,,,,91002,,",
]


def xlsx(rows: list[list], *, formulas: dict[tuple[int, int], str] | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for (row, column), formula in (formulas or {}).items():
        sheet.cell(row=row, column=column).value = formula  # a string starting with "=" is stored as a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def lying_zip(data: bytes) -> bytes:
    """The same archive with every member's declared uncompressed size set to 100 bytes."""
    raw = bytearray(data)
    offset = 0
    while True:
        offset = raw.find(b"PK\x01\x02", offset)  # central directory entries
        if offset < 0:
            break
        raw[offset + 24 : offset + 28] = (100).to_bytes(4, "little")
        offset += 4
    offset = 0
    while True:
        offset = raw.find(b"PK\x03\x04", offset)  # local headers
        if offset < 0:
            break
        raw[offset + 22 : offset + 26] = (100).to_bytes(4, "little")
        offset += 4
    return bytes(raw)


def xml_bomb() -> bytes:
    """A real workbook whose sheet XML declares a "billion laughs" entity expansion in its first cell."""
    laughs = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    ]
    source = zipfile.ZipFile(io.BytesIO(xlsx([header_list(), GOOD_ROWS[0].split(",")])))
    members = {name: source.read(name) for name in source.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace("<t>Tên đăng nhập</t>", "<t>&lol9;</t>", 1)
    members["xl/worksheets/sheet1.xml"] = ("<!DOCTYPE worksheet [" + "".join(laughs) + "]>" + sheet).encode()
    return zip_of(members)


def header_list() -> list[str]:
    return HEADER.split(",")


def build() -> dict[str, bytes]:
    bad: dict[str, bytes] = {}
    good: dict[str, bytes] = {}

    # --- encodings
    good["utf8_bom.csv"] = utf8(csv_text(*GOOD_ROWS), bom=True)
    bad["utf8_bom_one_bad_row.csv"] = utf8(csv_text(*GOOD_ROWS, "chi.do,Đỗ Thị Chi,0913 100 003,,,,99999,,"), bom=True)
    legacy_rows = [
        "leg.mot,Trần Thị Hoa,0913 300 001,,Cán bộ văn hóa,,91001,,",
        "leg.hai,Nguyễn Văn Đức,0913 300 002,,Trưởng thôn,,91001,,",
        "leg.ba,Lê Thị Hương,0913 300 003,,Bí thư chi bộ,,91002,,",
    ]
    bad["windows1258.csv"] = cp1258(csv_text(*legacy_rows))
    bad["tcvn3.csv"] = tcvn3(csv_text(*legacy_rows))
    bad["vni.csv"] = ASCII_HEADER.encode() + b"\r\n" + b"\r\n".join(VNI_ROWS) + b"\r\n"
    # Legacy text that someone pasted into a UTF-8 file without converting it.
    bad["vni_mojibake_in_utf8.csv"] = utf8(csv_text(*GOOD_ROWS, *(row.decode("cp1252") for row in VNI_ROWS[:2])))
    bad["tcvn3_mojibake_in_utf8.csv"] = utf8(csv_text(*GOOD_ROWS, tcvn3(legacy_rows[1]).decode("cp1252")))
    bad["utf16_without_bom.csv"] = csv_text(*GOOD_ROWS).encode("utf-16-le")
    bad["binary_garbage.csv"] = bytes(range(256)) * 8

    # --- duplicates and identities
    bad["duplicate_phones.csv"] = utf8(
        csv_text(
            "mot,Phạm Văn Một,0913 400 001,,,,91001,,",
            "hai,Phạm Văn Hai,+84 913 400 001,,,,91001,,",
            "ba,Phạm Văn Ba,(0913) 400.001,,,,91002,,",
        )
    )
    bad["duplicate_usernames.csv"] = utf8(
        csv_text("trung.ten,Phạm Văn Một,0913 400 011,,,,91001,,", "Trung.Ten,Phạm Văn Hai,0913 400 012,,,,91001,,")
    )
    bad["phone_and_username_of_two_people.csv"] = utf8(
        csv_text(*GOOD_ROWS, "hung.tran,Trần Văn Hùng,0912 000 001,,,,91001,,")
    )
    bad["phone_of_someone_with_another_username.csv"] = utf8(
        csv_text(*GOOD_ROWS, "lan.moi,Nguyễn Thị Lan,0912000001,,,,91001,,")
    )
    bad["same_person_twice.csv"] = utf8(
        csv_text("lan.nguyen,Nguyễn Thị Lan,,,,,91001,,", ",Nguyễn Thị Lan,0912 000 001,,,,91001,,")
    )
    bad["person_out_of_scope.csv"] = utf8(csv_text(*GOOD_ROWS, ",Lê Văn Bình,0912 000 009,,,,91001,,"))

    # --- communes
    bad["unknown_commune.csv"] = utf8(csv_text(*GOOD_ROWS, "khong.ma,Hà Văn Khang,0913 500 001,,,,12345,,"))
    bad["out_of_scope_commune.csv"] = utf8(csv_text(*GOOD_ROWS, "ngoai,Hà Văn Ngoại,0913 500 002,,,,92001,,"))
    bad["former_commune_code.csv"] = utf8(csv_text(*GOOD_ROWS, "cu,Hà Văn Cũ,0913 500 003,,,,91009,,"))
    bad["malformed_commune_code.csv"] = utf8(csv_text(*GOOD_ROWS, "sai.ma,Hà Văn Sai,0913 500 004,,,,91-001,,"))

    # --- formulas
    bad["formulas.csv"] = utf8(
        csv_text(
            # +84 is a phone number, not a formula: this row is fine.
            "so.quoc.te,Phan Văn Quốc,+84 913 600 001,,,,91001,,",
            'cong.thuc,"=HYPERLINK(""http://example.invalid"",""Bấm"")",0913 600 002,,,,91001,,',
            "at.sign,@SUM(1+1)*cmd|' /C calc'!A0,0913 600 003,,,,91001,,",
            "tru,Phan Văn Trừ,0913 600 004,,-2+3+cmd|' /C calc'!A0,,91001,,",
            "cong,Phan Văn Cộng,+cmd|' /C calc'!A0,,,,91001,,",
            "=1+1,Phan Văn Tên,0913 600 006,,,,91001,,",
        )
    )
    bad["formulas.xlsx"] = xlsx(
        [
            header_list(),
            ["x.mot", "Phan Văn Một", "0913 700 001", "", "", "", "91001", "", ""],
            ["x.hai", "", "0913 700 002", "", "", "", "91001", "", ""],
        ],
        formulas={(3, 2): '=CONCATENATE("Phan ","Văn ","Hai")'},
    )

    # --- structure: columns, empty rows, values
    bad["missing_commune_column.csv"] = utf8(
        csv_text("an.pham,Phạm Thị An,0913 100 001", header="Tên đăng nhập,Họ và tên,Số điện thoại")
    )
    bad["missing_identifier_columns.csv"] = utf8(csv_text("Phạm Thị An,91001", header="Họ và tên,Mã xã phường"))
    bad["unknown_column.csv"] = utf8(
        csv_text("Phạm Thị An,0913 100 001,91001,Nam", header="Họ và tên,Số điện thoại,Mã xã phường,Giới tính")
    )
    bad["duplicate_column.csv"] = utf8(
        csv_text("Phạm Thị An,0913 100 001,91001,0913 100 009", header="Họ và tên,Số điện thoại,Mã xã phường,SĐT")
    )
    bad["empty.csv"] = b""
    bad["header_only.csv"] = utf8(csv_text())
    bad["empty_rows_and_missing_values.csv"] = utf8(
        csv_text(
            GOOD_ROWS[0],
            ",,,,,,,,",
            "",
            "thieu.ten,,0913 800 001,,,,91001,,",
            ",Thiếu Định Danh,,,,,91001,,",
            "thieu.xa,Thiếu Xã,0913 800 003,,,,,,",
            "   ,  ,  ,,,,,,",
            GOOD_ROWS[1],
        )
    )
    bad["invalid_values.csv"] = utf8(
        csv_text(
            "co dau cach,Phạm Văn Cách,0913 900 001,,,,91001,,",
            "sai.so,Phạm Văn Số,12345,,,,91001,,",
            "sai.thu,Phạm Văn Thư,0913 900 003,khong-phai-thu,,,91001,,",
            "sai.vaitro,Phạm Văn Vai,0913 900 004,,,,91001,Tổ 1,Tổ phó",
            "thieu.to,Phạm Văn Tổ,0913 900 005,,,,91001,,Tổ trưởng",
            "x" * 151 + ",Phạm Văn Dài,0913 900 006,,,,91001,,",
        )
    )
    bad["manager_role.csv"] = utf8(
        csv_text("quan.ly,Phạm Văn Quản,0913 900 011,,,,91001,,,Quản lý", header=HEADER + ",Vai trò")
    )
    bad["values_beyond_the_columns.csv"] = utf8(
        csv_text(*GOOD_ROWS, "thua,Phạm Văn Thừa,0913 900 021,,,,91001,,,Cột thừa")
    )
    bad["decomposed_names_with_a_bad_row.csv"] = utf8(
        csv_text(
            unicodedata.normalize("NFD", "nfd.mot,Nguyễn Thị Ánh,0913 950 001,,,,91001,,"),
            "nfd.hai,Trần Văn Bé,not-a-phone,,,,91001,,",
        )
    )

    # --- size and what a file really is
    bad["oversized.csv"] = utf8(
        csv_text(*[f"to.{i},Phạm Văn Lớn {i},09{14000000 + i},,,,91001,," for i in range(2500)])
    )
    bad["not_really.xlsx"] = utf8(csv_text(*GOOD_ROWS))
    bad["legacy_excel.xls"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088)
    bad["word_document.xlsx"] = zip_of(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>", "docProps/app.xml": b"<x/>"}
    )
    bad["zip_bomb.xlsx"] = zip_of(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": bytes(60 * 1024 * 1024),
        }
    )
    bad["zip_bomb_lying_directory.xlsx"] = lying_zip(
        zip_of(
            {
                "[Content_Types].xml": b"<Types/>",
                "xl/workbook.xml": b"<workbook/>",
                "xl/worksheets/sheet1.xml": bytes(8 * 1024 * 1024),
            }
        )
    )
    bad["xml_bomb.xlsx"] = xml_bomb()
    bad["pdf_named.csv"] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n"
    bad["truncated.xlsx"] = xlsx([header_list(), GOOD_ROWS[0].split(",")])[:700]

    # --- good files: what normalising means
    good["decomposed_names_and_phone_forms.csv"] = utf8(
        csv_text(
            unicodedata.normalize("NFD", ",Nguyễn Thị Ánh,0913 950 001,,,,91001,,"),
            unicodedata.normalize("NFD", ",Trần Văn Bé,+84 (913) 950-002,,,,91001,,"),
            ",Lê Thị Cúc,84913950003,,,,91002,,",
            ",Hồ Văn Dũng,0913.950.004,,,,91002,,",
        )
    )
    good["numbers_as_excel_stores_them.xlsx"] = xlsx(
        [
            ["Họ và tên", "Số điện thoại", "Mã xã phường"],
            ["Phạm Thị Số", 913950011, 91001],
            ["Phạm Văn Mã", 913950012, 91002],
        ]
    )
    return bad, good


def main() -> None:
    bad, good = build()
    for folder, files in ((BAD, bad), (GOOD, good)):
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        for name, data in files.items():
            (folder / name).write_bytes(data)
    print(f"wrote {len(bad)} bad and {len(good)} good files under {HERE}")


if __name__ == "__main__":
    main()
