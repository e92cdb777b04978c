"""Admin wiring for training sessions; what they add to "Việc học của tôi"."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy
from wagtail import hooks


@hooks.register("register_admin_viewset")
def register_training_sessions():
    from .admin_views import TrainingSessionViewSet

    return TrainingSessionViewSet("training_sessions")


@hooks.register("register_log_actions")
def register_session_log_actions(actions):
    from .services import LOG_ATTENDANCE_MANUAL, LOG_INVITE

    actions.register_action(
        LOG_ATTENDANCE_MANUAL, gettext_lazy("Điểm danh thủ công"), gettext_lazy("Đã điểm danh thủ công")
    )
    actions.register_action(LOG_INVITE, gettext_lazy("Mời cán bộ"), gettext_lazy("Đã mời cán bộ dự buổi học"))


@hooks.register("kns_my_learning_panels")
def upcoming_sessions_panel(request):
    """The cadre's upcoming sessions, with place and time (one query)."""
    from .selectors import upcoming_for

    return render_to_string(
        "blended/includes/my_sessions.html", {"sessions": upcoming_for(user=request.user)}, request=request
    )
