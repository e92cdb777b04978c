from django.conf import settings
from django.utils import translation


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the person chose another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and a
    phone set to English would then show English to a Vietnamese cadre; here
    only the language cookie (set by the switcher) changes the language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class PageRouteMiddleware:
    """Wagtail pages found in fewer queries: the site from the cache, the page by its URL path.

    Only requests that resolved to Wagtail's serve view are touched; Wagtail's view then finds
    the site and the route already set on the request and runs as usual (hooks, view
    restrictions, ``serve``). See ``home.routing``.
    """

    def __init__(self, get_response):
        from wagtail.views import serve

        self.get_response = get_response
        self.wagtail_serve = serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.wagtail_serve:
            from .routing import route_for_request

            route_for_request(request, view_kwargs.get("path", view_args[0] if view_args else ""))
        return None
