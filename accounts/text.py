"""Normalising what people type: Unicode NFC and Vietnamese phone numbers."""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
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
