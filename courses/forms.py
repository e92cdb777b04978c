from django import forms
from django.utils.translation import gettext_lazy as _

from .evidence import MAX_EVIDENCE_BYTES


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Ảnh hoặc tệp PDF minh chứng"),
        help_text=_("JPEG, PNG, HEIC hoặc PDF, tối đa %(mb)s MB. Thông tin vị trí trong ảnh sẽ được xóa.")
        % {"mb": MAX_EVIDENCE_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/heic,application/pdf"}),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Duyệt")), ("return", _("Trả lại"))])
    comment = forms.CharField(
        label=_("Nhận xét"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm khóa học, bài học"), max_length=200, required=False)
