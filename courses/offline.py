"""What "save this course for offline reading" stores: the course's lesson pages, and videos only if asked.

The service worker (``static/js/sw.js``) fetches each lesson page and the
pictures and stylesheet it links; videos and their light and audio-only copies
are listed with their sizes so the cadre can choose to add them. Practice tasks
and quizzes are not saved: they need the server (quiz taking stays online).
"""

from django.core.cache import cache
from wagtail.documents import get_document_model

from .models import CoursePage, LessonPage
from .page_weight import measured_key
from .selectors import course_outline

_VIDEO_FILES = ("video", "low_bandwidth", "audio")


def _video_document_ids(lesson: LessonPage) -> list[tuple[int, str, str]]:
    """(document id, file kind, video title) for each video file of the lesson, from the raw body."""
    found = []
    for child in lesson.body.raw_data:
        if child.get("type") != "video":
            continue
        value = child.get("value") or {}
        for kind in _VIDEO_FILES:
            if isinstance(value.get(kind), int):
                found.append((value[kind], kind, value.get("title", "")))
    return found


def offline_manifest(*, course: CoursePage, user) -> dict:
    """The lessons this cadre may open now (locked steps are left out), with sizes where known.

    A lesson's size is the weight last measured when it was shown (``courses.page_weight``);
    a lesson nobody has opened yet has none until it is saved.
    """
    outline = course_outline(course=course, user=user)
    open_ids = [row.step.pk for row in outline.rows if not row.locked]
    lessons = {lesson.pk: lesson for lesson in LessonPage.objects.live().filter(pk__in=open_ids)}
    ordered = [lessons[pk] for pk in open_ids if pk in lessons]
    measured = cache.get_many([measured_key(lesson.pk) for lesson in ordered])

    wanted = {lesson.pk: _video_document_ids(lesson) for lesson in ordered}
    document_ids = {doc_id for files in wanted.values() for doc_id, _kind, _title in files}
    documents = get_document_model().objects.in_bulk(document_ids)

    rows = []
    for lesson in ordered:
        videos = [
            {
                "url": documents[doc_id].url,
                "kind": kind,
                "title": title,
                "bytes": documents[doc_id].file_size or 0,
            }
            for doc_id, kind, title in wanted[lesson.pk]
            if doc_id in documents
        ]
        rows.append(
            {
                "id": lesson.pk,
                "title": lesson.title,
                "url": lesson.url,
                "bytes": measured.get(measured_key(lesson.pk)),
                "videos": videos,
            }
        )
    return {
        "course": {"id": course.pk, "title": course.title, "url": course.url},
        "lessons": rows,
        "pages_bytes": sum(row["bytes"] or 0 for row in rows),
        "videos_bytes": sum(video["bytes"] for row in rows for video in row["videos"]),
    }
