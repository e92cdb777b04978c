"""Trainers' side of quizzes in the Wagtail admin: question banks, import and export, item analysis.

Question banks are course content, not data about a commune, so these views are
for the Trainers role (and superusers), not scoped by locality. Every view class
the ViewSets build carries that rule and enforces it before Wagtail's own model
permission checks (``accounts.access``); the URL guard test walks them.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log

from accounts.access import access, enforce, role
from accounts.roles import TRAINERS, has_role
from accounts.text import ascii_slug, content_disposition
from courses.search import fold

from . import selectors, spreadsheets
from .models import Question, QuestionBank, QuestionCategory, QuizPage
from .questions import question_problems

TRAINER_RULE = role(TRAINERS, admin=True)


class RoleViewMixin:
    access_rule = None

    def dispatch(self, request, *args, **kwargs):
        refused = enforce(self.access_rule, request)
        return refused or super().dispatch(request, *args, **kwargs)


class TrainerModelViewSet(ModelViewSet):
    """A ModelViewSet whose every view carries and enforces the Trainers rule."""

    access_rule = TRAINER_RULE

    def construct_view(self, view_class, **kwargs):
        guarded = type(
            f"Trainer{view_class.__name__}",
            (RoleViewMixin, view_class),
            {"access_rule": self.access_rule, "__module__": type(self).__module__},
        )
        return super().construct_view(guarded, **kwargs)


class ProtectedDeleteView(DeleteView):
    """Refuses, with a message, to delete what learners' history still points to."""

    def protected_reason(self) -> str:
        return ""

    def dispatch(self, request, *args, **kwargs):
        reason = self.protected_reason()
        if reason:
            messages.error(request, reason)
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)


# --- Questions ------------------------------------------------------------------------------------


class QuestionForm(WagtailAdminModelForm):
    """Checks the question with its choices as a whole (one rule set with the import)."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("choices")
        if formset is None or not formset.is_valid():
            return cleaned
        choices = [
            (form.cleaned_data.get("text", ""), bool(form.cleaned_data.get("is_correct")))
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("text")
        ]
        for problem in question_problems(
            kind=cleaned.get("kind", ""),
            stem=cleaned.get("stem", ""),
            explanation=cleaned.get("explanation", ""),
            choices=choices,
        ):
            self.add_error(None, problem)
        return cleaned


class QuestionIndexView(IndexView):
    def search_queryset(self, queryset):
        # Vietnamese with or without marks: the stem is indexed ASCII-folded (courses.search.fold).
        if not self.is_searching:
            return queryset
        return queryset.filter(search_text__icontains=fold(self.search_query))

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        bank = self.request.GET.get("bank", "")
        suffix = f"&bank={bank}" if bank.isdigit() else ""
        buttons += [
            Button(_("Nhập câu hỏi từ tệp"), url=reverse("quiz_questions:import"), icon_name="upload", priority=10),
            Button(
                _("Xuất CSV"),
                url=reverse("quiz_questions:export") + "?format=csv" + suffix,
                icon_name="download",
                priority=20,
            ),
            Button(
                _("Xuất XLSX"),
                url=reverse("quiz_questions:export") + "?format=xlsx" + suffix,
                icon_name="download",
                priority=30,
            ),
        ]
        return buttons


class QuestionDeleteView(ProtectedDeleteView):
    def protected_reason(self) -> str:
        question = Question.objects.filter(pk=self.kwargs.get("pk")).first()
        if question is not None and question.attempt_items.exists():
            return _(
                "Không thể xóa câu hỏi đã có người làm: kết quả cũ vẫn cần đến nó. "
                "Hãy bỏ đánh dấu “đang dùng” để câu hỏi không được rút vào bài làm mới."
            )
        return ""


class ImportForm(forms.Form):
    bank = forms.ModelChoiceField(label=gettext_lazy("Nhập vào ngân hàng"), queryset=QuestionBank.objects.all())
    file = forms.FileField(
        label=gettext_lazy("Tệp CSV hoặc XLSX"),
        help_text=gettext_lazy(
            "Cột: nhom, loai, cach_cham, cau_hoi, lua_chon_1 … lua_chon_8, dap_an, giai_thich, diem. "
            "Tệp xuất ra từ đây dùng được làm mẫu. Có dòng sai thì không câu nào được nhập."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    dry_run = forms.BooleanField(label=gettext_lazy("Chỉ kiểm tra, chưa nhập"), required=False)


@access(TRAINER_RULE)
class QuestionImportView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportForm
    template_name = "quizzes/admin/import.html"
    page_title = gettext_lazy("Nhập câu hỏi từ tệp")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quiz_questions:index"), "label": _("Câu hỏi")},
            {"url": "", "label": self.get_page_title()},
        ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("quizzes.add_question"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        bank = form.cleaned_data["bank"]
        upload = form.cleaned_data["file"]
        try:
            rows = spreadsheets.read_rows(upload, upload.name)
        except spreadsheets.ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        result = spreadsheets.questions_import(bank=bank, rows=rows, dry_run=form.cleaned_data["dry_run"])
        if not result.ok:
            return self.render_to_response(self.get_context_data(form=form, result=result))
        if form.cleaned_data["dry_run"]:
            messages.success(
                self.request, _("Tệp hợp lệ: %(count)d câu hỏi sẵn sàng để nhập.") % {"count": result.created}
            )
            return self.render_to_response(self.get_context_data(form=form, result=result))
        log(
            instance=bank,
            action="quizzes.import_questions",
            user=self.request.user,
            data={"count": result.created, "file": upload.name[:200]},
        )
        messages.success(
            self.request,
            _("Đã nhập %(count)d câu hỏi vào ngân hàng “%(bank)s”.") % {"count": result.created, "bank": bank.name},
        )
        return redirect(reverse("quiz_questions:index") + f"?bank={bank.pk}")


@access(TRAINER_RULE)
def question_export(request):
    if not request.user.has_perm("quizzes.view_question"):
        raise PermissionDenied
    questions = Question.objects.all()
    bank_id = request.GET.get("bank", "")
    name = "cau-hoi"
    if bank_id.isdigit():
        bank = get_object_or_404(QuestionBank, pk=bank_id)
        questions = questions.filter(bank=bank)
        name = "-".join(part for part in ("cau-hoi", ascii_slug(bank.name, limit=60), str(bank.pk)) if part)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            spreadsheets.export_xlsx(questions),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = content_disposition(f"{name}-{stamp}.xlsx")
    else:
        response = HttpResponse(spreadsheets.export_csv(questions), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition(f"{name}-{stamp}.csv")
    response["Cache-Control"] = "private, no-store"
    return response


class QuestionViewSet(TrainerModelViewSet):
    model = Question
    icon = "help"
    menu_label = gettext_lazy("Câu hỏi")
    menu_order = 100
    index_view_class = QuestionIndexView
    delete_view_class = QuestionDeleteView
    list_display = [
        Column("__str__", label=gettext_lazy("Câu hỏi")),
        "bank",
        "category",
        "kind",
        # A tick or a cross titled in words (templates/wagtailadmin/tables/boolean_cell.html), not "True".
        BooleanColumn("is_active", label=Question._meta.get_field("is_active").verbose_name),
    ]
    list_filter = ["bank", "category", "kind", "is_active"]
    search_fields = ["search_text"]
    inspect_view_enabled = False
    copy_view_enabled = True

    edit_handler = ObjectList(Question.panels, base_form_class=QuestionForm)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", QuestionImportView.as_view(), name="import"),
            path("export/", question_export, name="export"),
        ]


class BankDeleteView(ProtectedDeleteView):
    def protected_reason(self) -> str:
        if Question.objects.filter(bank_id=self.kwargs.get("pk")).exists():
            return _("Không thể xóa ngân hàng còn câu hỏi. Hãy chuyển hoặc xóa các câu hỏi trước.")
        return ""


class QuestionBankIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(question_count=Count("questions"))


class QuestionBankViewSet(TrainerModelViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Ngân hàng câu hỏi")
    menu_order = 200
    index_view_class = QuestionBankIndexView
    delete_view_class = BankDeleteView
    list_display = ["name", Column("question_count", label=gettext_lazy("Số câu hỏi")), "created_at"]
    search_fields = ["name"]
    form_fields = ["name", "description"]
    copy_view_enabled = False


class QuestionCategoryViewSet(TrainerModelViewSet):
    model = QuestionCategory
    icon = "tag"
    menu_label = gettext_lazy("Nhóm câu hỏi")
    menu_order = 300
    list_display = ["name"]
    search_fields = ["name"]
    form_fields = ["name"]
    copy_view_enabled = False


# --- Results: item analysis -----------------------------------------------------------------------


class ResultsBaseView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("quizzes.view_attempt"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@access(TRAINER_RULE)
class QuizResultsIndexView(ResultsBaseView):
    template_name = "quizzes/admin/results_index.html"
    page_title = gettext_lazy("Kết quả bài kiểm tra")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summaries"] = selectors.quiz_summaries()
        return context


@access(TRAINER_RULE)
class ItemAnalysisView(ResultsBaseView):
    template_name = "quizzes/admin/item_analysis.html"
    page_title = gettext_lazy("Phân tích câu hỏi")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.quiz = get_object_or_404(QuizPage, pk=kwargs["quiz_id"])

    def get_page_subtitle(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quiz_results:index"), "label": _("Kết quả bài kiểm tra")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["analysis"] = selectors.item_analysis(quiz=self.quiz)
        context["min_attempts"] = selectors.MIN_ATTEMPTS_FOR_DISCRIMINATION
        return context


class TrainerMenuItem(MenuItem):
    def is_shown(self, request):
        return has_role(request.user, TRAINERS) and request.user.has_perm("quizzes.view_attempt")


class QuizResultsViewSet(ViewSet):
    icon = "table"
    menu_label = gettext_lazy("Kết quả, phân tích câu hỏi")
    menu_order = 400
    menu_item_class = TrainerMenuItem

    def get_urlpatterns(self):
        return [
            path("", QuizResultsIndexView.as_view(), name="index"),
            path("<int:quiz_id>/", ItemAnalysisView.as_view(), name="analysis"),
        ]


class QuizzesViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Bài kiểm tra")
    menu_icon = "help"
    menu_order = 220
    items = (
        QuestionViewSet("quiz_questions"),
        QuestionBankViewSet("quiz_banks"),
        QuestionCategoryViewSet("quiz_categories"),
        QuizResultsViewSet("quiz_results"),
    )
