from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Chứng nhận")
    default_auto_field = "django.db.models.BigAutoField"
    role_permissions = {
        "Trainers": [
            "certificates.view_certificatetemplate",
            "certificates.add_certificatetemplate",
            "certificates.change_certificatetemplate",
            "certificates.delete_certificatetemplate",
            "certificates.view_coursecertificate",
            "certificates.add_coursecertificate",
            "certificates.change_coursecertificate",
            "certificates.delete_coursecertificate",
            "certificates.view_certificate",
            "certificates.change_certificate",
        ],
        "Managers": ["certificates.view_certificate", "certificates.change_certificate"],
    }

    def ready(self):
        from . import receivers  # noqa: F401  (listens to courses.signals.course_completed)
