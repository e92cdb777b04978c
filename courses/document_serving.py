"""Wagtail documents (lesson videos, their light and audio-only copies, downloads) served with Range support.

Wagtail's own serve view streams the whole file with 200, as an attachment for
anything but PDF, so a phone can neither seek nor resume a video and iPhones may
not play it at all. This view takes its URL (``/documents/<id>/<filename>``,
listed before Wagtail's in ``config/urls.py``) and does what Wagtail's does
first, the ``before_serve_document`` hooks included (collection view
restrictions: private documents stay behind their login or password), then
answers through the project's one Range helper.

Files in a bucket (``MEDIA_STORAGE=s3``) are streamed too, by ranged GETs, rather than
redirected to the bucket's URL as Wagtail would: the collection's restrictions are checked
here on every request, and the phone still gets its 206 answers.
"""

from django.conf import settings
from django.http import Http404, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served

from accounts.access import PUBLIC, access

from .file_serving import file_response, inline_for


@access(PUBLIC)  # as Wagtail's view: the document's collection restrictions decide (hooks below)
@require_safe
def serve_document(request, document_id: int, document_filename: str):
    Document = get_document_model()
    document = get_object_or_404(Document, id=document_id)
    if document.filename != document_filename:
        raise Http404("This document does not match the given filename.")
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponseBase):
            return result
    document_served.send(sender=Document, instance=document, request=request)
    content_type = document.content_type
    inline = inline_for(content_type) or content_type in getattr(settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", ())
    try:
        # The stored size and hash, not get_file_size()/get_file_hash(), which save when empty: a GET writes nothing.
        size = document.file_size or document.file.size
    except OSError as missing:
        raise Http404("The document's file is missing.") from missing
    response = file_response(
        request,
        document.file,
        content_type=content_type,
        filename=document.filename,
        size=size,
        inline=inline,
        etag=document.file_hash or None,
    )
    if getattr(settings, "WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT", True):
        response["Content-Security-Policy"] = "default-src 'none'"
    return response
