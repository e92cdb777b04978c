"""Public-site account pages for cadres and team leaders."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from .access import LOGGED_IN, PUBLIC, access
from .forms import CadrePasswordChangeForm, LoginForm


@access(PUBLIC)
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@access(PUBLIC)
class LogoutView(auth_views.LogoutView):
    pass


@access(LOGGED_IN)
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = CadrePasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")


@access(LOGGED_IN)
class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
