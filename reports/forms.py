"""Forms of the dashboard: setting a target, sending a reminder."""

from __future__ import annotations

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from localities.models import Commune, Province

from . import selectors, services
from .filters import DATE_FORMATS
from .models import Reminder, Target


def locality_choices(user, *, province_id: int | None = None) -> list[tuple[str, str]]:
    """Provinces of the user's scope, the communes of their commune scopes, and, when a province is
    named (the page the manager came from), its communes. Bounded: never every commune of the country."""
    scope = selectors.scope_of(user)
    provinces = Province.objects.current().order_by("name")
    if not scope.everything:
        provinces = provinces.filter(pk__in=scope.province_ids)
    choices = [(f"province:{pk}", f"{name}") for pk, name in provinces.values_list("pk", "name")]
    communes = Commune.objects.none()
    if scope.commune_ids and not scope.everything:
        communes = Commune.objects.current().filter(pk__in=scope.commune_ids)
    if province_id and (scope.everything or province_id in scope.province_ids):
        communes = communes | Commune.objects.current().filter(province_id=province_id)
    choices += [
        (f"commune:{pk}", f"{name} ({province})")
        for pk, name, province in communes.order_by("name").values_list("pk", "name", "province__name").distinct()
    ]
    return choices


class TargetForm(forms.Form):
    locality = forms.ChoiceField(label=_("Địa bàn"))
    course = forms.ChoiceField(label=_("Khóa học"), required=False)
    population = forms.ChoiceField(label=_("Đối tượng"), choices=Target.Population.choices)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.order_by("name"), required=False)
    measure = forms.ChoiceField(label=_("Chỉ tiêu"), choices=Target.Measure.choices)
    percent = forms.IntegerField(
        label=_("Tỷ lệ (%)"),
        error_messages={"invalid": services.TARGET_PERCENT, "required": services.TARGET_PERCENT},
    )
    due_date = forms.DateField(
        label=_("Hạn"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày phải theo dạng năm-tháng-ngày (2026-06-30) hoặc ngày/tháng/năm.")},
    )

    def __init__(self, *args, user, province_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["locality"].choices = locality_choices(user, province_id=province_id)
        self.fields["course"].choices = [("", _("Mọi khóa học"))] + [
            (str(key), title) for key, title in selectors.course_options()
        ]

    def clean_percent(self):
        value = self.cleaned_data["percent"]
        if not 1 <= value <= 100:
            raise forms.ValidationError(services.TARGET_PERCENT, code="range")
        return value

    def clean_due_date(self):
        value = self.cleaned_data["due_date"]
        if value < timezone.localdate():
            raise forms.ValidationError(services.TARGET_PAST, code="past")
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("population") == Target.Population.UNIT and not cleaned.get("unit"):
            self.add_error("unit", services.TARGET_NEEDS_UNIT)
        return cleaned

    def target_kwargs(self) -> dict:
        data = self.cleaned_data
        kind, _sep, pk = data["locality"].partition(":")
        kwargs = {
            "percent": data["percent"],
            "due_date": data["due_date"],
            "course_key": uuid.UUID(data["course"]) if data.get("course") else None,
            "population": data["population"],
            "unit": data.get("unit"),
            "measure": data["measure"],
        }
        if kind == "province":
            kwargs["province"] = Province.objects.get(pk=int(pk))
        else:
            kwargs["commune"] = Commune.objects.get(pk=int(pk))
        return kwargs


class ReminderForm(forms.Form):
    reason = forms.ChoiceField(label=_("Nhắc những ai"), choices=Reminder.Reason.choices, widget=forms.RadioSelect)
    course = forms.ChoiceField(label=_("Khóa học"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [("", _("Mọi khóa học"))] + [
            (str(key), title) for key, title in selectors.course_options()
        ]

    @property
    def course_key(self):
        value = self.cleaned_data.get("course")
        return uuid.UUID(value) if value else None
