"""A person's learning in their data export, and what anonymising them removes here.

Found by ``accounts.personal_data.discover``: enrolments, completed steps and practice evidence
(with the files) join the person's download; anonymising deletes the evidence files and what the
person wrote, and keeps every row (reports count them).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.personal_data import register_section, relabel_log_entries
from accounts.services import person_anonymised

from .models import Enrollment, Evidence, StepCompletion
from .storage import private_storage

logger = logging.getLogger(__name__)


def _enrolments(user) -> list[dict]:
    return [
        {
            "course": enrollment.course.title,
            "course_key": str(enrollment.course_key),
            "commune": enrollment.commune.name if enrollment.commune_id else "",
            "source": str(enrollment.get_source_display()),
            "due_date": enrollment.due_date,
            "enrolled_at": enrollment.created_at,
            "started_at": enrollment.started_at,
            "completed_at": enrollment.completed_at,
            "withdrawn_at": enrollment.withdrawn_at,
        }
        for enrollment in Enrollment.objects.filter(user=user)
        .select_related("course", "commune")
        .order_by("created_at", "pk")
    ]


def _completions(user) -> list[dict]:
    return [
        {"course": completion.course.title, "step": completion.step.title, "completed_at": completion.completed_at}
        for completion in StepCompletion.objects.filter(user=user)
        .select_related("course", "step")
        .order_by("completed_at", "pk")
    ]


def _evidence_file_name(evidence: Evidence) -> str:
    extension = evidence.file.name.rsplit(".", 1)[-1] if "." in evidence.file.name else "bin"
    return f"minh-chung-{evidence.pk}.{extension}"


def _evidence(user) -> list[dict]:
    return [
        {
            "task": evidence.step.title,
            "file": _evidence_file_name(evidence) if evidence.file else "",
            "original_name": evidence.original_name,
            "content_type": evidence.content_type,
            "size": evidence.size,
            "note": evidence.note,
            "status": str(evidence.get_status_display()),
            "submitted_at": evidence.submitted_at,
            "reviewed_at": evidence.reviewed_at,
            "review_comment": evidence.review_comment,
        }
        for evidence in Evidence.objects.filter(user=user).select_related("step").order_by("submitted_at", "pk")
    ]


def _evidence_files(user):
    for evidence in Evidence.objects.filter(user=user).exclude(file="").order_by("pk"):
        yield _evidence_file_name(evidence), evidence.file


register_section("enrolments", _("Khóa học đã ghi danh"), _enrolments)
register_section("step_completions", _("Bước học đã hoàn thành"), _completions)
register_section("evidence", _("Minh chứng thực hành"), _evidence, files=_evidence_files)


def forget_evidence(sender, user, **kwargs):
    """Anonymising: evidence files are deleted (once the anonymisation commits), with the name the
    file had and the note the person wrote; the rows stay, with their status, for the counts."""
    evidence = list(Evidence.objects.filter(user=user))
    names = [item.file.name for item in evidence if item.file]
    Evidence.objects.filter(user=user).update(file="", original_name="", note="")
    relabel_log_entries([*evidence, *Enrollment.objects.filter(user=user).select_related("user")])

    def delete_files():
        for name in names:
            try:
                private_storage.delete(name)
            except Exception:  # noqa: BLE001 - the store refused or is down: the row no longer points at it
                logger.warning("courses: could not delete evidence %s after anonymising", name, exc_info=True)

    transaction.on_commit(delete_files)


person_anonymised.connect(forget_evidence, dispatch_uid="courses.personal_data.forget_evidence")
