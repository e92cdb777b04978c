"""The references every scenario is compared with, served by the whole middleware stack.

- ``bare``: nothing but the stack: no template, no database.
- ``session_user``: what any logged-in page pays first: the session row and ``request.user``.
- ``session_user_template``: the same, and a small template (a title, a list of ten items, a
  form with a CSRF token) rendered with the project's context processors, as a plain Django
  page that knows nothing of Wagtail would be.

The minimal Wagtail page, the fourth reference, is a plain ``wagtailcore.Page`` in the tree
(``bench.scenarios.references``), served by Wagtail's router with Wagtail's own template.
"""

from django.http import HttpResponse
from django.template.response import TemplateResponse

from accounts.access import PUBLIC, access


# Declared public like every view of ours (accounts.access); the check costs one attribute read.
@access(PUBLIC)
def bare(request):
    """No template, no database: what a request costs before the page does any work."""
    return HttpResponse(b"ok\n", content_type="text/plain")


@access(PUBLIC)
def session_user(request):
    """The session and the user, read as every logged-in page reads them, and nothing else."""
    return HttpResponse(f"{request.user.pk}\n".encode(), content_type="text/plain")


@access(PUBLIC)
def session_user_template(request):
    """The session and the user, and a small template, through the project's context processors (warm: no query)."""
    return TemplateResponse(request, "bench/small.html", {"items": range(10), "name": request.user.get_username()})
