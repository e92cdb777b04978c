"""Admin forms: the course-to-template link, revoking, bulk reissue and ZIP exports."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.scopes import communes_in_scope
from courses.models import CoursePage
from localities.models import Commune

from .models import Certificate, CertificateTemplate


def course_choices() -> list[tuple[str, str]]:
    """One entry per course (a course copied as a new version keeps its key): the newest title."""
    seen: dict[str, str] = {}
    for key, title in CoursePage.objects.order_by("-latest_revision_created_at", "-pk").values_list(
        "course_key", "title"
    ):
        seen.setdefault(str(key), title)
    return sorted(seen.items(), key=lambda item: item[1])


class CourseChoiceField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(coerce=uuid.UUID, choices=course_choices, **kwargs)


class CourseCertificateForm(WagtailAdminModelForm):
    course_key = CourseChoiceField(label=_("Khóa học"))

    def clean_course_key(self):
        key = self.cleaned_data["course_key"]
        clash = type(self.instance).objects.filter(course_key=key).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Khóa học này đã được chọn mẫu; hãy sửa dòng đã có."))
        return key

    def save(self, commit=True):
        titles = dict(course_choices())
        self.instance.course_title = titles.get(str(self.cleaned_data["course_key"]), "")
        return super().save(commit=commit)


class RevokeForm(forms.Form):
    reason = forms.ChoiceField(label=_("Lý do thu hồi"), choices=[("", "—"), *Certificate.RevokeReason.choices])
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Chỉ người quản lý thấy ghi chú này; trang kiểm tra công khai chỉ ghi loại lý do."),
    )


class BulkReissueForm(forms.Form):
    course_key = forms.TypedChoiceField(
        label=_("Khóa học"), coerce=uuid.UUID, required=False, empty_value=None, choices=()
    )
    template = forms.ModelChoiceField(
        label=_("hoặc mẫu chứng nhận"), queryset=CertificateTemplate.objects.all(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course_key"].choices = [("", "—"), *course_choices()]

    def clean(self):
        data = super().clean()
        if (data.get("course_key") is None) == (data.get("template") is None):
            raise forms.ValidationError(_("Hãy chọn một khóa học hoặc một mẫu chứng nhận (chỉ một trong hai)."))
        return data


class ZipExportForm(forms.Form):
    commune = forms.ModelChoiceField(label=_("Xã, phường"), queryset=Commune.objects.none())
    course_key = forms.TypedChoiceField(
        label=_("Khóa học"),
        coerce=uuid.UUID,
        required=False,
        empty_value=None,
        choices=(),
        help_text=_("Để trống để lấy chứng nhận của mọi khóa học."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes_in_scope(user).order_by("name")
        self.fields["course_key"].choices = [("", "—"), *course_choices()]
