"""The login sheet as PDF: a Django template laid out by WeasyPrint, in chunks so the job can report progress.

The same approach as the certificates (``certificates.rendering``), restated small because accounts
stands below certificates: one ``FontConfiguration`` per process, the bundled fonts
(``static/certificates/fonts``), QR codes as inline SVG (segno), and a URL fetcher that reads only the
project's static files and refuses everything else, so a sheet never reaches the network.

Slips are rendered ``SLIPS_PER_CHUNK`` at a time (each a WeasyPrint document); the pages are then
joined into one PDF, which keeps one set of embedded fonts.
"""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote, urlencode, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

PNG_DATA = "data:image/png;base64,"
SLIPS_PER_PAGE = 6  # two columns, three rows
SLIPS_PER_CHUNK = 60  # ten pages
_font_config = None
# Pango is not thread-safe: one render at a time per process.
_render_lock = threading.Lock()


class SheetAssetMissing(FatalURLFetchingError):
    """A bundled font could not be read: the render stops rather than print with a fallback font."""


@dataclass(frozen=True)
class Slip:
    """One cadre's cut-out slip."""

    full_name: str
    username: str
    code: str  # "1234 5678"
    place: str  # commune (and team)
    login_url: str
    qr_png: str  # a data: URI


def code_login_url(username: str) -> str:
    """The public code-login page with the username filled in (what the QR code opens)."""
    return f"{settings.PUBLIC_BASE_URL}{reverse('accounts:code_login')}?{urlencode({'username': username})}"


def qr_png(url: str) -> str:
    """The QR code as a PNG data URI, 8 pixels a module (sharp at 27 mm).

    A PNG rather than inline SVG: WeasyPrint draws an SVG path of a QR code about as slowly as it
    lays out the rest of the slip, and a sheet for a large commune has hundreds of them.
    """
    qr = segno.make(url, error="m", micro=False)
    return qr.png_data_uri(scale=8, border=0)


def font_config():
    global _font_config
    if _font_config is None:
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
    return _font_config


class StaticOnlyFetcher(URLFetcher):
    """Serves files under ``{PUBLIC_BASE_URL}{STATIC_URL}`` from the static files; refuses every other URL."""

    def __init__(self, **kwargs):
        super().__init__(timeout=1, allowed_protocols=("http", "https"), allow_redirects=False, **kwargs)
        self.prefix = settings.PUBLIC_BASE_URL + settings.STATIC_URL
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith(PNG_DATA):
            # Our own QR codes (``qr_png``); nothing else the template writes is inline.
            body = base64.b64decode(url[len(PNG_DATA) :], validate=True)
            return URLFetcherResponse("about:qr", body=body, headers={"Content-Type": "image/png"})
        parts = urlsplit(url)
        name = unquote(url[len(self.prefix) :]) if url.startswith(self.prefix) else ""
        if not name or parts.query or parts.fragment or ".." in name or "\\" in name or name.startswith("/"):
            self.refused.append(url)
            logger.warning("login sheet render: refused %s", url[:200])
            raise ValueError("refused: not one of the project's static files")
        return URLFetcherResponse(url, body=self._read(name), headers={"Content-Type": _content_type(name)})

    def _read(self, name: str) -> bytes:
        try:
            if staticfiles_storage.exists(name):
                with staticfiles_storage.open(name) as handle:
                    return handle.read()
        except Exception:  # noqa: BLE001 - an uncollected storage falls back to the finders
            logger.debug("login sheet render: %s not collected", name, exc_info=True)
        found = finders.find(name)
        if not found:
            raise SheetAssetMissing(f"static file not found: {name}")
        with open(found, "rb") as handle:
            return handle.read()


def _content_type(name: str) -> str:
    if name.endswith(".woff2"):
        return "font/woff2"
    if name.endswith(".css"):
        return "text/css"
    return "application/octet-stream"


def _pages(slips: Sequence[Slip]) -> list[list[list[Slip]]]:
    """Slips grouped as the template lays them out: pages of rows of two."""
    pages = [slips[i : i + SLIPS_PER_PAGE] for i in range(0, len(slips), SLIPS_PER_PAGE)]
    return [[list(page[i : i + 2]) for i in range(0, len(page), 2)] for page in pages]


def render_sheet_pdf(
    *,
    slips: Sequence[Slip],
    title: str,
    codes_expire_at: datetime,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """One PDF of all ``slips``; ``progress(done)`` is called after each chunk."""
    from weasyprint import HTML

    fetcher = StaticOnlyFetcher()
    documents = []
    with translation.override("vi"), _render_lock:
        for start in range(0, len(slips), SLIPS_PER_CHUNK):
            chunk = slips[start : start + SLIPS_PER_CHUNK]
            html = render_to_string(
                "accounts/login_sheet_pdf.html",
                {"pages": _pages(chunk), "title": title, "codes_expire_at": codes_expire_at},
            )
            document = HTML(string=html, base_url=settings.PUBLIC_BASE_URL + "/", url_fetcher=fetcher)
            documents.append(document.render(font_config=font_config()))
            if progress is not None:
                progress(start + len(chunk))
        pages = [page for document in documents for page in document.pages]
        return documents[0].copy(pages).write_pdf()
