"""Question files: reading CSV and XLSX, all rows or none, and the management command."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from quizzes import spreadsheets
from quizzes.models import Question, QuestionBank
from tests.quizzes.test_admin import CSV_OK

pytestmark = pytest.mark.django_db


def test_semicolon_csv_from_excel_and_english_headers_are_read():
    text = (
        "category;kind;stem;choice_1;choice_2;correct;explanation\n"
        "Lừa đảo;single;Ai được biết mã OTP?;Chỉ mình tôi;Nhân viên ngân hàng;1;Không ai khác được biết mã OTP.\n"
    )
    rows = spreadsheets.read_rows(text.encode("utf-8-sig"), "cau-hoi.csv")
    assert rows == [
        (
            2,
            {
                "nhom": "Lừa đảo",
                "loai": "single",
                "cau_hoi": "Ai được biết mã OTP?",
                "lua_chon_1": "Chỉ mình tôi",
                "lua_chon_2": "Nhân viên ngân hàng",
                "dap_an": "1",
                "giai_thich": "Không ai khác được biết mã OTP.",
            },
        )
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cau-hoi.txt", b"x", "Chỉ nhận tệp"),
        ("cau-hoi.csv", "loai,cau_hoi\n".encode("cp1258", errors="ignore") + b"\xff\xfe", "UTF-8"),
        ("cau-hoi.csv", b"loai,cau_hoi,dap_an\nsingle,A,1\n", "Thiếu cột: giai_thich"),
        ("cau-hoi.csv", b"loai,cau_hoi,dap_an,giai_thich,cot_la\n", "Cột không hợp lệ: cot_la"),
        ("cau-hoi.csv", b"loai,cau_hoi,dap_an,giai_thich\n", "không có câu hỏi"),
        ("cau-hoi.xlsx", b"not a workbook", "Không đọc được tệp XLSX"),
    ],
)
def test_unreadable_files_are_one_clear_error(name, content, message):
    with pytest.raises(spreadsheets.ImportFileError) as refused:
        spreadsheets.read_rows(content, name)
    assert message in str(refused.value)


def test_xlsx_rows_are_read_with_numbers_as_text():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["loai", "cau_hoi", "lua_chon_1", "lua_chon_2", "dap_an", "giai_thich", "diem"])
    sheet.append(["mot_dap_an", "Số tổng đài nào là chính thức?", 1900, "Số lạ", 1, "Tổng đài in trên thẻ.", 2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = spreadsheets.read_rows(buffer.getvalue(), "Cau-Hoi.XLSX")
    assert rows[0][1]["lua_chon_1"] == "1900" and rows[0][1]["diem"] == "2"
    bank = QuestionBank.objects.create(name="Ngân hàng")
    result = spreadsheets.questions_import(bank=bank, rows=rows)
    assert result.ok and bank.questions.get().points == 2


def test_the_command_imports_all_or_nothing(tmp_path, capsys):
    good = tmp_path / "tot.csv"
    good.write_text(CSV_OK, encoding="utf-8")
    call_command("import_questions", str(good), "--bank", "An toàn thông tin", "--dry-run")
    assert not QuestionBank.objects.exists() and not Question.objects.exists()
    call_command("import_questions", str(good), "--bank", "An toàn thông tin")
    assert QuestionBank.objects.get().questions.count() == 3
    assert "3 câu hỏi đã nhập" in capsys.readouterr().out

    bad = tmp_path / "sai.csv"
    bad.write_text(CSV_OK.replace("Mật khẩu nào mạnh nhất?", "Câu mới?").replace(",3,", ",9,"), encoding="utf-8")
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import_questions", str(bad), "--bank", "Ngân hàng khác")
    assert "dòng 2:" in capsys.readouterr().err
    assert Question.objects.count() == 3
