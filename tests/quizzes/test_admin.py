"""Trainers in the Wagtail admin: question banks, validation, import and export, item analysis."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from quizzes import services
from quizzes.models import Choice, Question, QuestionBank
from tests.quizzes.builders import answer_form, build_bank, build_question, quiz_setup

pytestmark = pytest.mark.django_db


def _question_post(bank, *, kind="single", choices, explanation="<p>Vì mã OTP là chìa khóa tài khoản.</p>"):
    return nested_form_data(
        {
            "bank": bank.pk,
            "category": "",
            "kind": kind,
            "scoring": "all_or_nothing",
            "points": 1,
            "stem": rich_text("<p>Khi có người gọi điện xin mã OTP, bạn làm gì?</p>"),
            "image": "",
            "choices": inline_formset([{"text": text, "is_correct": ok} for text, ok in choices], min=2, max=8),
            "explanation": rich_text(explanation),
            "is_active": "on",
        }
    )


def test_trainer_adds_a_question_with_its_choices(world, client):
    bank = QuestionBank.objects.create(name="An toàn thông tin")
    client.force_login(world.trainer)
    response = client.post(
        reverse("quiz_questions:add"),
        _question_post(bank, choices=[("Đọc mã cho họ", False), ("Không cung cấp, gác máy", True)]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    question = Question.objects.get()
    assert question.stem_text.startswith("Khi có người gọi điện")
    assert list(question.choices.values_list("text", "is_correct")) == [
        ("Đọc mã cho họ", False),
        ("Không cung cấp, gác máy", True),
    ]


@pytest.mark.parametrize(
    ("kind", "choices", "message"),
    [
        ("single", [("A", True), ("B", True)], "đúng một lựa chọn"),
        ("multiple", [("A", False), ("B", False)], "ít nhất một lựa chọn đúng"),
        ("true_false", [("Đúng", True), ("Sai", False), ("Không rõ", False)], "Đúng / Sai"),
        ("single", [("A", True), ("a", False)], "trùng nhau"),
    ],
)
def test_malformed_questions_are_refused_in_the_admin(world, client, kind, choices, message):
    bank = QuestionBank.objects.create(name="Ngân hàng")
    client.force_login(world.trainer)
    response = client.post(reverse("quiz_questions:add"), _question_post(bank, kind=kind, choices=choices))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_explanation_is_required(world, client):
    bank = QuestionBank.objects.create(name="Ngân hàng")
    client.force_login(world.trainer)
    response = client.post(
        reverse("quiz_questions:add"), _question_post(bank, choices=[("A", True), ("B", False)], explanation="")
    )
    assert response.status_code == 200
    assert not Question.objects.exists()


def test_question_listing_search_folds_vietnamese(world, client):
    bank = build_bank(questions=3)
    client.force_login(world.trainer)
    response = client.get(reverse("quiz_questions:index"), {"q": "chu ky so"})
    assert response.status_code == 200
    assert "Câu hỏi số 1 về chữ ký số" in response.content.decode()
    response = client.get(reverse("quiz_questions:index"), {"bank": bank.pk})
    assert "Nhập câu hỏi từ tệp" in response.content.decode()


def test_cadres_and_managers_cannot_open_question_banks(world, client):
    build_bank(questions=1)
    for user in (world.cadre, world.manager_a):
        client.force_login(user)
        for name in ("quiz_questions:index", "quiz_banks:index", "quiz_questions:import", "quiz_results:index"):
            response = client.get(reverse(name))
            # Wagtail turns a refusal inside the admin into a redirect to the dashboard (or the login page).
            assert response.status_code in (302, 403), (user.username, name, response.status_code)
            assert response.status_code == 403 or response["Location"].split("?")[0] in ("/admin/", "/admin/login/")


CSV_OK = (
    "nhom,loai,cach_cham,cau_hoi,lua_chon_1,lua_chon_2,lua_chon_3,lua_chon_4,dap_an,giai_thich,diem\n"
    "Mật khẩu,mot_dap_an,,Mật khẩu nào mạnh nhất?,123456,ngaysinh1990,Tr@ng-Xanh-Ngo-42!,matkhau,3,"
    "Mật khẩu dài và trộn nhiều loại ký tự khó đoán nhất.,1\n"
    "Lừa đảo,nhieu_dap_an,tung_phan,Dấu hiệu của tin nhắn lừa đảo?,Giục làm ngay,Đường link lạ,"
    'Đến từ tổng đài 1022 có ghi rõ nguồn,Đòi mã OTP,"1,2,4",Ba dấu hiệu đầu là đặc trưng của lừa đảo.,2\n'
    "Lừa đảo,dung_sai,,Cơ quan công an không bao giờ yêu cầu chuyển tiền qua điện thoại.,,,,,Đúng,"
    "Cơ quan nhà nước không làm việc qua điện thoại để yêu cầu chuyển tiền.,\n"
)


def _upload(name, content):
    return SimpleUploadedFile(name, content.encode("utf-8") if isinstance(content, str) else content)


def test_import_from_csv_creates_every_row(world, client):
    bank = QuestionBank.objects.create(name="An toàn thông tin")
    client.force_login(world.trainer)
    response = client.post(reverse("quiz_questions:import"), {"bank": bank.pk, "file": _upload("cau-hoi.csv", CSV_OK)})
    assert response.status_code == 302
    assert bank.questions.count() == 3
    multiple = bank.questions.get(kind=Question.Kind.MULTIPLE)
    assert multiple.scoring == Question.Scoring.PARTIAL and multiple.points == 2
    assert multiple.category.name == "Lừa đảo"
    assert list(multiple.choices.filter(is_correct=True).values_list("text", flat=True)) == [
        "Giục làm ngay",
        "Đường link lạ",
        "Đòi mã OTP",
    ]
    true_false = bank.questions.get(kind=Question.Kind.TRUE_FALSE)
    assert list(true_false.choices.values_list("text", "is_correct")) == [("Đúng", True), ("Sai", False)]
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(action="quizzes.import_questions").exists()


def test_import_with_bad_rows_reports_each_row_and_writes_nothing(world, client):
    bank = QuestionBank.objects.create(name="An toàn thông tin")
    bad = (
        CSV_OK
        + "Mật khẩu,mot_dap_an,,Câu thiếu giải thích?,A,B,,,1,,\n"
        + "Mật khẩu,loai_la,,Câu loại lạ?,A,B,,,1,Giải thích.,\n"
        + "Mật khẩu,mot_dap_an,,Đáp án ngoài phạm vi?,A,B,,,5,Giải thích.,\n"
        + "Mật khẩu,mot_dap_an,,Mật khẩu nào mạnh nhất?,A,B,,,1,Trùng câu ở dòng 2.,\n"
    )
    client.force_login(world.trainer)
    response = client.post(reverse("quiz_questions:import"), {"bank": bank.pk, "file": _upload("cau-hoi.csv", bad)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "chưa câu hỏi nào được nhập" in html
    for row in ("<td>5</td>", "<td>6</td>", "<td>7</td>", "<td>8</td>"):
        assert row in html
    assert not Question.objects.exists() and not Choice.objects.exists()
    from quizzes.models import QuestionCategory

    assert not QuestionCategory.objects.exists()


def test_export_csv_and_xlsx_import_again(world, client):
    source = QuestionBank.objects.create(name="Nguồn")
    build_question(source, number=1)
    build_question(source, number=2, kind=Question.Kind.MULTIPLE, scoring=Question.Scoring.PARTIAL)
    build_question(
        source, number=3, kind=Question.Kind.SINGLE, choices=[('=HYPERLINK("http://x")', True), ("+84912345678", False)]
    )
    client.force_login(world.trainer)
    response = client.get(reverse("quiz_questions:export"), {"format": "csv", "bank": source.pk})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = response.content
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    # One formula guard for every export (accounts.spreadsheets): a formula is neutralised, a plain
    # number such as a +84 phone is kept as it is (it runs nothing).
    assert "'=HYPERLINK" in text and ",+84912345678," in text
    assert "chữ ký số" in text

    xlsx = client.get(reverse("quiz_questions:export"), {"format": "xlsx", "bank": source.pk}).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '=HYPERLINK("http://x")' in values
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value)

    for name, content in (("lai.csv", body), ("lai.xlsx", xlsx)):
        target = QuestionBank.objects.create(name=f"Đích {name}")
        response = client.post(reverse("quiz_questions:import"), {"bank": target.pk, "file": _upload(name, content)})
        assert response.status_code == 302, response.content.decode()[-2000:]
        copied = {
            q.stem_text: (q.kind, q.scoring, list(q.choices.values_list("text", "is_correct")))
            for q in target.questions.all()
        }
        original = {
            q.stem_text: (q.kind, q.scoring, list(q.choices.values_list("text", "is_correct")))
            for q in source.questions.all()
        }
        assert copied == original


def test_a_question_with_answers_cannot_be_deleted(world, client):
    _course, _steps, quiz, bank = quiz_setup(world, questions=3, question_count=3)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    services.attempt_submit(user=world.cadre, attempt=attempt, data=answer_form(attempt))
    used = Question.objects.get(pk=attempt.snapshot[0]["q"])
    client.force_login(world.trainer)
    response = client.post(reverse("quiz_questions:delete", args=[used.pk]), follow=True)
    assert "Không thể xóa câu hỏi đã có người làm" in response.content.decode()
    assert Question.objects.filter(pk=used.pk).exists()
    response = client.post(reverse("quiz_banks:delete", args=[bank.pk]), follow=True)
    assert "Không thể xóa ngân hàng còn câu hỏi" in response.content.decode()
    unused = build_question(bank, number=99)
    assert client.post(reverse("quiz_questions:delete", args=[unused.pk])).status_code == 302
    assert not Question.objects.filter(pk=unused.pk).exists()


def test_trainer_sees_results_and_item_analysis(world, client):
    _course, _steps, quiz, _bank = quiz_setup(world, questions=10, question_count=10, attempt_limit=0)
    for right in (10, 3):
        attempt = services.attempt_start(user=world.cadre, quiz=quiz)
        services.attempt_submit(user=world.cadre, attempt=attempt, data=answer_form(attempt, right=right))
    client.force_login(world.trainer)
    index = client.get(reverse("quiz_results:index")).content.decode()
    assert quiz.title in index
    html = client.get(reverse("quiz_results:analysis", args=[quiz.pk])).content.decode()
    assert "2 lượt làm đã chấm" in html
    assert "chưa đủ dữ liệu" in html
    assert "Câu hỏi số" in html


def test_every_quiz_admin_page_renders_for_a_trainer(world, client):
    _course, _steps, quiz, bank = quiz_setup(world, questions=4, question_count=4)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    services.attempt_submit(user=world.cadre, attempt=attempt, data=answer_form(attempt))
    question = bank.questions.first()
    unused = build_question(bank, number=50)
    from quizzes.models import QuestionCategory

    category = QuestionCategory.objects.create(name="Định danh điện tử")
    client.force_login(world.trainer)
    urls = [
        reverse("quiz_questions:index"),
        reverse("quiz_questions:add"),
        reverse("quiz_questions:edit", args=[question.pk]),
        reverse("quiz_questions:copy", args=[question.pk]),
        reverse("quiz_questions:history", args=[question.pk]),
        reverse("quiz_questions:usage", args=[question.pk]),
        reverse("quiz_questions:delete", args=[unused.pk]),
        reverse("quiz_questions:import"),
        reverse("quiz_banks:index"),
        reverse("quiz_banks:add"),
        reverse("quiz_banks:edit", args=[bank.pk]),
        reverse("quiz_categories:index"),
        reverse("quiz_categories:edit", args=[category.pk]),
        reverse("quiz_results:index"),
        reverse("quiz_results:analysis", args=[quiz.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert "Câu hỏi số" in client.get(reverse("quiz_questions:index")).content.decode()


def test_quiz_pages_in_the_page_editor_and_preview(world, client, rf):
    course, _steps, quiz, _bank = quiz_setup(world)
    client.force_login(world.superuser)
    add = reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", course.pk])
    assert client.get(add).status_code == 200
    html = client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk])).content.decode()
    assert "Quy định làm bài" in html and "rút câu hỏi từ ngân hàng" in html.lower()
    request = rf.get("/")
    request.user = world.trainer
    preview = quiz.make_preview_request(original_request=request)
    assert preview.status_code == 200
    assert "Bản xem trước" in preview.content.decode()
    assert not quiz.attempts.exists()


def test_a_quiz_with_attempts_is_archived_not_deleted(world, client):
    course, _steps, quiz, _bank = quiz_setup(world)
    attempt = services.attempt_start(user=world.cadre, quiz=quiz)
    services.attempt_submit(user=world.cadre, attempt=attempt, data=answer_form(attempt, right=0))
    client.force_login(world.superuser)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[quiz.pk]), follow=True)
    assert response.status_code == 200
    assert "đã có học viên làm bài kiểm tra" in response.content.decode()
    assert type(quiz).objects.filter(pk=quiz.pk).exists()
    response = client.post(reverse("wagtailadmin_pages:delete", args=[course.pk]), follow=True)
    assert type(course).objects.filter(pk=course.pk).exists()
