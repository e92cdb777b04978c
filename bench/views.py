"""The baseline every scenario is compared with: Django's full middleware stack and nothing else."""

from django.http import HttpResponse

from accounts.access import PUBLIC, access


# Declared public like every view of ours (accounts.access); the check costs one attribute read.
@access(PUBLIC)
def bare(request):
    """No template, no database: what a request costs before the page does any work."""
    return HttpResponse(b"ok\n", content_type="text/plain")
