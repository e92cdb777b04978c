"""Public Open Badges endpoints and the offline checker: thin views over ``credentials`` and ``keys``.

Everything here is public and meant for machines in other systems as much as for people, so the
machine-readable answers allow any origin (they hold nothing a verify page does not show).
"""

import json

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.access import PUBLIC, access

from . import credentials, keys
from .codes import normalise_code
from .models import Certificate
from .views import _too_many, verify_rate_limited

CONTEXT_NAMES = set(credentials.CONTEXT_FILES.values())


def _public(response, *, max_age: int):
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


def _json(data, *, content_type: str, max_age: int):
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return _public(HttpResponse(body, content_type=f"{content_type}; charset=utf-8"), max_age=max_age)


@access(PUBLIC)
@require_GET
def issuer(request):
    """The issuer's Open Badges profile; its keys are at ``jwks.json`` beside it (also in a Link header)."""
    response = _json(credentials.issuer_profile(), content_type="application/ld+json", max_age=300)
    response["Link"] = f'<{credentials.absolute("certificates:jwks")}>; rel="jwks"'
    return response


@access(PUBLIC)
@require_GET
def jwks(request):
    keys.active_key()  # a fresh site publishes its first key before it signs anything
    return _json(keys.public_jwks(), content_type="application/jwk-set+json", max_age=300)


@access(PUBLIC)
@require_GET
def status_list(request):
    """The revocation list as a signed VC-JWT; short-lived in caches, since revocations must show."""
    return _public(HttpResponse(credentials.status_list_jwt(), content_type=credentials.MEDIA_TYPE), max_age=60)


@access(PUBLIC)
@require_GET
def context(request, name):
    """A JSON-LD context the credentials name, as shipped with the site."""
    if name not in CONTEXT_NAMES:
        raise Http404
    path = finders.find(f"certificates/contexts/{name}")
    with open(path, "rb") as handle:
        body = handle.read()
    return _public(HttpResponse(body, content_type="application/ld+json"), max_age=86400)


@access(PUBLIC)
@require_GET
def credential(request, code):
    """The Open Badges credential of a valid certificate, by its code: what the verify page shows,
    signed. Revoked, replaced, unfinished and anonymised certificates have none."""
    if verify_rate_limited(request):
        return _too_many(request)
    normal = normalise_code(code)
    live = Certificate.objects.filter(status=Certificate.Status.ISSUED, holder_removed_at__isnull=True)
    found = live.filter(code=normal).first() if normal else None
    if found is None:
        raise Http404
    response = HttpResponse(credentials.credential_jwt(found), content_type=credentials.MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{credentials.credential_filename(found)}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-store"
    return response


@access(PUBLIC)
@require_GET
def offline_checker(request):
    """The checker that works without a connection (installable; its service worker caches it)."""
    return TemplateResponse(
        request,
        "certificates/verify_offline.html",
        {
            # Relative: the page works under whatever host the phone reached it by.
            "jwks_url": reverse("certificates:jwks"),
            "status_url": reverse("certificates:status_list"),
        },
    )


@access(PUBLIC)
@require_GET
def service_worker(request):
    """The checker's service worker, from our static files; served here so that its scope is
    ``/certificates/verify/`` and it answers for the URLs the QR codes hold."""
    path = finders.find("certificates/verify-sw.js")
    with open(path, "rb") as handle:
        response = HttpResponse(handle.read(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@access(PUBLIC)
@require_GET
@never_cache
def manifest(request):
    data = {
        "name": _("Kiểm tra chứng nhận Kỹ Năng Số"),
        "short_name": _("Kiểm tra CN"),
        "lang": "vi",
        "start_url": reverse("certificates:offline"),
        "scope": reverse("certificates:verify_form"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#9b1c1c",
        "icons": [
            {"src": static("certificates/verify-icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("certificates/verify-icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})
