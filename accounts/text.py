"""Normalising what people type: Unicode NFC and Vietnamese phone numbers; ASCII names for files and URLs."""

import re
import unicodedata
from urllib.parse import quote

from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

_SPACES = re.compile(r"\s+")
_PHONE_NOISE = re.compile(r"[\s.\-()]")

INVALID_PHONE = _("Số điện thoại không hợp lệ. Hãy nhập số di động hoặc số cố định Việt Nam, ví dụ 0912 345 678.")


def nfc(value: str | None) -> str:
    """Vietnamese keyboards can send decomposed marks; store and compare composed text."""
    if not value:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def normalize_phone(value: str | None) -> str | None:
    """Return the number in E.164 (``+84912345678``), ``None`` when blank, or raise ValidationError.

    Accepts the forms people write: ``0912 345 678``, ``0912.345.678``,
    ``+84 912 345 678``, ``84912345678`` and ``(024) 3825 1234``.
    """
    if value is None:
        return None
    raw = _PHONE_NOISE.sub("", unicodedata.normalize("NFKC", str(value)))
    if raw == "":
        return None
    country = settings.PHONE_DEFAULT_COUNTRY_CODE
    if raw.startswith("+"):
        digits = raw[1:]
    elif raw.startswith("00"):
        digits = raw[2:]
    elif raw.startswith("0"):
        digits = country + raw[1:]
    elif raw.startswith(country) and len(raw) >= 11:
        digits = raw
    else:
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    if not digits.isdigit():
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    if digits.startswith(country):
        # Vietnamese numbers have 9 or 10 digits after the country code.
        if len(digits) - len(country) not in (9, 10):
            raise ValidationError(INVALID_PHONE, code="invalid_phone")
    elif not 8 <= len(digits) <= 15:
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    return "+" + digits


def looks_like_phone(value: str) -> bool:
    return bool(value) and _PHONE_NOISE.sub("", value).lstrip("+").isdigit()


# What a file name may keep as it is in the plain ``filename=`` of a Content-Disposition header.
_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9._()+ -]+")


def ascii_slug(value, *, limit: int | None = None) -> str:
    """``"Bài 1: Chữ ký số"`` → ``"bai-1-chu-ky-so"``, ``"Đồng Nai"`` → ``"dong-nai"``.

    Folded with anyascii, as search folds (``courses.search``): Django's ``slugify`` only strips
    combining marks, so "đ", which has none, would vanish ("ong-nai").
    """
    slug = slugify(anyascii(unicodedata.normalize("NFC", str(value or ""))))
    return slug[:limit].strip("-") if limit else slug


def download_name(*parts, extension: str) -> str:
    """A download's file name: each part folded to an ASCII slug, joined by hyphens (empty parts dropped)."""
    stem = "-".join(slug for slug in (ascii_slug(part, limit=60) for part in parts if part is not None) if slug)
    return f"{stem or 'tep'}.{extension}"


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """A Content-Disposition value whose ``filename`` is ASCII for every client ("đ" → "d"), with the
    name as given in RFC 5987's ``filename*`` when it is not plain ASCII (browsers prefer it)."""
    filename = unicodedata.normalize("NFC", filename)
    fallback = _UNSAFE_IN_FILENAME.sub("-", anyascii(filename)).strip(" -") or "tep"
    header = f'{"inline" if inline else "attachment"}; filename="{fallback}"'
    if fallback != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header
