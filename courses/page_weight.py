""" "Dung lượng trang": what opening a page really transfers, measured when the page is rendered.

The figure is the page's HTML compressed as production sends it (gzip), plus
the compressed stylesheet and scripts it links (WhiteNoise's ``.gz`` files when
static files are collected, else the source compressed the same way), plus the
pictures it shows (image renditions and video posters). Videos and documents
load only when asked for; their sizes are shown beside them.

The template prints :data:`PLACEHOLDER`; once the response is rendered,
:func:`fill_in` writes the figure in its place. Measuring (gzip of the whole page) is done once per
state of the page and reused: the figure is kept under a key holding the tree's version
(``courses.page_cache.pages_version``: every publish, page save, image or document change), the
language and a digest of the templates, so an edit, a new picture or a new deploy measures again.
What differs between cadres (their name in the menu, a tick in the outline) moves the figure by a
few bytes at most.
"""

import gzip
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import get_language

PLACEHOLDER = "<!--kns-page-weight-->"
# What a browser fetches before any media: stylesheets, scripts, pictures and video posters.
_ASSET = re.compile(
    r"""<(?:link[^>]*\brel=["']?stylesheet["']?[^>]*\bhref|script[^>]*\bsrc|img[^>]*\bsrc|video[^>]*\bposter)"""
    r"""=["']([^"']+)["']""",
    re.IGNORECASE,
)
_GZIP_LEVEL = 6  # Django's GZipMiddleware


def asset_urls(html: str) -> list[str]:
    """The assets an HTML page makes the browser load on opening, in order, each once."""
    seen: dict[str, None] = {}
    for url in _ASSET.findall(html):
        seen.setdefault(url, None)
    return list(seen)


@lru_cache(maxsize=128)
def static_bytes(url: str) -> int:
    """Bytes a static file costs over the wire, gzip-compressed as WhiteNoise serves it."""
    name = url[len(settings.STATIC_URL) :].split("?", 1)[0]
    collected = Path(settings.STATIC_ROOT) / name
    compressed = collected.with_name(collected.name + ".gz")
    if compressed.is_file():
        return compressed.stat().st_size
    source = collected if collected.is_file() else finders.find(name)
    if not source:
        return 0
    data = Path(source).read_bytes()
    return min(len(data), len(gzip.compress(data, 9)))


def media_bytes(url: str) -> int:
    """Bytes of an uploaded picture (a rendition): files never change under one name, so sizes are cached."""
    name = url[len(settings.MEDIA_URL) :].split("?", 1)[0]
    key = f"kns:media-bytes:{name}"
    size = cache.get(key)
    if size is None:
        try:
            size = default_storage.size(name)
        except (OSError, NotImplementedError):
            return 0
        cache.set(key, size, None)
    return size


def asset_bytes(url: str) -> int:
    if url.startswith(settings.STATIC_URL):
        return static_bytes(url)
    if url.startswith(settings.MEDIA_URL):
        return media_bytes(url)
    return 0  # outside links are not loaded by our pages


def page_bytes(html: str) -> int:
    """The whole first load of a page: its compressed HTML and every asset it links."""
    encoded = html.encode()
    return len(gzip.compress(encoded, _GZIP_LEVEL)) + sum(asset_bytes(url) for url in asset_urls(html))


def measured_key(page_id: int) -> str:
    return f"kns:page-bytes:{page_id}"


@lru_cache(maxsize=1)
def templates_version() -> str:
    """A digest of the project's templates, so a deploy that changes them measures pages again."""
    digest = hashlib.sha1(usedforsecurity=False)
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(directory).rglob("*.html")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def weight_key(page_id: int) -> str:
    from .page_cache import pages_version

    return f"kns:page-weight:{page_id}:{pages_version()}:{get_language()}:{templates_version()}"


def fill_in(response, *, page_id: int | None = None):
    """Post-render callback: replace the placeholder with the weight of the page, measured once per state of it.

    The figure is also remembered for the page, so "save for offline" can say what a course costs.
    """
    html = response.content.decode()
    if PLACEHOLDER in html:
        key = weight_key(page_id) if page_id is not None else None
        weight = cache.get(key) if key else None
        if weight is None:
            weight = page_bytes(html)
            if key:
                cache.set_many({key: weight, measured_key(page_id): weight}, 7 * 24 * 3600)
        response.content = html.replace(PLACEHOLDER, str(filesizeformat(weight))).encode()
    return response
