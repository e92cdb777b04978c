"""Learner actions on the public site. Thin: each view checks input and calls a service or a selector."""

import uuid
from pathlib import Path

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST
from wagtail import hooks
from wagtail.models import Page

from accounts.access import LOGGED_IN, PUBLIC, access

from . import selectors, services
from .evidence import MAX_EVIDENCE_BYTES, TOO_LARGE
from .file_serving import file_response
from .forms import EvidenceForm, ReviewForm, SearchForm
from .models import CoursePage, Evidence, LessonPage, PracticePage
from .search import search_pages
from .selectors import my_learning
from .uploads import declared_too_large

# Oldest first, a screenful a page: a trainer reviews the whole country's queue.
REVIEW_PAGE_SIZE = 30


def _live(model, pk):
    return get_object_or_404(model.objects.live(), pk=pk)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@access(LOGGED_IN)
@require_POST
def enrol(request, course_id):
    course = _live(CoursePage, course_id)
    try:
        services.enrollment_create(user=request.user, course=course)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(course.url)
    messages.success(request, _("Bạn đã ghi danh khóa học “%(course)s”.") % {"course": course.title})
    first = services.live_steps(course).first()
    return redirect(first.url if first else course.url)


@access(LOGGED_IN)
@require_POST
def withdraw(request, course_id):
    course = _live(CoursePage, course_id)
    services.enrollment_withdraw(user=request.user, course=course)
    messages.info(request, _("Bạn đã rời khóa học. Kết quả đã học vẫn được giữ lại."))
    return redirect(course.url)


def _next_url(course, step):
    outline_next = services.live_steps(course).filter(path__gt=step.path).first()
    return outline_next.url if outline_next else course.url


@access(LOGGED_IN)
@require_POST
def lesson_complete(request, step_id):
    """ "Đã học xong": record the completion and go to the next step.

    A press made offline is queued by the service worker and sent again when the
    connection returns, perhaps more than once (two tabs, a retry after a lost
    answer). Each press carries an ``idempotency_key``; the completion itself is
    idempotent per (cadre, step), which the ``step_completion_once`` constraint
    guarantees, so replaying a key, or the same press under a new key, records
    one completion and sends the course-completed signal once. The key is checked
    for shape, not stored: nothing would be read back from it.
    """
    lesson = _live(LessonPage, step_id)
    key = request.POST.get("idempotency_key", "")
    if key and not _is_uuid(key):
        return HttpResponseBadRequest(_("Mã chống gửi trùng không hợp lệ."))
    course = services.course_of(lesson)
    services.step_complete(user=request.user, step=lesson)
    return redirect(_next_url(course, lesson))


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@access(LOGGED_IN)
@require_POST
def practice_check(request, step_id):
    practice = _live(PracticePage, step_id)
    try:
        ticked = [int(value) for value in request.POST.getlist("item")]
        services.practice_self_check(user=request.user, practice=practice, ticked=ticked)
    except ValueError:
        messages.error(request, _("Danh sách đánh dấu không hợp lệ."))
        return redirect(practice.url)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(practice.url)
    messages.success(request, _("Đã ghi nhận bài thực hành."))
    return redirect(_next_url(services.course_of(practice), practice))


@access(LOGGED_IN)
@csrf_exempt  # the token is checked below, once the declared size is known (checking it reads the body)
@require_POST
def evidence_submit(request, step_id):
    practice = _live(PracticePage, step_id)
    if declared_too_large(request, MAX_EVIDENCE_BYTES):
        # Refused from its Content-Length: the body is neither read nor written to disk.
        messages.error(request, TOO_LARGE)
        return redirect(practice.url)
    return _evidence_submit(request, practice)


@csrf_protect
def _evidence_submit(request, practice):
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(practice.url)
    try:
        services.evidence_submit(
            user=request.user, practice=practice, upload=form.cleaned_data["file"], note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(practice.url)
    messages.success(request, _("Đã nộp minh chứng. Tổ trưởng hoặc giảng viên sẽ xem và phản hồi."))
    return redirect(practice.url)


@access(LOGGED_IN)
@require_GET
def evidence_file(request, evidence_id):
    evidence = get_object_or_404(Evidence, pk=evidence_id)
    if not services.can_view_evidence(request.user, evidence):
        # Not found rather than forbidden: another cadre's evidence does not exist for you.
        raise Http404
    if not evidence.file:
        raise Http404  # deleted when its author was anonymised
    extension = evidence.file.name.rsplit(".", 1)[-1]
    return file_response(
        request,
        evidence.file,
        content_type=evidence.content_type,
        filename=f"minh-chung-{evidence.pk}.{extension}",
        inline=True,
        private=True,
    )


@access(LOGGED_IN)
@require_GET
def review_list(request):
    """Evidence waiting for this reviewer: their team members', or everyone's for trainers."""
    if not services.reviewer_has_team(request.user):
        raise PermissionDenied(_("Trang này dành cho tổ trưởng Tổ công nghệ số cộng đồng và giảng viên."))
    page = Paginator(selectors.evidence_awaiting(request.user), REVIEW_PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "courses/review_list.html", {"pending": page, "page": page, "form": ReviewForm()})


@access(LOGGED_IN)
@require_POST
def review_decide(request, evidence_id):
    evidence = get_object_or_404(Evidence, pk=evidence_id)
    if not services.can_review(request.user, evidence):
        raise Http404
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn duyệt hoặc trả lại."))
        return redirect("courses:review_list")
    try:
        services.evidence_review(
            reviewer=request.user,
            evidence=evidence,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("courses:review_list")
    messages.success(request, _("Đã lưu kết quả duyệt minh chứng của %(name)s.") % {"name": evidence.user.full_name})
    return redirect("courses:review_list")


@access(LOGGED_IN)
@require_GET
def my_learning_view(request):
    # Apps above courses add their panels (training sessions: blended) through a hook; each keeps to one query.
    panels = [mark_safe(hook(request)) for hook in hooks.get_hooks("kns_my_learning_panels")]  # noqa: S308
    return TemplateResponse(
        request, "courses/my_learning.html", {"rows": my_learning(user=request.user), "extra_panels": panels}
    )


@access(LOGGED_IN)
@require_GET
def continue_course(request, course_id):
    """Take the cadre back to where they left off in a course."""
    from .selectors import course_outline

    course = _live(CoursePage, course_id)
    outline = course_outline(course=course, user=request.user)
    return HttpResponseRedirect(outline.continue_row.url if outline.continue_row else course.url)


@access(PUBLIC)
@require_GET
def search(request):
    form = SearchForm(request.GET)
    results = []
    query = ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        pages = Page.objects.live().public().type(CoursePage, LessonPage)
        ids = [page.pk for page in search_pages(pages, query)[:30]]
        by_id = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
        results = [by_id[pk] for pk in ids if pk in by_id]
    return TemplateResponse(request, "courses/search.html", {"form": form, "query": query, "results": results})


@access(LOGGED_IN)
@require_GET
def offline_manifest_view(request, course_id):
    """What saving a course for offline reading would store, with sizes (read by static/js/offline.js)."""
    from .offline import offline_manifest

    course = _live(CoursePage, course_id)
    response = JsonResponse(offline_manifest(course=course, user=request.user))
    response["Cache-Control"] = "private, no-store"
    return response


@access(PUBLIC)
@require_GET
def service_worker(request):
    """The offline service worker, from our static files, allowed to control the whole site.

    A service worker controls only pages under its own URL unless the server
    says otherwise: lesson pages live in Wagtail's tree at the root, so this
    view adds ``Service-Worker-Allowed: /``. The script is never cached long,
    so a new version reaches phones on their next visit.
    """
    path = finders.find("js/sw.js")
    response = HttpResponse(Path(path).read_bytes(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@access(PUBLIC)
@require_GET
def offline_page(request):
    """What the service worker shows offline: a page not saved, or a "Đã học xong" kept to send later."""
    return TemplateResponse(request, "courses/offline.html", {"queued": request.GET.get("queued") == "1"})
