"""The only way a certificate render reaches any file: the project's own static and media files.

WeasyPrint 70 takes a ``URLFetcher`` subclass whose ``fetch`` returns a ``URLFetcherResponse``.
Ours never opens a socket and never reads a path it was given:

- ``{PUBLIC_BASE_URL}/static/<name>`` (or a relative ``/static/<name>``) is served from the
  static files (the collected ``STATIC_ROOT`` first, then the finders);
- ``{PUBLIC_BASE_URL}/media/<name>`` is served from the default storage (Wagtail images:
  logo, signature, seal), whatever that storage is (disk or S3);
- everything else (``file:``, ``data:``, other hosts, other paths, private files, ``..``) is
  refused: WeasyPrint drops the resource, and the refusal is logged and remembered.

A project asset that should exist but cannot be read raises ``AssetMissing``, a
``FatalURLFetchingError``, which stops the render: a certificate without its font, logo or
signature is never produced.
"""

import logging
import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

mimetypes.add_type("font/woff2", ".woff2")
mimetypes.add_type("font/woff", ".woff")


class AssetRefused(ValueError):
    """A URL outside the project's own files: dropped from the document."""


class AssetMissing(FatalURLFetchingError):
    """One of the project's own files could not be read: the render stops."""


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def url_path_prefix(url_setting: str) -> str:
    path = urlsplit(url_setting).path or "/"
    return path if path.endswith("/") else path + "/"


def _clean_name(path: str, prefix: str) -> str | None:
    """The storage name under ``prefix`` for a URL path, or None when it tries to leave it."""
    if not path.startswith(prefix):
        return None
    name = unquote(path[len(prefix) :])
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return None
    normal = posixpath.normpath(name)
    if normal != name or normal.startswith(("..", "/")) or "/../" in f"/{normal}/":
        return None
    return normal


class ProjectAssetFetcher(URLFetcher):
    """Serves the project's static and media files by path; refuses everything else."""

    def __init__(self, *, base_url: str | None = None, **kwargs):
        super().__init__(timeout=1, allowed_protocols=("http", "https"), allow_redirects=False, **kwargs)
        self.origin = _origin(base_url or settings.PUBLIC_BASE_URL)
        self.static_prefix = url_path_prefix(settings.STATIC_URL)
        self.media_prefix = url_path_prefix(settings.MEDIA_URL)
        self.refused: list[str] = []
        self.served: list[str] = []
        self.missing: list[str] = []

    def refuse(self, url: str, why: str):
        self.refused.append(url)
        logger.warning("certificate render: refused %s (%s)", url[:200], why)
        raise AssetRefused(f"refused: {why}")

    def fetch(self, url, headers=None):
        try:
            parts = urlsplit(url)
        except ValueError:
            self.refuse(url, "malformed URL")
        if (parts.scheme.lower(), parts.netloc.lower()) != self.origin:
            self.refuse(url, "not one of the project's own files")
        if parts.query or parts.fragment:
            # Our own asset URLs never carry a query; a fragment would be ignored anyway.
            self.refuse(url, "query or fragment")
        for prefix, read in ((self.static_prefix, self._read_static), (self.media_prefix, self._read_media)):
            name = _clean_name(parts.path, prefix)
            if name is None:
                continue
            try:
                body = read(url, name)
            except AssetMissing:
                self.missing.append(url)
                logger.error("certificate render: own file missing %s", url[:200])
                raise
            return self._respond(url, name, body)
        self.refuse(url, "path outside the static and media files")

    def _read_static(self, url: str, name: str) -> bytes:
        try:
            if staticfiles_storage.exists(name):
                with staticfiles_storage.open(name) as handle:
                    return handle.read()
        except Exception:  # noqa: BLE001 - a storage that cannot answer falls back to the finders
            logger.debug("certificate render: %s not in the collected static files", name, exc_info=True)
        found = finders.find(name)
        if not found:
            raise AssetMissing(f"static file not found: {name}")
        try:
            with open(found, "rb") as handle:
                return handle.read()
        except OSError as error:
            raise AssetMissing(f"static file unreadable: {name} ({error})") from error

    def _read_media(self, url: str, name: str) -> bytes:
        try:
            with default_storage.open(name) as handle:
                return handle.read()
        except Exception as error:  # noqa: BLE001 - any storage failure is fatal for our own file
            raise AssetMissing(f"media file not readable: {name} ({type(error).__name__})") from error

    def _respond(self, url: str, name: str, body: bytes) -> URLFetcherResponse:
        self.served.append(name)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type}, status=200)
