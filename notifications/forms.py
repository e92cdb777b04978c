"""The form on which a person chooses how to be reached (the page lives in ``home``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import routing
from .models import Channel

NEEDS_ADDRESS = {
    Channel.SMS: _("cần số điện thoại"),
    Channel.ZALO: _("cần số điện thoại dùng Zalo"),
    Channel.EMAIL: _("cần địa chỉ thư điện tử"),
}


class PreferenceForm(forms.Form):
    channel = forms.ChoiceField(label=_("Nhận thông báo qua"), required=False, widget=forms.RadioSelect)
    opted_out = forms.BooleanField(
        label=_("Không nhận thông báo (vẫn nhận mã đăng nhập khi bạn yêu cầu)"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        choices = [("", _("Tự động: kênh đầu tiên có địa chỉ của bạn"))]
        for channel in routing.enabled_channels():
            label = Channel(channel).label
            address = routing.address_for(user, channel)
            choices.append((channel, f"{label} ({address})" if address else f"{label} – {NEEDS_ADDRESS[channel]}"))
        self.fields["channel"].choices = choices

    def clean_channel(self):
        channel = self.cleaned_data["channel"]
        if channel and not routing.address_for(self.user, channel):
            raise forms.ValidationError(
                _("Tài khoản của bạn chưa có địa chỉ cho kênh này. Hãy báo cán bộ quản lý bổ sung.")
            )
        return channel
