"""Lesson videos seek on a phone: documents and private files answer Range requests (206) with the right bytes."""

import os

import pytest
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from courses.models import Evidence, LessonPage
from tests.courses.builders import build_course

pytestmark = pytest.mark.django_db

SIZE = 100_000


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def data():
    return os.urandom(SIZE)


def make_document(data, name="bai-1.mp4", collection=None):
    fields = {"collection": collection} if collection else {}
    document = Document(title=name, file=ContentFile(data, name=name), **fields)
    document.file_size = len(data)
    document.save()
    return document


def get(client, url, range_header=None, **headers):
    if range_header:
        headers["HTTP_RANGE"] = range_header
    # A phone's browser says it takes gzip: a compressed answer would break the byte offsets.
    return client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br", **headers)


def test_whole_video_is_inline_and_says_it_takes_ranges(client, data):
    document = make_document(data)
    response = get(client, document.url)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Length"] == str(SIZE)
    assert response["Content-Disposition"].startswith("inline")
    assert "Content-Encoding" not in response
    assert body(response) == data


def test_middle_range_gets_206_and_exactly_those_bytes(client, data):
    document = make_document(data)
    response = get(client, document.url, "bytes=1000-1999")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-1999/{SIZE}"
    assert response["Content-Length"] == "1000"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Disposition"].startswith("inline")
    assert body(response) == data[1000:2000]


def test_open_ended_range_gets_the_rest_of_the_file(client, data):
    document = make_document(data)
    response = get(client, document.url, "bytes=60000-")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 60000-{SIZE - 1}/{SIZE}"
    assert body(response) == data[60000:]


def test_suffix_and_overlong_ranges_are_clipped_to_the_file(client, data):
    document = make_document(data)
    response = get(client, document.url, "bytes=-500")
    assert (response.status_code, body(response)) == (206, data[-500:])
    response = get(client, document.url, "bytes=99990-250000")
    assert response["Content-Range"] == f"bytes 99990-{SIZE - 1}/{SIZE}"
    assert body(response) == data[99990:]


def test_range_past_the_end_is_416_with_the_size(client, data):
    document = make_document(data)
    response = get(client, document.url, f"bytes={SIZE}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert body(response) == b""


def test_several_ranges_or_a_changed_file_get_the_whole_file(client, data):
    document = make_document(data)
    response = get(client, document.url, "bytes=0-9,20-29")
    assert (response.status_code, body(response)) == (200, data)
    response = get(client, document.url, "bytes=0-9", HTTP_IF_RANGE='"not-this-version"')
    assert (response.status_code, body(response)) == (200, data)


def test_head_says_the_size_without_the_bytes(client, data):
    document = make_document(data)
    response = client.head(document.url, HTTP_RANGE="bytes=10-19")
    assert response.status_code == 206
    assert response["Content-Length"] == "10"
    assert body(response) == b""


def test_light_and_audio_copies_are_served_the_same_way(client, data):
    audio = make_document(data, name="bai-1-chi-tieng.mp3")
    response = get(client, audio.url, "bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert body(response) == data[100:200]


def test_other_documents_still_download_as_attachments(client, data):
    sheet = make_document(data, name="mau-bao-cao.xlsx")
    response = get(client, sheet.url, "bytes=0-99")
    assert response.status_code == 206
    assert response["Content-Disposition"].startswith("attachment")


def test_private_video_needs_its_collection_login_then_seeks(client, world, data):
    private = Collection.get_first_root_node().add_child(name="Video nội bộ")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document = make_document(data, name="noi-bo.mp4", collection=private)

    refused = get(client, document.url, "bytes=0-99")
    assert refused.status_code == 302
    assert "login" in refused["Location"]

    client.force_login(world.cadre)
    response = get(client, document.url, "bytes=5000-")
    assert response.status_code == 206
    assert body(response) == data[5000:]


def test_private_evidence_answers_ranges_to_its_owner_only(client, world, data):
    course, steps = build_course(lessons=1, practice="evidence")
    evidence = Evidence(
        user=world.cadre, step=steps[1], content_type="application/pdf", original_name="a.pdf", size=SIZE
    )
    evidence.file.save("a.pdf", ContentFile(data), save=False)
    evidence.save()
    url = reverse("courses:evidence_file", args=[evidence.pk])

    client.force_login(world.cadre)
    response = get(client, url, "bytes=2000-2999")
    assert response.status_code == 206
    assert response["Cache-Control"] == "private, no-store"
    assert body(response) == data[2000:3000]

    other = type(world.cadre).objects.create(username="nguoi_khac", full_name="Người Khác")
    client.force_login(other)
    assert get(client, url, "bytes=2000-2999").status_code == 404


def test_lesson_shows_the_video_with_poster_size_and_type_before_playing(client, world, data):
    from courses import services

    document = make_document(data)
    course, steps = build_course(lessons=1)
    lesson = LessonPage.objects.get(pk=steps[0].pk)
    lesson.body = [
        {"type": "video", "value": {"title": "Kích hoạt VNeID", "video": document.pk, "duration_seconds": 185}}
    ]
    lesson.save_revision().publish()
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)

    page = client.get(lesson.url).content.decode()
    assert f'<source src="{document.url}" type="video/mp4">' in page
    assert 'preload="none"' in page
    assert "poster=" in page
    assert f"3:05 · {filesizeformat(SIZE)}" in page


def test_a_video_without_a_recorded_size_shows_it_and_writes_nothing(client, world, data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses import services

    document = make_document(data)
    Document.objects.filter(pk=document.pk).update(file_size=None)  # an old upload, size never recorded
    course, steps = build_course(lessons=1)
    lesson = LessonPage.objects.get(pk=steps[0].pk)
    lesson.body = [{"type": "video", "value": {"title": "Bài cũ", "video": document.pk, "duration_seconds": 60}}]
    lesson.save_revision().publish()
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    client.get(lesson.url)  # the first visit remembers the step (one write of the enrolment)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(lesson.url).content.decode()

    assert f"1:00 · {filesizeformat(SIZE)}" in page
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]
    assert writes == []
    assert Document.objects.get(pk=document.pk).file_size is None
