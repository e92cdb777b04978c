"""Cadres' quiz views on the public site. Thin: each checks ownership and calls a service or a selector.

An attempt is reached only through its owner: another cadre's attempt id is a 404.
Taking, saving and submitting work as plain HTML forms; ``static/js/quiz.js`` only
adds autosave and a countdown.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import LOGGED_IN, access
from courses.models import StepCompletion
from courses.services import course_of

from . import selectors, services
from .grading import BadAnswers
from .models import Attempt, QuizPage


def _own_attempt(request, attempt_id) -> Attempt:
    return get_object_or_404(Attempt.objects.select_related("quiz"), pk=attempt_id, user=request.user)


# What grading reads of the quiz: a page row has some 40 columns, and compiling and reading them all
# was a good part of a submission's cost. Any other field loads on access (one query each).
SUBMIT_QUIZ_FIELDS = ("quiz__pass_mark", "quiz__path", "quiz__depth")


def _attempt_to_submit(request, attempt_id) -> Attempt:
    """The owner's attempt with the few quiz columns grading needs, and whether the quiz step is already done."""
    fields = [field.name for field in Attempt._meta.concrete_fields]
    return get_object_or_404(
        Attempt.objects.select_related("quiz")
        .only(*fields, *SUBMIT_QUIZ_FIELDS)
        .annotate(
            step_done=Exists(StepCompletion.objects.filter(user_id=OuterRef("user_id"), step_id=OuterRef("quiz_id")))
        ),
        pk=attempt_id,
        user=request.user,
    )


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _no_store(response):
    # The back button and shared phones must not show an attempt from the cache.
    response["Cache-Control"] = "no-store, private"
    return response


def _bad_answers(request, attempt: Attempt, error: BadAnswers):
    if _wants_json(request):
        return JsonResponse({"ok": False, "error": str(error.message)}, status=400)
    return _no_store(
        TemplateResponse(
            request, "quizzes/bad_answers.html", {"attempt": attempt, "message": error.message}, status=400
        )
    )


def _close_if_time_ran_out(attempt: Attempt) -> Attempt:
    if attempt.is_open and not attempt.accepts_answers_at(timezone.now()):
        services.attempt_expire(attempt_id=attempt.pk)
        attempt.refresh_from_db()
    return attempt


@access(LOGGED_IN)
@require_POST
def start(request, quiz_id):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    try:
        attempt = services.attempt_start(user=request.user, quiz=quiz)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(quiz.url)
    return redirect("quizzes:take", attempt.pk)


@access(LOGGED_IN)
@require_GET
def take(request, attempt_id):
    attempt = _close_if_time_ran_out(_own_attempt(request, attempt_id))
    if not attempt.is_open:
        if attempt.status == Attempt.Status.EXPIRED:
            messages.warning(request, _("Đã hết giờ làm bài. Hệ thống đã thu bài và chấm các câu trả lời đã lưu."))
        return redirect("quizzes:result", attempt.pk)
    context = selectors.take_context(attempt=attempt)
    context.update(quiz_page=attempt.quiz, course=course_of(attempt.quiz))
    return _no_store(TemplateResponse(request, "quizzes/take.html", context))


@access(LOGGED_IN)
@require_POST
def save(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    try:
        saved_at = services.attempt_save_answers(user=request.user, attempt=attempt, data=request.POST)
    except BadAnswers as error:
        return _bad_answers(request, attempt, error)
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse(
                {
                    "ok": False,
                    "error": " ".join(error.messages),
                    "result_url": reverse("quizzes:result", args=[attempt.pk]),
                },
                status=409,
            )
        messages.warning(request, " ".join(error.messages))
        return redirect("quizzes:result", attempt.pk)
    if _wants_json(request):
        return JsonResponse({"ok": True, "saved_at": timezone.localtime(saved_at).strftime("%H:%M:%S")})
    messages.success(request, _("Đã lưu bài làm. Bạn có thể làm tiếp hoặc nộp bài."))
    return redirect("quizzes:take", attempt.pk)


@access(LOGGED_IN)
@require_POST
def submit(request, attempt_id):
    attempt = _attempt_to_submit(request, attempt_id)
    try:
        attempt, graded_now = services.attempt_submit(user=request.user, attempt=attempt, data=request.POST)
    except BadAnswers as error:
        return _bad_answers(request, attempt, error)
    if not graded_now:
        messages.info(request, _("Bài làm này đã được nộp và chấm trước đó; kết quả không thay đổi."))
    elif attempt.late:
        messages.warning(
            request,
            _("Bạn nộp bài sau khi hết giờ: chỉ những câu trả lời đã lưu trước khi hết giờ được chấm."),
        )
    else:
        messages.success(request, _("Đã nộp bài."))
    return redirect("quizzes:result", attempt.pk)


@access(LOGGED_IN)
@require_GET
def result(request, attempt_id):
    attempt = _close_if_time_ran_out(_own_attempt(request, attempt_id))
    if attempt.is_open:
        return redirect("quizzes:take", attempt.pk)
    context = selectors.result_context(attempt=attempt)
    context["course"] = course_of(attempt.quiz)
    return _no_store(TemplateResponse(request, "quizzes/result.html", context))


@access(LOGGED_IN)
@require_GET
def history(request):
    services.attempts_close_expired(user=request.user)
    return _no_store(
        TemplateResponse(request, "quizzes/history.html", {"rows": selectors.my_attempts(user=request.user)})
    )
