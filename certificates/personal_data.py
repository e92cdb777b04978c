"""A person's certificates in their data export, with the PDFs, and what anonymising them removes.

Found by ``accounts.personal_data.discover``. Anonymising goes through
``services.certificates_holder_remove``: the name on every certificate is replaced, the commune's
name and the PDFs removed, and the verify page says the holder's details were removed.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.personal_data import register_section
from accounts.services import person_anonymised

from .models import Certificate


def _certificates(user) -> list[dict]:
    return [
        {
            "code": certificate.display_code,
            "version": certificate.version,
            "status": str(certificate.get_status_display()),
            "title": certificate.title,
            "full_name": certificate.full_name,
            "course": certificate.course_title,
            "hours": certificate.hours,
            "commune": certificate.commune_name,
            "completed_on": certificate.completed_on,
            "issued_on": certificate.issued_on,
            "issuer": certificate.issuer_name,
            "place": certificate.place,
            "signatory": certificate.signatory_name,
            "signatory_title": certificate.signatory_title,
            "file": _file_name(certificate) if certificate.pdf else "",
            "revoked_at": certificate.revoked_at,
            "revoke_reason": str(certificate.get_revoke_reason_display()) if certificate.revoke_reason else "",
        }
        for certificate in Certificate.objects.filter(user=user).order_by("course_key", "version")
    ]


def _file_name(certificate: Certificate) -> str:
    return f"chung-nhan-{certificate.display_code}-v{certificate.version}.pdf"


def _pdfs(user):
    for certificate in Certificate.objects.filter(user=user).exclude(pdf="").order_by("pk"):
        yield _file_name(certificate), certificate.pdf


register_section("certificates", _("Chứng nhận"), _certificates, files=_pdfs)


def remove_holder(sender, user, **kwargs):
    from .services import certificates_holder_remove

    certificates_holder_remove(user=user)


person_anonymised.connect(remove_holder, dispatch_uid="certificates.personal_data.remove_holder")
