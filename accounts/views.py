"""Public-site account pages for cadres and team leaders: login, one-time login, passwords, my data, privacy."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from wagtail.log_actions import log

from . import audit, personal_data
from .access import LOGGED_IN, PUBLIC, access
from .forms import (
    CadrePasswordChangeForm,
    CadrePasswordResetForm,
    CadreSetPasswordForm,
    CodeLoginForm,
    CodeRequestForm,
    LoginForm,
)
from .sso import provider_logout_url, provider_name, sso_enabled
from .text import content_disposition

MUST_SET_PASSWORD = "kns_must_set_password"  # noqa: S105 - a session key, not a password


@access(PUBLIC)
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if sso_enabled():
            context["sso_provider"] = provider_name()
        return context


@access(PUBLIC)
class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        # Read before logout() flushes the session: the provider's token names the session to end there.
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        provider_logout = provider_logout_url(request, id_token)
        return redirect(provider_logout) if provider_logout else response


@access(LOGGED_IN)
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = CadrePasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")


@access(LOGGED_IN)
class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


# --- one-time login: a link or a code issued by a manager -----------------------------------------


def _logged_in_once(request, user):
    login(request, user)
    # After a one-time login the person sets a password of their own before anything else.
    request.session[MUST_SET_PASSWORD] = True
    return redirect("accounts:set_password")


@access(PUBLIC)
@method_decorator(never_cache, name="dispatch")
class CodeLoginView(FormView):
    template_name = "accounts/code_login.html"
    form_class = CodeLoginForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def get_initial(self):
        # The QR code on a printed login sheet opens this page with the username filled in.
        return {"username": self.request.GET.get("username", "")[:150]}

    def form_valid(self, form):
        return _logged_in_once(self.request, form.user)


@access(PUBLIC)
@method_decorator(never_cache, name="dispatch")
class CodeRequestView(FormView):
    """Forgot the password, no e-mail: a new one-time code by SMS or messaging app.

    The answer is the same whether or not the account exists (``accounts.code_requests``).
    """

    template_name = "accounts/code_request.html"
    form_class = CodeRequestForm

    def form_valid(self, form):
        from .code_requests import address_allowed, one_time_code_request
        from .ratelimit import client_address

        if not address_allowed(client_address(self.request)):
            response = TemplateResponse(
                self.request,
                "accounts/rate_limited.html",
                {"minutes": max(1, settings.KNS_CODE_REQUEST_WINDOW // 60)},
                status=429,
            )
            response["Retry-After"] = str(settings.KNS_CODE_REQUEST_WINDOW)
            return response
        identifier = form.cleaned_data["identifier"]
        one_time_code_request(identifier=identifier)
        messages.info(
            self.request,
            _(
                "Nếu tên đăng nhập hoặc số điện thoại này có tài khoản, mã đăng nhập một lần vừa được gửi "
                "bằng tin nhắn tới số điện thoại đã đăng ký. Mã dùng được %(hours)s giờ."
            )
            % {"hours": settings.KNS_MESSAGE_CODE_HOURS},
        )
        return redirect(reverse("accounts:code_login") + "?" + urlencode({"username": identifier}))


@access(PUBLIC)
@method_decorator(never_cache, name="dispatch")
class OneTimeLinkView(View):
    """GET shows a button; only the POST spends the link, so that chat apps previewing the link cannot."""

    def get(self, request, token):
        return TemplateResponse(request, "accounts/one_time_link.html", {"invalid": False})

    def post(self, request, token):
        user = authenticate(request, one_time_token=token)
        if user is None:
            return TemplateResponse(request, "accounts/one_time_link.html", {"invalid": True}, status=400)
        return _logged_in_once(request, user)


@access(LOGGED_IN)
@method_decorator(never_cache, name="dispatch")
class SetPasswordView(FormView):
    """Set a first (or new) password without the old one: only right after a one-time login."""

    template_name = "accounts/set_password.html"
    form_class = CadreSetPasswordForm
    success_url = reverse_lazy("accounts:account")

    def dispatch(self, request, *args, **kwargs):
        if not request.session.get(MUST_SET_PASSWORD):
            return redirect("accounts:password_change")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        form.save()
        from django.contrib.auth import update_session_auth_hash

        update_session_auth_hash(self.request, form.user)
        self.request.session.pop(MUST_SET_PASSWORD, None)
        messages.success(self.request, _("Đã lưu mật khẩu. Lần sau, hãy đăng nhập bằng mật khẩu này."))
        return super().form_valid(form)


# --- password reset by e-mail -----------------------------------------------------------------


@access(PUBLIC)
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = CadrePasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self):
        # Links in e-mails start from PUBLIC_BASE_URL, never from the request's Host header.
        return {"base_url": settings.PUBLIC_BASE_URL}


@access(PUBLIC)
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@access(PUBLIC)
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = CadreSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


@access(PUBLIC)
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# --- my account, my data, privacy -------------------------------------------------------------


@access(LOGGED_IN)
@method_decorator(never_cache, name="dispatch")
class AccountView(TemplateView):
    template_name = "accounts/account.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            person=user,
            memberships=user.memberships.select_related("team", "team__commune").order_by("team__name"),
            can_reset_by_email=bool(user.email),
            **kwargs,
        )


def _download(request, content: bytes, content_type: str, extension: str, count: int):
    log(request.user, audit.PERSONAL_DATA_DOWNLOAD, user=request.user, data={"format": extension, "count": count})
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(f"du-lieu-cua-toi-{request.user.pk}.{extension}")
    response["Cache-Control"] = "no-store"
    return response


@access(LOGGED_IN)
def my_data_json(request):
    return _download(request, personal_data.as_json(request.user), "application/json; charset=utf-8", "json", 0)


@access(LOGGED_IN)
def my_data_csv(request):
    content, count = personal_data.as_csv(request.user)
    return _download(request, content, "text/csv; charset=utf-8", "csv", count)


@access(PUBLIC)
class PrivacyView(TemplateView):
    template_name = "accounts/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            login_log_days=settings.KNS_LOGIN_LOG_RETENTION_DAYS,
            import_days=settings.KNS_IMPORT_REPORT_RETENTION_DAYS,
            **kwargs,
        )
