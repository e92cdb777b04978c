"""Wagtail admin forms for people: one full name, optional e-mail, phone, unit, commune."""

from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from .models import User
from .roles import CADRES, ROLE_LABELS, TEAM_LEADERS
from .scopes import communes_in_scope, sees_everything
from .text import nfc, normalize_phone

PERSON_FIELDS = ["username", "full_name", "phone", "email", "position", "unit", "commune"]
PHONE_TAKEN = _("Số điện thoại này đã được dùng cho một tài khoản khác.")


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, group):
        return ROLE_LABELS.get(group.name, group.name)


class PersonFormMixin:
    """Scopes the choices to the acting user: managers place people only in their communes, as cadres or leaders."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        for name in ("first_name", "last_name"):
            self.fields.pop(name, None)
        self.fields["email"].required = False
        self.fields["full_name"].required = True
        if for_user is not None and not sees_everything(for_user):
            self.fields["commune"].queryset = communes_in_scope(for_user).select_related("province")
            self.fields["commune"].required = True
            self.fields.pop("is_superuser", None)
            if "groups" in self.fields:
                self.fields["groups"] = RoleChoiceField(
                    queryset=Group.objects.filter(name__in=[CADRES, TEAM_LEADERS]),
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                    label=_("Vai trò"),
                )

    def clean_full_name(self):
        return nfc(self.cleaned_data["full_name"])

    def clean_phone(self):
        phone = normalize_phone(self.cleaned_data.get("phone"))
        if phone and User.objects.filter(phone=phone).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(PHONE_TAKEN)
        return phone

    def clean_groups(self):
        groups = self.cleaned_data.get("groups")
        if self.for_user is not None and not sees_everything(self.for_user) and self.instance.pk:
            # Keep roles a manager cannot grant (Trainers, Managers) as they were.
            kept = self.instance.groups.exclude(name__in=[CADRES, TEAM_LEADERS])
            groups = list(groups or []) + list(kept)
        return groups


class PersonCreationForm(PersonFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = [*PERSON_FIELDS, "is_superuser", "groups"]
        widgets = {"groups": forms.CheckboxSelectMultiple}


class PersonEditForm(PersonFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        model = User
        fields = [*PERSON_FIELDS, "is_active", "is_superuser", "groups"]
        widgets = {"groups": forms.CheckboxSelectMultiple}
