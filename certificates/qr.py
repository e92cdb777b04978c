"""The QR code printed on every certificate: a link to its verify page.

Workers have no request, so the link is built from ``PUBLIC_BASE_URL``; the verify URL sits
outside any language prefix, so a printed code never changes.
"""

import segno
from django.conf import settings
from django.urls import reverse

from .codes import format_code


def verify_url(code: str) -> str:
    return settings.PUBLIC_BASE_URL + reverse("certificates:verify", kwargs={"code": format_code(code)})


def qr_svg(url: str, *, colour: str = "#000000") -> str:
    """An inline SVG (vector, so it prints sharp at any size); its size is set by CSS.

    A URL with the signed offline payload (``#p=…``, see ``offline``) is long: error correction L
    keeps its symbol small enough (version 16 at most for an 80-character course title) to scan
    at the printed size; segno still raises the level when that costs no extra size.
    """
    qr = segno.make(url, error="l" if "#" in url else "m", micro=False)
    return qr.svg_inline(scale=1, border=0, dark=colour, omitsize=True, svgclass="qr", lineclass=None)
