"""E-mail through Django's mail (EMAIL_BACKEND: SMTP in production, console in dev, locmem in tests)."""

import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .. import kinds
from . import Refused, Transient


class DjangoMailBackend:
    def send(self, message) -> str:
        spec = kinds.KINDS[message.kind]
        body = message.text
        if spec.email_template:
            with translation.override(settings.LANGUAGE_CODE):
                body = render_to_string(spec.email_template, {**message.context, "text": message.text})
        try:
            send_mail(message.subject, body, None, [message.address])
        except smtplib.SMTPRecipientsRefused as exc:
            raise Refused(f"SMTP refused the recipient: {exc}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise Transient(f"SMTP: {exc.__class__.__name__}: {exc}") from exc
        return ""
