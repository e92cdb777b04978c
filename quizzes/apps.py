from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

QUESTION_MODELS = ("questionbank", "questioncategory", "question")


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Bài kiểm tra")
    default_auto_field = "django.db.models.BigAutoField"
    # Trainers write question banks and read results (item analysis); accounts.roles.sync_roles applies this.
    role_permissions = {
        "Trainers": [
            *(
                f"quizzes.{action}_{model}"
                for model in QUESTION_MODELS
                for action in ("add", "change", "delete", "view")
            ),
            "quizzes.view_attempt",
        ],
    }
