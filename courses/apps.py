from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Khóa học")
    default_auto_field = "django.db.models.BigAutoField"
    role_permissions = {
        "Trainers": ["courses.view_evidence", "courses.review_evidence"],
        "Managers": ["courses.view_assignment", "courses.add_assignment"],
    }

    def ready(self):
        # notices registers the evidence digest task, which lives beside what it reads.
        from . import notices, page_cache, receivers, signals  # noqa: F401

    def grant_role_pages(self, groups):
        from .permissions import grant_trainer_course_tree

        grant_trainer_course_tree(groups["Trainers"])
