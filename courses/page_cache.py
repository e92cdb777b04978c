"""What learner pages read of the page tree, cached until the tree changes.

Every step page needs its course and the course's live steps (titles, kinds, order, which are
required); they change only when a trainer publishes, unpublishes, moves, renames or deletes a
page. They are cached under a key that holds ``pages_version()``, a token replaced on each of
those signals (receivers below), so the next request after a publish reads the tree again.
The per-cadre part of a page (enrolment, completions) is never cached: it is read on every
request, so a completion shows at once.

Like Wagtail's own cache of site root paths, the token must be shared by every process that
serves pages (``CACHE_URL``, Redis); with the per-process memory cache, one process (``make
run``) is exact, several would each keep their own token.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .models import CoursePage, StepPage

VERSION_KEY = "kns:pages-version"
SECONDS = 24 * 3600

# The columns an outline shows or decides with; a page row has some 40, and compiling and reading them
# all was a good part of a step page's cost. Any other field loads on access (one query each).
OUTLINE_STEP_FIELDS = (
    "id", "title", "slug", "path", "depth", "url_path", "live", "content_type_id", "locale_id", "is_required",
)  # fmt: skip


def pages_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY) or "none"
    return version


def forget_pages() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def course_steps(course: CoursePage) -> tuple[str, list[StepPage]]:
    """The course's URL and its live steps in tree order (with ``OUTLINE_STEP_FIELDS`` only)."""
    key = f"kns:course-steps:{course.pk}:{pages_version()}"
    found = cache.get(key)
    if found is None:
        steps = list(StepPage.objects.child_of(course).live().order_by("path").only(*OUTLINE_STEP_FIELDS))
        found = (course.url or "", steps)
        cache.set(key, found, SECONDS)
    return found


def course_at(path: str) -> CoursePage:
    """The course page whose tree path is ``path`` (a step's parent); DoesNotExist if none."""
    key = f"kns:course-at:{path}:{pages_version()}"
    course = cache.get(key)
    if course is None:
        course = CoursePage.objects.get(path=path)
        cache.set(key, course, SECONDS)
    return course


def lesson_body(lesson, *, language: str) -> dict:
    """The live lesson's blocks rendered, its plain text and its word count (reading time), until the next publish.

    The block templates use nothing of the request or the user, so one rendering serves every cadre
    in a language. Images and documents saved or deleted replace the token too (their URLs are in it).
    """
    key = f"kns:lesson-body:{lesson.pk}:{language}:{pages_version()}"
    found = cache.get(key)
    if found is None:
        html = "".join(str(child.render_as_block()) for child in lesson.body)
        found = {"html": html, "plain_text": lesson.plain_text, "word_count": lesson.word_count}
        cache.set(key, found, SECONDS)
    return found


def course_head(course, *, language: str) -> dict:
    """The course page's own part (title, facts, cover, intro, outcomes) and its "save for offline" card,
    rendered, until the next publish.

    Like a lesson's blocks, they show nothing of the request or the cadre; rich text and the cover hold
    page, document and image URLs, so the key holds the page-tree token (replaced on every publish, move,
    rename, page save, and image or document saved or deleted) and the language.
    """
    from django.template.loader import render_to_string

    key = f"kns:course-head:{course.pk}:{language}:{pages_version()}"
    found = cache.get(key)
    if found is None:
        found = {
            "head": render_to_string("courses/includes/course_head.html", {"page": course}),
            "offline": render_to_string("courses/includes/offline_save.html", {"page": course}),
        }
        cache.set(key, found, SECONDS)
    return found


def outline_html(outline, *, language: str) -> str:
    """The course outline list (``courses/includes/outline.html``) rendered, shared by every cadre in the same state.

    The key holds everything the fragment shows: the tree (``pages_version()``), the language, the
    current step, whether the cadre is enrolled, and which steps are done and locked. A completion or an
    enrolment changes the key rather than dropping an entry, so nothing needs forgetting: the next page
    shows the new state at once. Cadres at the same point of a course share one rendering.
    """
    from django.template.loader import render_to_string

    current = next((row.step.pk for row in outline.rows if row.is_current), 0)
    state = ",".join(f"{row.step.pk}{'d' if row.done else ''}{'l' if row.locked else ''}" for row in outline.rows)
    digest = hashlib.sha1(state.encode(), usedforsecurity=False).hexdigest()
    key = f"kns:outline:{outline.course.pk}:{pages_version()}:{language}:{current}:{int(outline.is_enrolled)}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("courses/includes/outline.html", {"outline": outline})
        cache.set(key, html, SECONDS)
    return html


@receiver(page_published, dispatch_uid="courses.page_cache.published")
@receiver(page_unpublished, dispatch_uid="courses.page_cache.unpublished")
@receiver(post_page_move, dispatch_uid="courses.page_cache.moved")
@receiver(page_slug_changed, dispatch_uid="courses.page_cache.slug_changed")
def forget_pages_on_tree_change(sender, **kwargs):
    forget_pages()


@receiver(post_save, dispatch_uid="courses.page_cache.saved")
@receiver(post_delete, dispatch_uid="courses.page_cache.deleted")
def forget_pages_on_save_or_delete(sender, instance, **kwargs):
    # A page saved outside a publish (a draft, a setting changed in code) may change what is served:
    # the routes cache whole page rows (home.routing). A privacy setting changes who may see the
    # pages under it (courses.view_restrictions).
    if isinstance(instance, Page | PageViewRestriction):
        forget_pages()


@receiver(post_save, dispatch_uid="courses.page_cache.media_saved")
@receiver(post_delete, dispatch_uid="courses.page_cache.media_deleted")
def forget_pages_on_media_change(sender, instance, **kwargs):
    # A lesson's cached rendering holds image rendition and document URLs.
    if isinstance(instance, AbstractImage | AbstractDocument):
        forget_pages()
