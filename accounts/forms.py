from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

WRONG_LOGIN = _("Tên đăng nhập, số điện thoại hoặc mật khẩu không đúng. Vui lòng thử lại.")


class LoginForm(AuthenticationForm):
    """One message for every failure, so it never reveals which part was wrong."""

    username = forms.CharField(
        label=_("Tên đăng nhập hoặc số điện thoại"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}),
    )
    error_messages = {"invalid_login": WRONG_LOGIN, "inactive": WRONG_LOGIN}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Mật khẩu")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Đăng nhập"), css_class="btn-primary w-100"))


class CadrePasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Đổi mật khẩu"), css_class="btn-primary w-100"))


class CodeLoginForm(forms.Form):
    """Username or phone, and the one-time code a manager issued. The code is spent on success."""

    username = forms.CharField(
        label=_("Tên đăng nhập hoặc số điện thoại"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}),
    )
    code = forms.CharField(
        label=_("Mã đăng nhập một lần"),
        max_length=20,
        help_text=_("8 chữ số do cán bộ quản lý cấp, ví dụ 1234 5678."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    error_messages = {
        "invalid": _("Tên đăng nhập, số điện thoại hoặc mã không đúng, hoặc mã đã hết hạn, đã dùng."),
    }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Đăng nhập"), css_class="btn-primary w-100"))

    def clean(self):
        from django.contrib.auth import authenticate

        cleaned = super().clean()
        if self.errors:
            return cleaned
        self.user = authenticate(self.request, username=cleaned["username"], one_time_code=cleaned["code"])
        if self.user is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return cleaned


class CodeRequestForm(forms.Form):
    """Username or phone: a new one-time code goes to the person by SMS or messaging app, if the account exists."""

    identifier = forms.CharField(
        label=_("Tên đăng nhập hoặc số điện thoại"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Gửi mã cho tôi"), css_class="btn-primary w-100"))


class CadrePasswordResetForm(PasswordResetForm):
    """Reset by e-mail. A cadre imported without a password may use it for a first password, too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Thư điện tử đã đăng ký")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Gửi thư đặt lại mật khẩu"), css_class="btn-primary w-100"))

    def get_users(self, email):
        from django.contrib.auth import get_user_model

        User = get_user_model()
        return (
            user for user in User._default_manager.filter(email__iexact=email.strip(), is_active=True) if user.email
        )


class CadreSetPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Lưu mật khẩu"), css_class="btn-primary w-100"))
