"""A person's quiz attempts in their data export (found by ``accounts.personal_data.discover``).

Each attempt with its score, and each answered question with what the person chose. Whether each
choice was right is left out: the quiz's own review rules decide when a cadre may see that.
Anonymising changes nothing here (attempts hold no name; their log labels are renamed).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.personal_data import register_section, relabel_log_entries
from accounts.services import person_anonymised

from .models import Attempt, Choice, Question


def _attempts(user) -> list[dict]:
    return [
        {
            "quiz": attempt.quiz.title,
            "number": attempt.number,
            "status": str(attempt.get_status_display()),
            "started_at": attempt.started_at,
            "submitted_at": attempt.submitted_at,
            "late": attempt.late,
            "score_percent": attempt.score,
            "points": attempt.points_earned,
            "points_possible": attempt.points_possible,
            "passed": attempt.passed,
        }
        for attempt in Attempt.objects.filter(user=user).select_related("quiz").order_by("started_at", "pk")
    ]


def _answers(user) -> list[dict]:
    attempts = list(Attempt.objects.filter(user=user).select_related("quiz").order_by("started_at", "pk"))
    question_ids = {entry["q"] for attempt in attempts for entry in attempt.snapshot or []}
    questions = {question.pk: question for question in Question.objects.filter(pk__in=question_ids)}
    choices = dict(Choice.objects.filter(question_id__in=question_ids).values_list("pk", "text"))
    rows = []
    for attempt in attempts:
        for position, entry in enumerate(attempt.snapshot or [], start=1):
            chosen = (attempt.answers or {}).get(str(entry["q"]), [])
            question = questions.get(entry["q"])
            rows.append(
                {
                    "quiz": attempt.quiz.title,
                    "attempt": attempt.number,
                    "position": position,
                    "question": str(question) if question else "",
                    "answer": "; ".join(choices.get(choice_id, "") for choice_id in chosen),
                }
            )
    return rows


register_section("quiz_attempts", _("Lần làm bài kiểm tra"), _attempts)
register_section("quiz_answers", _("Câu trả lời bài kiểm tra"), _answers)


def relabel_attempts(sender, user, **kwargs):
    relabel_log_entries(Attempt.objects.filter(user=user).select_related("user"))


person_anonymised.connect(relabel_attempts, dispatch_uid="quizzes.personal_data.relabel_attempts")
