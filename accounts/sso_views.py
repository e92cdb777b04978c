"""Single sign-on screens: the provider's login and callback (public), and the managers' confirmation list.

The login and callback answer 404 while single sign-on is off. The confirmation screen is
``scoped(MANAGERS)``: every request reached by id is looked up among the people the manager may manage
(scope and privilege), for every method, answering 404 outside. GET never writes.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .access import PUBLIC, access, scoped
from .roles import MANAGERS
from .sso import confirm_link, link_request_in_scope, link_requests_for, provider_name, reject_link, sso_enabled


class _OnlyWhenEnabled:
    def __init__(self, *args, **kwargs):
        # mozilla-django-oidc reads its settings when the view is built; while off there are none.
        if sso_enabled():
            super().__init__(*args, **kwargs)
        else:
            View.__init__(self, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if not sso_enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


@access(PUBLIC)
@method_decorator(never_cache, name="dispatch")
class SsoStartView(_OnlyWhenEnabled, OIDCAuthenticationRequestView):
    """Sends the browser to the provider with a fresh state and nonce kept in the session."""

    http_method_names = ["get"]


@access(PUBLIC)
@method_decorator(never_cache, name="dispatch")
class SsoCallbackView(_OnlyWhenEnabled, OIDCAuthenticationCallbackView):
    """The provider sends the browser back here; the backend checks the tokens and finds the person."""

    http_method_names = ["get"]


LINKS_RULE = scoped(MANAGERS)


@access(LINKS_RULE)
@method_decorator(never_cache, name="dispatch")
class LinkRequestsView(WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Xác nhận đăng nhập một lần")
    header_icon = "key"
    template_name = "accounts/admin/sso_link_requests.html"
    http_method_names = ["get"]

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get(self, request):
        context = self.get_context_data(
            link_requests=link_requests_for(request.user), provider=provider_name(), enabled=sso_enabled()
        )
        return self.render_to_response(context)


@access(LINKS_RULE)
@method_decorator(never_cache, name="dispatch")
class LinkDecideView(View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        link_request = link_request_in_scope(request.user, pk)
        if link_request is None:
            raise Http404
        decision = request.POST.get("decision")
        if decision not in ("confirm", "reject"):
            messages.error(request, _("Hãy chọn xác nhận hoặc từ chối."))
            return redirect("kns_sso_links:index")
        try:
            if decision == "confirm":
                confirm_link(link_request=link_request, actor=request.user)
                messages.success(
                    request,
                    _("Đã xác nhận: %(name)s đăng nhập được bằng %(provider)s.")
                    % {"name": link_request.user, "provider": provider_name()},
                )
            else:
                reject_link(link_request=link_request, actor=request.user)
                messages.success(request, _("Đã từ chối yêu cầu của %(name)s.") % {"name": link_request.user})
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        return redirect(reverse("kns_sso_links:index"))


def admin_urls():
    return [
        path("", LinkRequestsView.as_view(), name="index"),
        path("<int:pk>/", LinkDecideView.as_view(), name="decide"),
    ]


def public_urls():
    return [
        path("sso/login/", SsoStartView.as_view(), name="sso_login"),
        path("sso/callback/", SsoCallbackView.as_view(), name="sso_callback"),
    ]
