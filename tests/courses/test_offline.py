"""Offline reading, server side: what a saved course holds, the service worker's scope, replays recorded once,
and the page weight the cadre is shown."""

import gzip
import io
import re
import uuid

import pytest
from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image

from courses import services
from courses.models import LessonPage, StepCompletion
from courses.signals import course_completed
from tests.courses.builders import LESSON_BODY, build_course

pytestmark = pytest.mark.django_db


def test_service_worker_is_served_from_our_static_file_for_the_whole_site(client):
    response = client.get(reverse("courses:service_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    with open(finders.find("js/sw.js"), "rb") as source:
        assert response.content == source.read()


def test_saved_course_lists_open_lessons_only_with_video_sizes(client, world):
    course, steps = build_course(lessons=2, practice="self_check", sequential=True)
    services.enrollment_create(user=world.cadre, course=course)
    url = reverse("courses:offline_manifest", args=[course.pk])

    assert client.get(url).status_code == 302  # a login first

    client.force_login(world.cadre)
    manifest = client.get(url).json()
    # In order: only the first lesson is open; the practice task is never saved.
    assert [lesson["url"] for lesson in manifest["lessons"]] == [steps[0].url]
    assert manifest["course"]["url"] == course.url

    services.step_complete(user=world.cadre, step=LessonPage.objects.get(pk=steps[0].pk))
    client.get(steps[0].url)  # shown once: its weight is measured
    manifest = client.get(url).json()
    assert [lesson["url"] for lesson in manifest["lessons"]] == [steps[0].url, steps[1].url]
    assert manifest["lessons"][0]["bytes"] > 1000
    assert manifest["lessons"][1]["bytes"] is None  # never shown yet


def _form(html: str) -> dict:
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', html).group(1)
    return {"csrfmiddlewaretoken": token, "idempotency_key": key}


def test_a_replayed_press_with_its_csrf_token_records_one_completion(world):
    course, steps = build_course(lessons=1)
    services.enrollment_create(user=world.cadre, course=course)
    # The real CSRF check, as the service worker meets it when it sends a queued press.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.cadre)
    lesson_html = browser.get(steps[0].url).content.decode()
    form = _form(lesson_html)
    assert uuid.UUID(form["idempotency_key"])

    completed = []

    def count(sender, **kwargs):
        completed.append(kwargs["course"].pk)

    course_completed.connect(count)
    try:
        url = reverse("courses:lesson_complete", args=[steps[0].pk])
        first = browser.post(url, form)
        completion = StepCompletion.objects.get(user=world.cadre)
        replay = browser.post(url, form)  # the same press, sent again (two tabs, a lost answer)
        other_key = browser.post(url, {**form, "idempotency_key": str(uuid.uuid4())})
    finally:
        course_completed.disconnect(count)

    assert (first.status_code, replay.status_code, other_key.status_code) == (302, 302, 302)
    assert first["Location"] == replay["Location"] == course.url
    assert StepCompletion.objects.filter(user=world.cadre).count() == 1
    assert StepCompletion.objects.get(user=world.cadre).completed_at == completion.completed_at
    assert completed == [course.pk]  # the course completed once, the certificate is asked for once


def test_a_press_without_a_valid_token_or_key_records_nothing(world):
    course, steps = build_course(lessons=1)
    services.enrollment_create(user=world.cadre, course=course)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.cadre)
    form = _form(browser.get(steps[0].url).content.decode())
    url = reverse("courses:lesson_complete", args=[steps[0].pk])

    assert browser.post(url, {**form, "csrfmiddlewaretoken": "x" * 64}).status_code == 403
    response = browser.post(url, {**form, "idempotency_key": "không-phải-mã"})
    assert response.status_code == 400
    assert not StepCompletion.objects.filter(user=world.cadre).exists()


def _shown_weight_kb(html: str) -> float:
    figure = re.search(r"Dung lượng trang: ([\d,.]+)\xa0(KB|MB|bytes)", html)
    assert figure, "no page weight on the lesson"
    number = float(figure.group(1).replace(",", "."))
    return {"KB": number, "MB": number * 1024, "bytes": number / 1024}[figure.group(2)]


def test_page_weight_is_what_the_page_and_its_assets_transfer(client, world):
    course, steps = build_course(lessons=1)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    html = client.get(steps[0].url).content.decode()

    # Measured independently: the compressed HTML, our stylesheet and script compressed, no pictures.
    def gz(path):
        with open(finders.find(path), "rb") as source:
            return len(gzip.compress(source.read(), 9))

    expected = len(gzip.compress(html.encode(), 6)) + gz("css/kns.css") + gz("js/offline.js")
    assert abs(_shown_weight_kb(html) - expected / 1024) <= 0.15

    # A picture adds what its rendition weighs, not what the original upload did.
    buffer = io.BytesIO()
    PILImage.effect_noise((1600, 1200), 64).convert("RGB").save(buffer, format="PNG")
    picture = Image.objects.create(title="Ảnh lớn", file=ImageFile(buffer, name="lon.png"))
    lesson = LessonPage.objects.get(pk=steps[0].pk)
    lesson.body = [*LESSON_BODY, {"type": "image", "value": {"image": picture.pk, "alt_text": "Ảnh", "caption": ""}}]
    lesson.save_revision().publish()
    with_picture = client.get(steps[0].url).content.decode()
    rendition = picture.get_rendition("max-800x800")
    grown = _shown_weight_kb(with_picture) - _shown_weight_kb(html)
    assert abs(grown - rendition.file.size / 1024) <= 1.0
    assert rendition.file.size < picture.file.size
