"""Checking and cleaning uploaded practice evidence: type, size, and photo metadata.

Photos are decoded and re-encoded, which drops EXIF (with GPS), XMP and
maker notes; HEIC photos from iPhones become JPEG. PDFs are checked by their
header. Anything else is refused before a byte is stored.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000

WRONG_TYPE = _("Chỉ nhận ảnh JPEG, PNG, HEIC hoặc tệp PDF.")
TOO_LARGE = _("Tệp quá lớn: tối đa 10 MB.")
EMPTY = _("Hãy chọn một tệp để nộp.")
BROKEN = _("Không đọc được tệp này. Hãy chụp lại hoặc xuất lại tệp rồi nộp.")


@dataclass
class CleanFile:
    content: ContentFile
    content_type: str
    extension: str


def _register_heif():
    try:
        from pillow_heif import register_heif_opener
    except ImportError:  # pragma: no cover - pillow-heif is in requirements
        return
    register_heif_opener()


def clean_evidence(upload) -> CleanFile:
    if upload is None or upload.size == 0:
        raise ValidationError(EMPTY, code="empty")
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large")
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        data = upload.read()
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(BROKEN, code="broken")
        return CleanFile(ContentFile(data), "application/pdf", "pdf")
    return _clean_image(upload)


def _clean_image(upload) -> CleanFile:
    _register_heif()
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with Image.open(upload) as probe:
            kind = (probe.format or "").upper()
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            # Keep the picture the right way up, then drop every metadata block.
            image = ImageOps.exif_transpose(image)
            if kind not in {"JPEG", "PNG", "HEIF", "HEIC"}:
                raise ValidationError(WRONG_TYPE, code="wrong_type")
            image.info = {}
            out = io.BytesIO()
            if kind == "PNG":
                image.save(out, format="PNG", optimize=True)
                return CleanFile(ContentFile(out.getvalue()), "image/png", "png")
            image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
            return CleanFile(ContentFile(out.getvalue()), "image/jpeg", "jpg")
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise ValidationError(WRONG_TYPE, code="wrong_type") from None
    except (OSError, ValueError, SyntaxError):
        raise ValidationError(BROKEN, code="broken") from None
