"""Wagtail admin forms for people: one full name, optional e-mail, phone, unit, commune."""

from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from .models import User
from .roles import CADRES, ROLE_LABELS, TEAM_LEADERS
from .scopes import communes_in_scope, sees_everything, user_in_scope
from .text import nfc, normalize_phone

PERSON_FIELDS = ["username", "full_name", "phone", "email", "position", "unit", "commune"]
PHONE_TAKEN = _("Số điện thoại này đã được dùng cho một tài khoản khác.")
# Phones are unique, so any refusal says the number is not free. To someone who may not see the
# holder we say no more than that: no "taken", no name, the same words as for a number we cannot use.
PHONE_UNAVAILABLE = _("Không dùng được số điện thoại này. Hãy kiểm tra lại, hoặc nhờ quản trị viên hệ thống.")
# Only a superuser may grant these; a form built for anyone else (or for no one) never offers them.
PRIVILEGED_FIELDS = ("is_superuser", "is_staff", "user_permissions")


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, group):
        return ROLE_LABELS.get(group.name, group.name)


class PersonFormMixin:
    """Scopes the choices to the acting user: managers place people only in their communes, as cadres or leaders.

    Default deny: only a form built for a superuser offers the superuser flag, staff, permissions, and
    the Trainers and Managers roles. A view that builds the form without saying for whom (as Wagtail's
    generic copy view did) gets the narrowest form, with no commune to choose, not the widest.
    """

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        for name in ("first_name", "last_name"):
            self.fields.pop(name, None)
        self.fields["email"].required = False
        self.fields["full_name"].required = True
        if not self.grants_privileges:
            communes = communes_in_scope(for_user) if for_user is not None else self.fields["commune"].queryset.none()
            self.fields["commune"].queryset = communes.select_related("province")
            self.fields["commune"].required = True
            for name in PRIVILEGED_FIELDS:
                self.fields.pop(name, None)
            if "groups" in self.fields:
                self.fields["groups"] = RoleChoiceField(
                    queryset=Group.objects.filter(name__in=[CADRES, TEAM_LEADERS]),
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                    label=_("Vai trò"),
                )

    def clean_full_name(self):
        return nfc(self.cleaned_data["full_name"])

    @property
    def grants_privileges(self) -> bool:
        return self.for_user is not None and sees_everything(self.for_user)

    def clean_phone(self):
        phone = normalize_phone(self.cleaned_data.get("phone"))
        if not phone:
            return phone
        holder = User.objects.filter(phone=phone).exclude(pk=self.instance.pk).select_related("commune").first()
        if holder is not None:
            may_see = self.for_user is not None and user_in_scope(self.for_user, holder)
            raise forms.ValidationError(PHONE_TAKEN if may_see else PHONE_UNAVAILABLE)
        return phone

    def clean_groups(self):
        groups = self.cleaned_data.get("groups")
        if not self.grants_privileges and self.instance.pk:
            # Keep roles a manager cannot grant (Trainers, Managers) as they were.
            kept = self.instance.groups.exclude(name__in=[CADRES, TEAM_LEADERS])
            groups = list(groups or []) + list(kept)
        return groups

    def _post_clean(self):
        super()._post_clean()
        if not self.grants_privileges:
            # Belt and braces: whatever the POST said, a non-superuser's form never changes these.
            for name in ("is_superuser", "is_staff"):
                setattr(self.instance, name, self.initial_privileges.get(name, False))

    @property
    def initial_privileges(self) -> dict:
        if not hasattr(self, "_initial_privileges"):
            original = User.objects.filter(pk=self.instance.pk).values("is_superuser", "is_staff").first()
            self._initial_privileges = original or {}
        return self._initial_privileges


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
