"""Certificates as PDF: a Django template rendered by WeasyPrint, fonts bundled, nothing from outside.

- One ``FontConfiguration`` per process, shared by every render: the bundled fonts
  (``static/certificates/fonts``: Noto Serif and Be Vietnam Pro, OFL, Latin and Vietnamese) are
  decoded once, and WeasyPrint embeds only the glyphs each PDF uses (font subsetting, made fast
  by Debian's ``libharfbuzz-subset0``).
- Every file the document loads goes through ``fetcher.ProjectAssetFetcher``.
- A render that WeasyPrint could only half do (one of our own files missing, an image that
  does not decode, a broken placeholder) raises ``RenderError`` with a message a trainer can
  act on, instead of producing a broken PDF.
"""

from __future__ import annotations

import datetime
import logging
import threading
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .codes import LENGTH, format_code
from .formatting import format_date_long, format_date_short, format_hours
from .models import NATIONAL_HEADER, Certificate, CertificateTemplate, fill_placeholders, placeholder_errors
from .offline import qr_url
from .qr import qr_svg, verify_url

logger = logging.getLogger(__name__)

IMAGE_FILTER = "max-800x800|format-png"
SAMPLE_CODE = "0" * LENGTH

_font_config = None
# Pango is not thread-safe: one render at a time per process (workers are single-threaded anyway).
_render_lock = threading.Lock()


class RenderError(Exception):
    """The certificate cannot be rendered correctly; the message says why, for people."""


def font_config():
    global _font_config
    if _font_config is None:
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
    return _font_config


@dataclass
class CertificateDocument:
    """Everything a certificate prints, already worked out: the template only lays it out."""

    full_name: str
    course_title: str
    hours: str
    commune_name: str
    completed_on: datetime.date
    issued_on: datetime.date
    issuer_name: str
    code: str
    verify_url: str
    template: CertificateTemplate  # layout, colours and images only: the wording is in the fields below
    issuer_parent: str = ""
    show_national_header: bool = True
    title: str = ""
    recipient_line: str = ""
    body: str = ""
    place: str = ""
    signatory_title: str = ""
    signatory_name: str = ""
    is_sample: bool = False
    # What the QR encodes: the verify URL, plus the signed offline payload (``offline.qr_url``).
    qr_target: str = ""
    images: dict[str, str] = field(default_factory=dict)  # role → URL
    image_labels: dict[str, str] = field(default_factory=dict)  # URL → what it is, for messages

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    @property
    def values(self) -> dict[str, str]:
        return {
            "name": self.full_name,
            "course": self.course_title,
            "hours": self.hours,
            "commune": self.commune_name,
            "date": format_date_short(self.completed_on),
        }

    def body_lines(self):
        errors = placeholder_errors(self.body)
        if errors:
            raise RenderError(
                _("Mẫu “%(template)s” chưa đúng: %(errors)s")
                % {
                    "template": self.template.name or _("chưa đặt tên"),
                    "errors": " ".join(errors),
                }
            )
        return fill_placeholders(self.body, self.values)


def organisation():
    """The deployment's organisation (name, logo): ``home``'s site setting.

    ``home`` stands above ``certificates``, so the setting is read through the app registry
    rather than imported; without it, certificates fall back to the template's own wording.
    """
    from django.apps import apps
    from wagtail.models import Site

    try:
        settings_model = apps.get_model("home", "OrganisationSettings")
    except LookupError:
        return None
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return settings_model.for_site(site) if site else None


def issuer_name_for(template: CertificateTemplate) -> str:
    if template.issuer_name:
        return template.issuer_name
    org = organisation()
    return org.name if org else "Kỹ Năng Số"


# The template's wording a certificate keeps as it printed it (fields of the same name on both models).
WORDING_FIELDS = (
    "show_national_header",
    "issuer_parent",
    "title",
    "recipient_line",
    "body",
    "place",
    "signatory_title",
    "signatory_name",
)


def wording_of(template: CertificateTemplate) -> dict:
    """What a certificate made from ``template`` prints besides the cadre's details, to be stored
    on the certificate: later edits of the template never change an issued certificate."""
    import unicodedata

    wording = {
        name: unicodedata.normalize("NFC", value) if isinstance(value, str) else value
        for name in WORDING_FIELDS
        for value in [getattr(template, name)]
    }
    wording["issuer_name"] = unicodedata.normalize("NFC", issuer_name_for(template).strip())
    return wording


def template_for(course_key) -> CertificateTemplate:
    """The course's template, else the default one, else the built-in wording (never nothing)."""
    from .models import CourseCertificate

    link = CourseCertificate.objects.select_related("template").filter(course_key=course_key).first()
    if link is not None:
        return link.template
    return CertificateTemplate.objects.filter(is_default=True).first() or CertificateTemplate(name=_("Mẫu có sẵn"))


def _asset_base() -> str:
    return settings.PUBLIC_BASE_URL


def _image_urls(template: CertificateTemplate) -> tuple[dict[str, str], dict[str, str]]:
    """URLs of the template's images (a PNG rendition of each), checked to load before rendering."""
    from django.utils.encoding import iri_to_uri

    wanted = {
        "signature": (template.signature_image, _("ảnh chữ ký")),
        "seal": (template.seal_image, _("ảnh con dấu")),
        "logo": (template.logo, _("biểu trưng")),
    }
    if not template.logo_id:
        org = organisation()
        if org is not None and org.logo_id:
            wanted["logo"] = (org.logo, _("biểu trưng của cơ quan"))
    urls: dict[str, str] = {}
    labels: dict[str, str] = {}
    from .fetcher import url_path_prefix

    media_prefix = url_path_prefix(settings.MEDIA_URL)
    for role, (image, label) in wanted.items():
        if image is None:
            continue
        try:
            rendition = image.get_rendition(IMAGE_FILTER)
        except Exception as error:  # noqa: BLE001 - a missing or corrupt file in any storage
            logger.warning("certificate render: image %s (%s) will not load", image.pk, label, exc_info=True)
            raise RenderError(
                _("Không tải được %(what)s “%(title)s”: tệp ảnh bị thiếu hoặc hỏng. Hãy tải ảnh lên lại.")
                % {"what": label, "title": image.title}
            ) from error
        url = iri_to_uri(_asset_base() + media_prefix + rendition.file.name)
        urls[role] = url
        labels[url] = f"{label} “{image.title}”"
    return urls, labels


def document_for_certificate(certificate: Certificate) -> CertificateDocument:
    template = certificate.template or template_for(certificate.course_key)
    images, labels = _image_urls(template)
    return CertificateDocument(
        full_name=certificate.full_name,
        course_title=certificate.course_title,
        hours=format_hours(certificate.hours),
        commune_name=certificate.commune_name,
        completed_on=certificate.completed_on,
        issued_on=certificate.issued_on,
        issuer_name=certificate.issuer_name,
        code=certificate.code,
        verify_url=verify_url(certificate.code),
        qr_target=qr_url(certificate),
        template=template,
        images=images,
        image_labels=labels,
        **{name: getattr(certificate, name) for name in WORDING_FIELDS},
    )


def document_for_sample(template: CertificateTemplate) -> CertificateDocument:
    """What a trainer sees in the live preview: the template filled with a sample cadre."""
    images, labels = _image_urls(template)
    today = timezone.localdate()
    return CertificateDocument(
        full_name="Nguyễn Thị Hồng Nhung",
        course_title="Kỹ năng số cơ bản cho cán bộ cơ sở",
        hours=format_hours(Decimal("4.5")),
        commune_name="Xã Tân Yên",
        completed_on=today,
        issued_on=today,
        code=SAMPLE_CODE,
        verify_url=verify_url(SAMPLE_CODE),
        template=template,
        is_sample=True,
        images=images,
        image_labels=labels,
        **wording_of(template),
    )


def render_html(document: CertificateDocument) -> str:
    template = document.template
    with translation.override("vi"):
        return render_to_string(
            "certificates/certificate.html",
            {
                "doc": document,
                "tpl": template,
                "national_header": NATIONAL_HEADER if document.show_national_header else None,
                "body_lines": document.body_lines(),
                "issued_on_text": format_date_long(document.issued_on),
                "qr_svg": qr_svg(document.qr_target or document.verify_url, colour="#1f1f1f"),
                "landscape": template.orientation != CertificateTemplate.Orientation.PORTRAIT,
            },
        )


class _WeasyErrors(logging.Handler):
    """Collects WeasyPrint's error records from this thread during one render."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record):
        if record.thread == self.thread:
            try:
                self.messages.append(record.getMessage())
            except Exception:  # noqa: BLE001 - a badly formatted record is still an error
                self.messages.append(str(record.msg))


@dataclass
class PdfResult:
    pdf: bytes
    refused: list[str]
    served: list[str]


def html_to_pdf(html: str, *, image_labels: dict[str, str] | None = None, title: str = "") -> PdfResult:
    """Render HTML with the shared fonts and the project-only fetcher; refuse to return a broken PDF."""
    from weasyprint import HTML
    from weasyprint.logger import LOGGER as WEASY_LOGGER

    from .fetcher import AssetMissing, ProjectAssetFetcher

    fetcher = ProjectAssetFetcher()
    collector = _WeasyErrors()
    WEASY_LOGGER.addHandler(collector)
    try:
        with _render_lock:
            document = HTML(string=html, base_url=_asset_base() + "/", url_fetcher=fetcher)
            pdf = document.write_pdf(font_config=font_config())
    except AssetMissing as error:
        what = (image_labels or {}).get(fetcher.missing[-1]) if fetcher.missing else None
        if what:
            raise RenderError(_("Không tải được %(what)s. Hãy tải ảnh lên lại.") % {"what": what}) from error
        raise RenderError(_("Thiếu tệp của hệ thống khi tạo PDF: %(error)s") % {"error": error}) from error
    finally:
        WEASY_LOGGER.removeHandler(collector)
    problems = [message for message in collector.messages if not any(url in message for url in fetcher.refused)]
    if problems:
        for url, what in (image_labels or {}).items():
            if any(url in message for message in problems):
                raise RenderError(_("Không đọc được %(what)s: tệp ảnh bị hỏng. Hãy tải ảnh lên lại.") % {"what": what})
        raise RenderError(_("Không tạo được PDF: %(error)s") % {"error": problems[0][:300]})
    return PdfResult(pdf=pdf, refused=fetcher.refused, served=fetcher.served)


def render_document(document: CertificateDocument) -> bytes:
    html = render_html(document)
    return html_to_pdf(html, image_labels=document.image_labels).pdf


def render_certificate_pdf(certificate: Certificate) -> bytes:
    return render_document(document_for_certificate(certificate))


def render_sample_pdf(template: CertificateTemplate) -> bytes:
    return render_document(document_for_sample(template))
