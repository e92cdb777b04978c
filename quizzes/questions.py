"""What makes a question well formed: one rule set for the admin form and for spreadsheet imports."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from .models import MAX_CHOICES, Question

TOO_FEW_CHOICES = _("Câu hỏi cần ít nhất hai lựa chọn.")
TOO_MANY_CHOICES = _("Câu hỏi có nhiều nhất %(max)d lựa chọn.") % {"max": MAX_CHOICES}
DUPLICATE_CHOICES = _("Hai lựa chọn trùng nhau.")
SINGLE_NEEDS_ONE = _("Câu một đáp án phải có đúng một lựa chọn được đánh dấu là đáp án đúng.")
MULTIPLE_NEEDS_ONE = _("Câu nhiều đáp án phải có ít nhất một lựa chọn đúng.")
TRUE_FALSE_SHAPE = _("Câu Đúng / Sai có đúng hai lựa chọn (“Đúng” và “Sai”) và một đáp án đúng.")
EXPLANATION_REQUIRED = _("Mỗi câu hỏi phải có lời giải thích.")
STEM_REQUIRED = _("Hãy nhập nội dung câu hỏi.")


def question_problems(*, kind: str, stem: str, explanation: str, choices: list[tuple[str, bool]]) -> list[str]:
    """Everything wrong with a question, as messages a trainer can act on; empty when it is fine."""
    problems = []
    if not strip_tags(stem or "").strip():
        problems.append(STEM_REQUIRED)
    if not strip_tags(explanation or "").strip():
        problems.append(EXPLANATION_REQUIRED)
    texts = [" ".join((text or "").split()).casefold() for text, _correct in choices]
    correct = sum(1 for _text, is_correct in choices if is_correct)
    if kind == Question.Kind.TRUE_FALSE:
        if len(choices) != 2 or correct != 1:
            problems.append(TRUE_FALSE_SHAPE)
    else:
        if len(choices) < 2:
            problems.append(TOO_FEW_CHOICES)
        if len(choices) > MAX_CHOICES:
            problems.append(TOO_MANY_CHOICES)
        if kind == Question.Kind.SINGLE and correct != 1:
            problems.append(SINGLE_NEEDS_ONE)
        if kind == Question.Kind.MULTIPLE and correct < 1:
            problems.append(MULTIPLE_NEEDS_ONE)
    if len(set(texts)) != len(texts):
        problems.append(DUPLICATE_CHOICES)
    return [str(problem) for problem in problems]
