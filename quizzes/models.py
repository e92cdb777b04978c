"""Question banks, the quiz step and what cadres leave in it (attempts and their graded items).

A ``QuizPage`` is a course step (a subclass of ``courses.StepPage``). Each attempt
snapshots the questions it drew and the order of their choices, with opaque
per-attempt tokens that the form uses instead of database ids; correct flags and
explanations stay on the server until the attempt is graded (docs/quizzes.md).
"""

import datetime
import html
import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from accounts.access import LOGGED_IN
from courses.models import StepPage
from courses.search import fold
from localities.models import Commune

STEM_FEATURES = ["bold", "italic", "ol", "ul"]
EXPLANATION_FEATURES = ["bold", "italic", "ol", "ul"]
MAX_CHOICES = 8


def grace_seconds() -> int:
    """Seconds after the deadline during which answers are still accepted (network, slow phones)."""
    return int(getattr(settings, "KNS_QUIZ_GRACE_SECONDS", 15))


def html_text(value: str) -> str:
    """Rich text as one line of plain text, NFC: for listings, search, duplicates and exports."""
    text = strip_tags((value or "").replace("</p>", "</p>\n").replace("<br/>", "\n").replace("<br>", "\n"))
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines()]
    return html.unescape("\n".join(line for line in lines if line))


class QuestionBank(models.Model):
    name = models.CharField(_("tên ngân hàng"), max_length=200, unique=True)
    description = models.TextField(_("mô tả"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta:
        verbose_name = _("ngân hàng câu hỏi")
        verbose_name_plural = _("ngân hàng câu hỏi")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = " ".join(unicodedata.normalize("NFC", self.name).split())
        super().save(*args, **kwargs)


class QuestionCategory(models.Model):
    name = models.CharField(_("tên nhóm"), max_length=120, unique=True)

    panels = [FieldPanel("name")]

    class Meta:
        verbose_name = _("nhóm câu hỏi")
        verbose_name_plural = _("nhóm câu hỏi")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = " ".join(unicodedata.normalize("NFC", self.name).split())
        super().save(*args, **kwargs)


class Question(ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Một đáp án đúng")
        MULTIPLE = "multiple", _("Nhiều đáp án đúng")
        TRUE_FALSE = "true_false", _("Đúng / Sai")

    class Scoring(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", _("Đúng hết mới được điểm")
        PARTIAL = "partial", _("Tính điểm từng phần")

    bank = models.ForeignKey(
        QuestionBank, verbose_name=_("ngân hàng"), on_delete=models.PROTECT, related_name="questions"
    )
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("nhóm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    kind = models.CharField(_("loại câu hỏi"), max_length=16, choices=Kind.choices, default=Kind.SINGLE)
    scoring = models.CharField(
        _("cách chấm câu nhiều đáp án"),
        max_length=16,
        choices=Scoring.choices,
        default=Scoring.ALL_OR_NOTHING,
        help_text=_(
            "Chỉ áp dụng cho câu nhiều đáp án đúng. Từng phần: (số đáp án đúng đã chọn − số đáp án sai đã chọn) "
            "÷ số đáp án đúng, không âm."
        ),
    )
    stem = RichTextField(_("câu hỏi"), features=STEM_FEATURES)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hình minh họa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    explanation = RichTextField(
        _("giải thích"),
        features=EXPLANATION_FEATURES,
        help_text=_("Bắt buộc. Giải thích vì sao đáp án đúng là đúng; học viên chỉ thấy sau khi nộp bài."),
    )
    points = models.PositiveSmallIntegerField(
        _("số điểm"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    is_active = models.BooleanField(
        _("đang dùng"), default=True, help_text=_("Câu hỏi ngừng dùng không được rút vào bài làm mới.")
    )
    stem_text = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("bank"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("scoring"), FieldPanel("points")]),
        FieldPanel("stem"),
        FieldPanel("image"),
        InlinePanel(
            "choices",
            heading=_("Các lựa chọn"),
            label=_("Lựa chọn"),
            min_num=2,
            max_num=MAX_CHOICES,
            help_text=_("Câu Đúng / Sai có đúng hai lựa chọn: “Đúng” và “Sai”."),
        ),
        FieldPanel("explanation"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["bank__name", "pk"]
        indexes = [models.Index(fields=["bank", "is_active"])]

    def __str__(self):
        return Truncator(self.stem_text or html_text(self.stem)).chars(90)

    @property
    def is_multiple(self) -> bool:
        return self.kind == self.Kind.MULTIPLE

    def save(self, *args, **kwargs):
        self.stem = unicodedata.normalize("NFC", self.stem or "")
        self.explanation = unicodedata.normalize("NFC", self.explanation or "")
        self.stem_text = html_text(self.stem)
        self.search_text = fold(self.stem_text)
        if self.kind != self.Kind.MULTIPLE:
            self.scoring = self.Scoring.ALL_OR_NOTHING
        super().save(*args, **kwargs)


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("nội dung lựa chọn"), max_length=500)
    is_correct = models.BooleanField(_("là đáp án đúng"), default=False)

    panels = [FieldPanel("text"), FieldPanel("is_correct")]

    class Meta(Orderable.Meta):
        verbose_name = _("lựa chọn")
        verbose_name_plural = _("lựa chọn")

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        self.text = " ".join(unicodedata.normalize("NFC", self.text or "").split())
        super().save(*args, **kwargs)


class ReviewPolicy(models.TextChoices):
    NOTHING = "nothing", _("Không cho xem lại (chỉ báo đạt hay chưa đạt)")
    SCORE = "score", _("Chỉ xem điểm")
    AFTER_SUBMIT = "after_submit", _("Xem đáp án và giải thích ngay sau khi nộp")
    AFTER_PASS = "after_pass", _("Xem đáp án và giải thích sau khi đã đạt")
    AFTER_CLOSE = "after_close", _("Xem đáp án và giải thích sau ngày đóng bài kiểm tra")


class QuizPage(StepPage):
    """A course step: draws questions from banks for each attempt, grades on the server."""

    access_rule = LOGGED_IN

    intro = RichTextField(_("hướng dẫn làm bài"), blank=True, features=["bold", "italic", "ol", "ul"])
    banks = ParentalManyToManyField(QuestionBank, verbose_name=_("rút câu hỏi từ ngân hàng"), related_name="quizzes")
    categories = ParentalManyToManyField(
        QuestionCategory,
        verbose_name=_("chỉ các nhóm"),
        blank=True,
        related_name="quizzes",
        help_text=_("Để trống: rút từ mọi nhóm của các ngân hàng đã chọn."),
    )
    question_count = models.PositiveSmallIntegerField(
        _("số câu mỗi lần làm"), default=10, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("điểm đạt (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    time_limit_seconds = models.PositiveIntegerField(
        _("thời gian làm bài (giây)"), default=15 * 60, help_text=_("0 là không giới hạn thời gian.")
    )
    attempt_limit = models.PositiveSmallIntegerField(
        _("số lần làm tối đa"), default=3, help_text=_("0 là không giới hạn số lần.")
    )
    min_wait_seconds = models.PositiveIntegerField(
        _("thời gian chờ giữa hai lần làm (giây)"), default=0, help_text=_("0 là được làm lại ngay.")
    )
    opens_at = models.DateTimeField(_("mở từ"), null=True, blank=True)
    closes_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    review_policy = models.CharField(
        _("xem lại bài làm"), max_length=16, choices=ReviewPolicy.choices, default=ReviewPolicy.AFTER_SUBMIT
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("banks", widget=forms.CheckboxSelectMultiple),
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("question_count"),
            ],
            heading=_("Câu hỏi"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("time_limit_seconds"),
                FieldPanel("attempt_limit"),
                FieldPanel("min_wait_seconds"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("review_policy"),
            ],
            heading=_("Quy định làm bài"),
        ),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    is_creatable = True

    class Meta:
        verbose_name = _("bài kiểm tra")
        verbose_name_plural = _("bài kiểm tra")

    step_kind_label = _("Bài kiểm tra")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Ngày đóng phải sau ngày mở.")})

    @property
    def time_limit(self) -> datetime.timedelta | None:
        return datetime.timedelta(seconds=self.time_limit_seconds) if self.time_limit_seconds else None

    def is_open_at(self, when) -> bool:
        return (self.opens_at is None or self.opens_at <= when) and (self.closes_at is None or when < self.closes_at)

    def serve(self, request, *args, **kwargs):
        # On the next visit, an attempt whose time ran out is closed and graded, and a pass that
        # could not complete the step (the cadre had left the course) completes it now.
        if request.user.is_authenticated and not getattr(request, "is_preview", False):
            from .services import quiz_visit

            quiz_visit(user=request.user, quiz=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .selectors import quiz_state

        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            # A trainer's preview (perhaps of a page not saved yet): no attempts to show.
            from .selectors import QuizState

            context["quiz"] = QuizState(quiz=self)
        else:
            context["quiz"] = quiz_state(quiz=self, user=request.user)
        return context


class Attempt(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Đang làm")
        SUBMITTED = "submitted", _("Đã nộp")
        EXPIRED = "expired", _("Hết giờ, hệ thống tự thu bài")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("học viên"), on_delete=models.PROTECT, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(
        QuizPage, verbose_name=_("bài kiểm tra"), on_delete=models.PROTECT, related_name="attempts"
    )
    course_key = models.UUIDField(db_index=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("xã, phường khi làm bài"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.PositiveSmallIntegerField(_("lần làm"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.OPEN)
    started_at = models.DateTimeField(_("bắt đầu"), default=timezone.now)
    deadline = models.DateTimeField(_("hạn nộp"), null=True, blank=True)
    last_saved_at = models.DateTimeField(null=True, blank=True)
    # When the cadre's work ended (their submission, or the deadline for an attempt the server closed).
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True, db_index=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField(_("nộp muộn"), default=False)
    # [{"q": question id, "t": question token, "m": multiple?, "c": [[choice id, choice token], ...]}, ...]
    snapshot = models.JSONField(default=list)
    # {"<question id>": [choice id, ...]}: server-side ids; the form speaks tokens only.
    answers = models.JSONField(default=dict, blank=True)
    score = models.DecimalField(_("điểm (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    points_earned = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    points_possible = models.PositiveIntegerField(null=True, blank=True)
    passed = models.BooleanField(_("đạt"), default=False)

    class Meta:
        verbose_name = _("lần làm bài")
        verbose_name_plural = _("lần làm bài")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz"], condition=Q(status="open"), name="quiz_attempt_one_open_per_user"
            ),
            models.UniqueConstraint(fields=["user", "quiz", "number"], name="quiz_attempt_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="quiz_attempt_number_positive"),
            models.CheckConstraint(
                condition=Q(status="open") | (Q(score__isnull=False) & Q(submitted_at__isnull=False)),
                name="quiz_attempt_graded_has_score",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)),
                name="quiz_attempt_score_percent",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["commune", "course_key"]),
        ]

    def __str__(self):
        return f"{self.user} – {self.quiz_id} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_graded(self) -> bool:
        return self.status != self.Status.OPEN

    def accepts_answers_at(self, when) -> bool:
        return self.deadline is None or when <= self.deadline + datetime.timedelta(seconds=grace_seconds())

    def remaining_seconds(self, when) -> int | None:
        if self.deadline is None:
            return None
        return max(0, int((self.deadline - when).total_seconds()))

    @property
    def question_count(self) -> int:
        return len(self.snapshot or [])


class AttemptItem(models.Model):
    """One graded question of an attempt: what was chosen and the credit it earned (item analysis)."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="attempt_items")
    position = models.PositiveSmallIntegerField()
    selected = models.JSONField(default=list)
    credit = models.DecimalField(max_digits=5, decimal_places=4)
    correct = models.BooleanField()

    class Meta:
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="quiz_item_once_per_attempt")]
        indexes = [models.Index(fields=["question", "correct"])]

    def __str__(self):
        return f"{self.attempt_id}/{self.position}"
