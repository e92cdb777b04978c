"""Question banks to and from CSV or XLSX: all rows or none, and a clear error for each bad row.

Columns (Vietnamese headers; the English ones in brackets are accepted too):

| column | |
| --- | --- |
| ``nhom`` (category) | optional; a new category is created when the import succeeds |
| ``loai`` (kind) | ``mot_dap_an`` / ``single``, ``nhieu_dap_an`` / ``multiple``, ``dung_sai`` / ``true_false`` |
| ``cach_cham`` (scoring) | multiple only: ``dung_het`` / ``all_or_nothing`` (default), ``tung_phan`` / ``partial`` |
| ``cau_hoi`` (stem) | required; plain text, blank lines separate paragraphs |
| ``lua_chon_1`` … ``lua_chon_8`` (choice_1 …) | the choices in order; true/false may leave them empty |
| ``dap_an`` (correct) | numbers of the correct choices, ``1`` or ``1,3``; true/false also ``Đúng`` or ``Sai`` |
| ``giai_thich`` (explanation) | required |
| ``diem`` (points) | optional, 1 to 10, default 1 |

Exports write the same columns, so an export imports again. CSV is UTF-8 with a
BOM (Excel reads Vietnamese correctly) and no cell starts like a formula; XLSX
cells are written as text.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from accounts.spreadsheets import FORMULA_TRIGGERS, neutralise_formula
from courses.search import fold

from .models import MAX_CHOICES, Choice, Question, QuestionBank, QuestionCategory, html_text
from .questions import question_problems

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
FORMULA_START = FORMULA_TRIGGERS  # the export's guard (accounts.spreadsheets), undone on import

CHOICE_COLUMNS = [f"lua_chon_{n}" for n in range(1, MAX_CHOICES + 1)]
COLUMNS = ["nhom", "loai", "cach_cham", "cau_hoi", *CHOICE_COLUMNS, "dap_an", "giai_thich", "diem"]
ALIASES = {
    "category": "nhom",
    "kind": "loai",
    "scoring": "cach_cham",
    "stem": "cau_hoi",
    "correct": "dap_an",
    "explanation": "giai_thich",
    "points": "diem",
    **{f"choice_{n}": f"lua_chon_{n}" for n in range(1, MAX_CHOICES + 1)},
}
KINDS = {
    "motdapan": Question.Kind.SINGLE,
    "single": Question.Kind.SINGLE,
    "nhieudapan": Question.Kind.MULTIPLE,
    "multiple": Question.Kind.MULTIPLE,
    "dungsai": Question.Kind.TRUE_FALSE,
    "truefalse": Question.Kind.TRUE_FALSE,
}
SCORINGS = {
    "": Question.Scoring.ALL_OR_NOTHING,
    "dunghet": Question.Scoring.ALL_OR_NOTHING,
    "allornothing": Question.Scoring.ALL_OR_NOTHING,
    "tungphan": Question.Scoring.PARTIAL,
    "partial": Question.Scoring.PARTIAL,
}
KIND_EXPORT = {
    Question.Kind.SINGLE: "mot_dap_an",
    Question.Kind.MULTIPLE: "nhieu_dap_an",
    Question.Kind.TRUE_FALSE: "dung_sai",
}
SCORING_EXPORT = {Question.Scoring.ALL_OR_NOTHING: "dung_het", Question.Scoring.PARTIAL: "tung_phan"}
TRUE_FALSE_CHOICES = ("Đúng", "Sai")
TRUE_WORDS = {"dung", "d", "true", "t", "1"}
FALSE_WORDS = {"sai", "s", "false", "f", "2"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, size, headers)."""


@dataclass
class RowError:
    row: int
    message: str


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    categories_created: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _key(value) -> str:
    return re.sub(r"[^a-z]", "", fold(str(value or "")))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).strip()
    # Undo the export's formula guard: a leading apostrophe before a formula character.
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        text = text[1:]
    return text


def _header(value) -> str:
    name = re.sub(r"\s+", "_", fold(str(value or "")).strip())
    return ALIASES.get(name, name)


def read_rows(upload, filename: str = "") -> list[tuple[int, dict[str, str]]]:
    """(row number as a spreadsheet shows it, {column: text}) for each non-empty row."""
    name = (filename or getattr(upload, "name", "") or "").lower()
    data = upload.read() if hasattr(upload, "read") else upload
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("Tệp quá lớn: tối đa %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    if name.endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
            raise ImportFileError(_("Không đọc được tệp XLSX: %(error)s") % {"error": exc}) from None
        sheet = workbook.worksheets[0]
        table = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    elif name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(_("Tệp CSV phải được lưu với bảng mã UTF-8.")) from None
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        table = [[_cell(value) for value in row] for row in csv.reader(io.StringIO(text), dialect)]
    else:
        raise ImportFileError(_("Chỉ nhận tệp .csv hoặc .xlsx."))
    if not table:
        raise ImportFileError(_("Tệp không có dữ liệu."))
    headers = [_header(value) for value in table[0]]
    missing = [column for column in ("loai", "cau_hoi", "dap_an", "giai_thich") if column not in headers]
    if missing:
        raise ImportFileError(_("Thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)})
    unknown = [h for h in headers if h and h not in COLUMNS]
    if unknown:
        raise ImportFileError(_("Cột không hợp lệ: %(columns)s.") % {"columns": ", ".join(unknown)})
    rows = []
    for number, values in enumerate(table[1:], start=2):
        row = {headers[i]: values[i] for i in range(min(len(headers), len(values))) if headers[i]}
        if any(row.values()):
            rows.append((number, row))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("Tệp có quá nhiều dòng: tối đa %(max)d câu hỏi mỗi lần.") % {"max": MAX_ROWS})
    if not rows:
        raise ImportFileError(_("Tệp không có câu hỏi nào."))
    return rows


def _paragraphs(text: str) -> str:
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    return "".join(f"<p>{escape(block)}</p>" for block in blocks if block)


@dataclass
class _Parsed:
    row: int
    category: str
    kind: str
    scoring: str
    stem: str
    choices: list[tuple[str, bool]]
    explanation: str
    points: int


def _parse_row(number: int, row: dict[str, str]) -> tuple[_Parsed | None, list[str]]:
    errors = []
    kind = KINDS.get(_key(row.get("loai")))
    if kind is None:
        errors.append(
            _("Loại câu hỏi “%(value)s” không hợp lệ (mot_dap_an, nhieu_dap_an hoặc dung_sai).")
            % {"value": row.get("loai", "")}
        )
    scoring = SCORINGS.get(_key(row.get("cach_cham")))
    if scoring is None:
        errors.append(
            _("Cách chấm “%(value)s” không hợp lệ (dung_het hoặc tung_phan).") % {"value": row.get("cach_cham", "")}
        )
    texts = [row.get(column, "") for column in CHOICE_COLUMNS]
    while texts and not texts[-1]:
        texts.pop()
    if "" in texts:
        errors.append(_("Các lựa chọn phải liền nhau, không bỏ trống cột ở giữa."))
    answer = row.get("dap_an", "")
    correct: set[int] = set()
    if kind == Question.Kind.TRUE_FALSE and not texts:
        texts = list(TRUE_FALSE_CHOICES)  # content, in the content language, not the admin's
    if kind == Question.Kind.TRUE_FALSE and _key(answer) in TRUE_WORDS | FALSE_WORDS and not answer.strip().isdigit():
        wanted = "dung" if _key(answer) in TRUE_WORDS else "sai"
        keys = [_key(text) for text in texts]
        correct = {keys.index(wanted) + 1 if wanted in keys else (1 if wanted == "dung" else 2)}
    else:
        for part in re.split(r"[,;\s]+", answer.strip()):
            if not part:
                continue
            if not part.isdigit() or not 1 <= int(part) <= len(texts):
                errors.append(
                    _("Đáp án “%(value)s” phải là số thứ tự của lựa chọn, từ 1 đến %(max)d.")
                    % {"value": answer, "max": max(len(texts), 1)}
                )
                break
            correct.add(int(part))
        if not correct and not errors:
            errors.append(_("Hãy ghi đáp án đúng ở cột dap_an."))
    points_text = row.get("diem", "") or "1"
    points = int(points_text) if points_text.isdigit() else 0
    if not 1 <= points <= 10:
        errors.append(_("Điểm phải là số nguyên từ 1 đến 10."))
    stem = _paragraphs(row.get("cau_hoi", ""))
    explanation = _paragraphs(row.get("giai_thich", ""))
    choices = [(text, index in correct) for index, text in enumerate(texts, start=1)]
    if kind is not None and not errors:
        errors.extend(question_problems(kind=kind, stem=stem, explanation=explanation, choices=choices))
    if errors:
        return None, errors
    return _Parsed(number, row.get("nhom", ""), kind, scoring, stem, choices, explanation, points), []


@transaction.atomic
def questions_import(*, bank: QuestionBank, rows: list[tuple[int, dict[str, str]]], dry_run: bool = False):
    """Create every question of the rows in ``bank``, or none when any row is wrong."""
    result = ImportResult()
    existing = {fold(text) for text in bank.questions.values_list("stem_text", flat=True)} if bank.pk else set()
    parsed = []
    for number, row in rows:
        question, errors = _parse_row(number, row)
        if question is not None:
            key = fold(html_text(question.stem))
            if key in existing:
                errors = [_("Câu hỏi này đã có trong ngân hàng “%(bank)s” hoặc ở dòng trước.") % {"bank": bank.name}]
            existing.add(key)
        result.errors.extend(RowError(number, message) for message in errors)
        if not errors:
            parsed.append(question)
    if result.errors or dry_run:
        result.created = 0 if result.errors else len(parsed)
        return result
    categories = {c.name.casefold(): c for c in QuestionCategory.objects.all()}
    for item in parsed:
        category = None
        if item.category:
            name = " ".join(item.category.split())
            category = categories.get(name.casefold())
            if category is None:
                category = QuestionCategory.objects.create(name=name)
                categories[name.casefold()] = category
                result.categories_created.append(name)
        question = Question(
            bank=bank,
            category=category,
            kind=item.kind,
            scoring=item.scoring,
            stem=item.stem,
            explanation=item.explanation,
            points=item.points,
        )
        question.save()
        Choice.objects.bulk_create(
            [
                Choice(question=question, text=text, is_correct=is_correct, sort_order=order)
                for order, (text, is_correct) in enumerate(item.choices)
            ]
        )
        result.created += 1
    return result


# --- Export ---------------------------------------------------------------------------------------


def export_rows(questions) -> list[list[str]]:
    """The header and one row per question (choices in the trainer's order)."""
    rows = [COLUMNS]
    questions = questions.select_related("category").prefetch_related("choices").order_by("bank__name", "pk")
    for question in questions:
        choices = list(question.choices.all())
        texts = [choice.text for choice in choices][:MAX_CHOICES]
        correct = ",".join(str(i) for i, choice in enumerate(choices, start=1) if choice.is_correct)
        rows.append(
            [
                question.category.name if question.category else "",
                KIND_EXPORT[question.kind],
                SCORING_EXPORT[question.scoring] if question.kind == Question.Kind.MULTIPLE else "",
                html_text(question.stem).replace("\n", "\n\n"),
                *texts,
                *[""] * (MAX_CHOICES - len(texts)),
                correct,
                html_text(question.explanation).replace("\n", "\n\n"),
                str(question.points),
            ]
        )
    return rows


def _safe(value: str) -> str:
    return neutralise_formula(value)


def export_csv(questions) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in export_rows(questions):
        writer.writerow([_safe(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(questions) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "cau_hoi"
    for row_number, row in enumerate(export_rows(questions), start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            cell.value = value
            cell.data_type = "s"  # text, never a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
