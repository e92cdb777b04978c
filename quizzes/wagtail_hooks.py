"""Admin wiring for quizzes: the trainers' menu, log actions, and no losing cadres' attempts.

A quiz page with attempts is archived (unpublished), never deleted or moved to another
course: ``Attempt.quiz`` is PROTECT, and Wagtail honours PROTECT on page deletion only for
models in its reference index, so without this hook the delete would fail with a 500.
"""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.models import Page

from .admin_views import QuizzesViewSetGroup
from .models import Attempt


@hooks.register("register_admin_viewset")
def register_quizzes():
    return QuizzesViewSetGroup()


@hooks.register("register_log_actions")
def register_quiz_log_actions(actions):
    actions.register_action(
        "quizzes.import_questions", gettext_lazy("Nhập câu hỏi từ tệp"), gettext_lazy("Đã nhập câu hỏi từ tệp")
    )


def _quiz_ids_with_attempts(page) -> set[int]:
    ids = Page.objects.filter(Q(pk=page.pk) | Q(path__startswith=page.path, depth__gt=page.depth)).values("pk")
    return set(Attempt.objects.filter(quiz_id__in=ids).values_list("quiz_id", flat=True).distinct())


@hooks.register("before_delete_page")
def refuse_deleting_quizzes_with_attempts(request, page):
    if _quiz_ids_with_attempts(page):
        messages.error(
            request,
            _(
                "Không thể xóa “%(title)s”: đã có học viên làm bài kiểm tra. "
                "Hãy ngừng xuất bản để lưu trữ; kết quả của học viên được giữ nguyên."
            )
            % {"title": page.title},
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_move_page")
def refuse_moving_quizzes_with_attempts(request, page, destination):
    if destination.pk != page.get_parent().pk and _quiz_ids_with_attempts(page):
        messages.error(request, _("Không thể chuyển bài kiểm tra đã có học viên làm sang khóa học khác."))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None
