from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language as django_set_language

from accounts.access import PUBLIC, access

from .health import broker_status, cache_status, database_status


@access(PUBLIC)
@never_cache
def healthz(request):
    checks = {"database": database_status(), "cache": cache_status(), "broker": broker_status()}
    healthy = all(value in ("ok", "eager") for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


set_language = access(PUBLIC)(django_set_language)
