"""Public and learner views: the verify page, "my certificates", private downloads, the template preview.

Thin: each view checks who is asking and calls a selector or a service.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.access import LOGGED_IN, PUBLIC, access
from accounts.text import ascii_slug, content_disposition

from . import services
from .codes import format_code, normalise_code
from .formatting import format_hours
from .models import Certificate
from .selectors import certificates_of, verify_lookup

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or X-Forwarded-For behind ``KNS_TRUSTED_PROXY_COUNT`` proxies."""
    proxies = getattr(settings, "KNS_TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def verify_rate_limited(request) -> bool:
    """Count one look-up for this address; True once it made too many in the window."""
    key = f"kns:verify:{client_ip(request)}"
    window = settings.KNS_VERIFY_RATE_WINDOW
    if cache.add(key, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)
            count = 1
    return count > settings.KNS_VERIFY_RATE_LIMIT


def _too_many(request):
    response = TemplateResponse(
        request,
        "certificates/verify.html",
        {"state": "rate_limited", "window_minutes": max(1, settings.KNS_VERIFY_RATE_WINDOW // 60)},
        status=429,
    )
    response["Retry-After"] = str(settings.KNS_VERIFY_RATE_WINDOW)
    return response


@access(PUBLIC)
@require_GET
@never_cache
def verify_form(request):
    """Type a code (or arrive from a QR scanner that dropped the path)."""
    typed = (request.GET.get("code") or "").strip()
    if typed:
        code = normalise_code(typed)
        if code is not None:
            return redirect("certificates:verify", code=format_code(code))
        if verify_rate_limited(request):
            return _too_many(request)
        return TemplateResponse(
            request, "certificates/verify.html", {"state": "not_found", "typed": typed[:64]}, status=404
        )
    return TemplateResponse(request, "certificates/verify.html", {"state": "form"})


@access(PUBLIC)
@require_GET
@never_cache
def verify(request, code):
    if verify_rate_limited(request):
        return _too_many(request)
    found = verify_lookup(code)
    if found is None:
        return TemplateResponse(
            request, "certificates/verify.html", {"state": "not_found", "typed": code[:64]}, status=404
        )
    certificate = found.certificate
    canonical = format_code(certificate.code)
    if code != canonical:
        return redirect("certificates:verify", code=canonical)
    return TemplateResponse(
        request,
        "certificates/verify.html",
        {
            "state": found.state,
            "certificate": certificate,
            "hours": format_hours(certificate.hours),
            "newest": found.newest,
        },
    )


@access(LOGGED_IN)
@require_GET
def my_certificates(request):
    certificates = list(certificates_of(request.user))
    for certificate in certificates:
        certificate.hours_text = format_hours(certificate.hours)
    return TemplateResponse(request, "certificates/my_certificates.html", {"certificates": certificates})


@access(LOGGED_IN)
@require_GET
@never_cache
def course_certificate(request, course_id):
    """The way to the certificate of a course the cadre completed: the PDF once ready; until then a page
    that says it is being prepared and refreshes itself (no JavaScript needed). Others' courses: 404."""
    from courses.models import Enrollment

    from .completion import REFRESH_SECONDS, states_for

    enrollment = get_object_or_404(
        Enrollment.objects.select_related("course"),
        user=request.user,
        course_id=course_id,
        completed_at__isnull=False,
        withdrawn_at__isnull=True,
    )
    info = states_for([enrollment])[enrollment.pk]
    return TemplateResponse(
        request,
        "certificates/course_certificate.html",
        {
            "info": info,
            "course": enrollment.course,
            "refresh_seconds": REFRESH_SECONDS if info.state == "preparing" else None,
        },
    )


@access(LOGGED_IN)
@require_GET
def download(request, pk):
    """The PDF, for its owner and for managers whose scope holds its commune; nobody else."""
    certificate = get_object_or_404(Certificate.objects.select_related("commune"), pk=pk)
    if not services.can_download(request.user, certificate):
        # Not found rather than forbidden: someone else's certificate does not exist for you.
        raise Http404
    if not certificate.pdf or certificate.status not in (
        Certificate.Status.ISSUED,
        Certificate.Status.REVOKED,
        Certificate.Status.SUPERSEDED,
    ):
        raise Http404
    if certificate.user_id != request.user.pk:
        services.certificate_download_logged(certificate=certificate, by=request.user)
    elif certificate.status != Certificate.Status.ISSUED:
        # Owners get only their valid certificate; revoked or replaced ones stay with managers.
        raise Http404
    response = FileResponse(certificate.pdf.open("rb"), content_type="application/pdf")
    holder = ascii_slug(certificate.full_name, limit=60)
    response["Content-Disposition"] = content_disposition(
        f"chung-nhan-{holder + '-' if holder else ''}{certificate.display_code}.pdf"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def template_preview(request, template, mode_name):
    """The admin's live preview of a template: a sample certificate as a real PDF (or as HTML).

    A broken placeholder or an image that will not load shows a page that says what is wrong,
    the same check that keeps issuing from producing a broken PDF.
    """
    from .rendering import RenderError, document_for_sample, html_to_pdf, render_html

    try:
        document = document_for_sample(template)
        html = render_html(document)
        if mode_name == "html":
            return HttpResponse(html)
        pdf = html_to_pdf(html, image_labels=document.image_labels).pdf
    except RenderError as error:
        return TemplateResponse(request, "certificates/admin/preview_error.html", {"error": str(error)})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="chung-nhan-mau.pdf"'
    return response
