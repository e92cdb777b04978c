"""Refusing an upload that is too large from its declared size, before its body is read.

Django reads a POST body as soon as anything asks for ``request.POST`` or ``request.FILES`` (the
CSRF check does, before the view runs), and streams the files to a temporary file on disk. A
view that takes uploads is therefore made CSRF-exempt for the middleware and checks the token
itself (``csrf_protect`` around the part that reads the form), after this check.
"""

from __future__ import annotations

# Room for the multipart framing and the other fields around the file.
FORM_OVERHEAD_BYTES = 64 * 1024


def declared_too_large(request, max_bytes: int) -> bool:
    """True when the request says, in its Content-Length, that it carries more than ``max_bytes``
    of file (plus the form's framing). Nothing of the body has been read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False  # the server refuses a malformed length itself
    return length > max_bytes + FORM_OVERHEAD_BYTES
