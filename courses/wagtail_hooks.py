"""Admin wiring for courses: no deleting pages with learner history, archiving instead."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from .history import pages_with_history


@hooks.register("before_delete_page")
def refuse_deleting_learner_history(request, page):
    kept = pages_with_history(page)
    if kept:
        messages.error(
            request,
            _(
                "Không thể xóa “%(title)s”: đã có học viên học (%(count)s trang có lịch sử học tập). "
                "Hãy ngừng xuất bản để lưu trữ; học viên vẫn giữ kết quả của mình."
            )
            % {"title": page.title, "count": len(kept)},
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_move_page")
def refuse_moving_steps_between_courses(request, page, destination):
    from .models import StepPage

    if isinstance(page.specific, StepPage) and pages_with_history(page) and destination.pk != page.get_parent().pk:
        messages.error(request, _("Không thể chuyển bước học đã có học viên sang khóa học khác."))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("register_admin_viewset")
def register_assignments():
    from .admin_views import AssignmentViewSet

    return AssignmentViewSet("assignments")


@hooks.register("register_log_actions")
def register_assignment_log_actions(actions):
    from django.utils.translation import gettext_lazy

    from .assignments import LOG_CREATE, LOG_WITHDRAW

    actions.register_action(
        LOG_CREATE, gettext_lazy("Tạo quy tắc giao khóa học"), gettext_lazy("Đã tạo quy tắc giao khóa học")
    )
    actions.register_action(
        LOG_WITHDRAW, gettext_lazy("Thu hồi quy tắc giao khóa học"), gettext_lazy("Đã thu hồi quy tắc giao khóa học")
    )
