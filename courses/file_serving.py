"""Serving stored files with HTTP Range support: the one helper for lesson media, documents and private files.

A phone's video player asks for ``Range: bytes=N-`` to start, seek and resume,
and iPhones refuse to play a video whose server does not answer ``206 Partial
Content``. Every view that hands out a stored file (Wagtail documents, lesson
videos, practice evidence) goes through :func:`file_response`, after its own
permission check.

Files in a bucket (``MEDIA_STORAGE=s3``) are read with a ranged GET of just the bytes asked for;
files in a folder are opened and seeked.

Only single ranges are honoured (``bytes=a-b``, ``bytes=a-``, ``bytes=-n``);
a request for several ranges gets the whole file with 200, which RFC 9110
allows. A range starting past the end gets 416 with ``Content-Range: bytes */size``.
"""

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from django.http import HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from accounts.text import content_disposition

CHUNK_SIZE = 64 * 1024
_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)
# Media and text the browser shows itself; anything else downloads.
INLINE_TYPES = ("video/", "audio/", "image/", "application/pdf", "text/plain")


class RangeNotSatisfiable(Exception):
    pass


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range

    @property
    def length(self) -> int:
        return self.end - self.start + 1


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The one range a ``Range`` header asks for, or None to send the whole file.

    Raises RangeNotSatisfiable when the range lies wholly past the end.
    """
    if not header or "," in header:
        return None
    match = _RANGE.match(header)
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # bytes=-n: the last n bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return ByteRange(max(0, size - suffix), size - 1)
    start = int(first)
    if last and int(last) < start:
        return None  # not a valid range: ignore the header
    if start >= size:
        raise RangeNotSatisfiable
    end = int(last) if last else size - 1
    return ByteRange(start, min(end, size - 1))


def inline_for(content_type: str) -> bool:
    return content_type.startswith(INLINE_TYPES)


def _read(file, start: int, length: int) -> Iterator[bytes]:
    file.open("rb")
    return _read_open(file, start, length)


def _read_open(file, start: int, length: int) -> Iterator[bytes]:
    try:
        file.seek(start)
        remaining = length
        while remaining > 0:
            chunk = file.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        file.close()


def _bucket_of(file):
    """The S3 storage ``file`` lives in, or None (a folder, or a file with no storage)."""
    storage = getattr(file, "storage", None)
    storage = getattr(storage, "backend", storage)  # the private store resolves STORAGES["private"]
    s3 = sys.modules.get("storages.backends.s3")  # not imported: no bucket is configured
    return storage if s3 is not None and isinstance(storage, s3.S3Storage) else None


def _read_object(storage, name: str, start: int, length: int) -> Iterator[bytes]:
    """Exactly the bytes asked for, by a ranged GET: django-storages' file would first download the
    whole object (a 200 MB video for each seek). The GET is made here, before the response starts,
    so a missing object or an unreachable store is an error of the view, not a cut stream."""
    from storages.utils import clean_name

    if length <= 0:
        return iter(())
    key = storage._normalize_name(clean_name(name))
    body = storage.bucket.Object(key).get(Range=f"bytes={start}-{start + length - 1}")["Body"]

    def chunks():
        try:
            yield from body.iter_chunks(CHUNK_SIZE)
        finally:
            body.close()

    return chunks()


def _if_range_matches(request, etag: str | None, last_modified: float | None) -> bool:
    """``If-Range``: the range holds only if the file is still the one the client has part of."""
    validator = request.headers.get("If-Range")
    if not validator:
        return True
    if validator.startswith(('"', 'W/"')):
        return bool(etag) and not validator.startswith("W/") and validator == etag
    since = parse_http_date_safe(validator)
    return since is not None and last_modified is not None and int(last_modified) <= since


def file_response(
    request,
    file,
    *,
    content_type: str,
    filename: str,
    size: int | None = None,
    inline: bool | None = None,
    private: bool = False,
    etag: str | None = None,
    last_modified: float | None = None,
) -> HttpResponse:
    """A 200, 206, 304 or 416 response for ``file`` (a Django File or FieldFile, not yet opened).

    The caller has already decided the request may see the file. ``private``
    files are never stored by shared caches; public ones may be cached by the
    browser and revalidated with the ETag.
    """
    size = file.size if size is None else size
    # Files go out as stored: Django's GZipMiddleware would compress this stream too (it has no opt-out
    # but the request's Accept-Encoding), dropping Content-Length and breaking every byte offset of a
    # Range answer; videos, audio, pictures and PDFs are compressed already.
    request.META.pop("HTTP_ACCEPT_ENCODING", None)
    etag = quote_etag(etag) if etag else None
    if inline is None:
        inline = inline_for(content_type)
    if etag and etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        not_modified = HttpResponseNotModified()
        not_modified["ETag"] = etag
        return not_modified

    try:
        wanted = parse_range(request.headers.get("Range"), size) if request.method in ("GET", "HEAD") else None
    except RangeNotSatisfiable:
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        refused["Accept-Ranges"] = "bytes"
        return refused
    if wanted is not None and not _if_range_matches(request, etag, last_modified):
        wanted = None

    start, length = (wanted.start, wanted.length) if wanted else (0, size)
    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
    else:
        bucket = _bucket_of(file)
        chunks = _read_object(bucket, file.name, start, length) if bucket else _read(file, start, length)
        response = StreamingHttpResponse(chunks, content_type=content_type)
    if wanted:
        response.status_code = 206
        response["Content-Range"] = f"bytes {wanted.start}-{wanted.end}/{size}"
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if private else "private, max-age=3600"
    if etag:
        response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return response
