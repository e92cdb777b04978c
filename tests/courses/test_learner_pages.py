"""What a cadre sees and does on the public site, through real pages and real requests."""

import io
import unicodedata

import pytest
from django.urls import reverse
from PIL import Image

from courses import services
from courses.models import CoursePage, Enrollment, Evidence, LessonPage, StepCompletion
from tests.courses.builders import build_course, publish

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_sees_the_course_and_is_asked_to_log_in(client):
    course, steps = build_course()
    response = client.get(course.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Đăng nhập để ghi danh" in body
    assert steps[0].title in body
    # Steps themselves need a login.
    response = client.get(steps[0].url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_cadre_enrols_learns_and_sees_progress(client, world):
    course, steps = build_course(lessons=2)
    client.force_login(world.cadre)
    response = client.post(reverse("courses:enrol", args=[course.pk]))
    assert response.status_code == 302
    assert response["Location"] == steps[0].url

    lesson = client.get(steps[0].url).content.decode()
    assert "Chữ ký số là gì?" in lesson
    assert "Đọc khoảng 1 phút" in lesson
    assert "Dung lượng trang" in lesson

    response = client.post(reverse("courses:lesson_complete", args=[steps[0].pk]))
    assert response["Location"] == steps[1].url
    page = client.get(course.url).content.decode()
    assert "Đã xong 1/2 bước bắt buộc." in page
    assert 'aria-valuenow="50"' in page


def test_locked_step_answers_403_with_a_vietnamese_message(client, world):
    course, steps = build_course(lessons=2, sequential=True)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    response = client.get(steps[1].url)
    assert response.status_code == 403
    assert "Bước này chưa mở" in response.content.decode()
    response = client.post(reverse("courses:lesson_complete", args=[steps[1].pk]))
    assert response.status_code == 403
    assert not StepCompletion.objects.filter(user=world.cadre, step=steps[1]).exists()


def test_unenrolled_cadre_cannot_open_steps(client, world):
    course, steps = build_course()
    client.force_login(world.cadre)
    response = client.get(steps[0].url)
    assert response.status_code == 403
    assert "ghi danh" in response.content.decode()


def test_continue_takes_the_cadre_back_to_their_place(client, world):
    course, steps = build_course(lessons=3)
    client.force_login(world.cadre)
    client.post(reverse("courses:enrol", args=[course.pk]))
    client.post(reverse("courses:lesson_complete", args=[steps[0].pk]))
    client.get(steps[2].url)  # wanders ahead, then leaves
    response = client.get(reverse("courses:continue", args=[course.pk]))
    assert response["Location"] == steps[2].url


def test_double_click_on_complete_records_one_completion(client, world):
    course, steps = build_course()
    client.force_login(world.cadre)
    client.post(reverse("courses:enrol", args=[course.pk]))
    for _ in range(2):
        client.post(reverse("courses:lesson_complete", args=[steps[0].pk]))
    assert StepCompletion.objects.filter(user=world.cadre, step=steps[0]).count() == 1


def test_preview_never_writes_progress(client, world):
    """A trainer who is enrolled previews a lesson: the real page renders (with the edited text), and
    no progress is written. Without the ``request.is_preview`` guard the preview would start the course."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    course, steps = build_course()
    services.enrollment_create(user=world.superuser, course=course)
    client.force_login(world.superuser)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[steps[0].pk])
    data = nested_form_data(
        {
            "title": steps[0].title,
            "slug": steps[0].slug,
            "summary": "",
            "estimated_minutes": steps[0].estimated_minutes,
            "is_required": "on",
            "body": streamfield([("paragraph", rich_text("<p>Bản nháp XEMTRUOC của bài học.</p>"))]),
        }
    )

    response = client.post(url, data)
    assert response.json() == {"is_valid": True, "is_available": True}
    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Bản nháp XEMTRUOC của bài học." in page and steps[0].title in page
    enrollment = Enrollment.objects.get(user=world.superuser, course=course)
    assert enrollment.last_step_id is None
    assert enrollment.started_at is None
    assert not StepCompletion.objects.filter(user=world.superuser).exists()
    assert "Bản xem trước: không ghi nhận tiến độ." in page


def test_my_learning_lists_progress_due_dates_and_overdue(client, world):
    import datetime

    from django.utils import timezone

    course, steps = build_course(lessons=2)
    services.enrollment_create(user=world.cadre, course=course)
    services.step_complete(user=world.cadre, step=steps[0])
    Enrollment.objects.filter(user=world.cadre).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(world.cadre)
    body = client.get(reverse("courses:my_learning")).content.decode()
    assert course.title in body
    assert "Đã xong 1/2 bước bắt buộc" in body
    assert "Quá hạn" in body


def test_catalogue_filters_by_topic_and_ignores_unknown_values(client):
    basics, _ = build_course(title="Làm quen điện thoại thông minh")
    security, _ = build_course(title="Phòng chống lừa đảo trực tuyến")
    CoursePage.objects.filter(pk=security.pk).update(topic="security")
    index = basics.get_parent()
    body = client.get(index.url + "?topic=security").content.decode()
    assert "Phòng chống lừa đảo trực tuyến" in body and "Làm quen điện thoại thông minh" not in body
    body = client.get(index.url + "?topic=%3Cscript%3E&level=999").content.decode()
    assert "Phòng chống lừa đảo trực tuyến" in body and "Làm quen điện thoại thông minh" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [("chu ky so", "chữ ký số"), ("dien tu", "điện tử"), ("chữ ký số", "chữ ký số"), ("DIEN TU", "điện tử")],
)
def test_search_finds_vietnamese_with_or_without_marks(client, query, expected):
    course, steps = build_course(title="Chữ ký số cho cán bộ", lessons=0)
    publish(
        course,
        LessonPage(
            title="Định danh điện tử mức 2",
            slug="dinh-danh",
            body=[{"type": "paragraph", "value": "<p>Tài khoản điện tử dùng cho dịch vụ công.</p>"}],
        ),
    )
    response = client.get(reverse("courses:search"), {"q": query})
    body = response.content.decode()
    assert response.status_code == 200
    titles = {"chữ ký số": "Chữ ký số cho cán bộ", "điện tử": "Định danh điện tử mức 2"}
    assert titles[expected] in body


def test_search_with_decomposed_marks_and_empty_query(client):
    build_course(title="Chữ ký số cho cán bộ", lessons=0)
    response = client.get(reverse("courses:search"), {"q": unicodedata.normalize("NFD", "chữ ký số")})
    assert "Chữ ký số cho cán bộ" in response.content.decode()
    assert client.get(reverse("courses:search"), {"q": "   "}).status_code == 200


# --- Practice ------------------------------------------------------------------------------------


def _photo_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "Điện thoại của cán bộ"  # Make
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 2.0), 3: "E", 4: (105.0, 50.0, 3.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _upload(name, data, content_type):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def test_self_check_practice_needs_every_item_ticked(client, world):
    course, steps = build_course(lessons=0, practice="self_check")
    practice = steps[0]
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    client.post(reverse("courses:practice_check", args=[practice.pk]), {"item": ["0"]})
    assert not StepCompletion.objects.filter(user=world.cadre, step=practice).exists()
    client.post(reverse("courses:practice_check", args=[practice.pk]), {"item": ["0", "1"]})
    assert StepCompletion.objects.filter(user=world.cadre, step=practice).exists()


def test_evidence_photo_is_stored_privately_without_gps(client, world):
    course, steps = build_course(lessons=0, practice="evidence")
    practice = steps[0]
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    response = client.post(
        reverse("courses:evidence_submit", args=[practice.pk]),
        {"file": _upload("anh.jpg", _photo_with_gps(), "image/jpeg"), "note": "Đã hướng dẫn bà Lan"},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(user=world.cadre)
    with evidence.file.open("rb") as handle:
        stored = Image.open(handle)
        stored.load()
        assert not stored.getexif()
    assert "media" not in evidence.file.path
    body = client.get(practice.url).content.decode()
    assert "Chờ duyệt" in body


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ\x90\x00 not a picture", "Chỉ nhận ảnh JPEG, PNG, HEIC hoặc tệp PDF."),
        ("anh.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "Chỉ nhận ảnh JPEG, PNG, HEIC hoặc tệp PDF."),
        ("to.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024), "Tệp quá lớn: tối đa 10 MB."),
    ],
)
def test_wrong_or_oversized_evidence_gets_a_clear_error_and_nothing_is_saved(client, world, name, data, message):
    course, steps = build_course(lessons=0, practice="evidence")
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    response = client.post(
        reverse("courses:evidence_submit", args=[steps[0].pk]),
        {"file": _upload(name, data, "application/octet-stream")},
        follow=True,
    )
    assert message in response.content.decode()
    assert not Evidence.objects.exists()


def test_team_leader_approves_and_the_cadre_sees_it(client, world):
    course, steps = build_course(lessons=0, practice="evidence")
    practice = steps[0]
    services.enrollment_create(user=world.cadre, course=course)
    evidence = services.evidence_submit(
        user=world.cadre, practice=practice, upload=_upload("a.jpg", _photo_with_gps(), "image/jpeg")
    )
    client.force_login(world.leader)
    assert world.cadre.full_name in client.get(reverse("courses:review_list")).content.decode()
    assert client.get(reverse("courses:evidence_file", args=[evidence.pk])).status_code == 200
    client.post(reverse("courses:review_decide", args=[evidence.pk]), {"decision": "approve", "comment": "Tốt"})
    assert StepCompletion.objects.filter(user=world.cadre, step=practice).exists()
    client.force_login(world.cadre)
    body = client.get(practice.url).content.decode()
    assert "Đã duyệt" in body and "Tốt" in body


def test_returning_evidence_needs_a_comment_that_the_cadre_then_reads(client, world):
    course, steps = build_course(lessons=0, practice="evidence")
    services.enrollment_create(user=world.cadre, course=course)
    evidence = services.evidence_submit(
        user=world.cadre, practice=steps[0], upload=_upload("a.jpg", _photo_with_gps(), "image/jpeg")
    )
    client.force_login(world.leader)
    client.post(reverse("courses:review_decide", args=[evidence.pk]), {"decision": "return", "comment": ""})
    evidence.refresh_from_db()
    assert evidence.status == "submitted"
    client.post(
        reverse("courses:review_decide", args=[evidence.pk]),
        {"decision": "return", "comment": "Ảnh còn lộ số căn cước, hãy che lại."},
    )
    client.force_login(world.cadre)
    assert "Ảnh còn lộ số căn cước" in client.get(steps[0].url).content.decode()


def test_other_cadres_and_other_leaders_cannot_see_or_approve_evidence(client, world):
    from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory

    course, steps = build_course(lessons=0, practice="evidence")
    services.enrollment_create(user=world.cadre, course=course)
    evidence = services.evidence_submit(
        user=world.cadre, practice=steps[0], upload=_upload("a.jpg", _photo_with_gps(), "image/jpeg")
    )
    other_leader = UserFactory(commune=world.commune_a2, roles=["Cadres", "Team leaders"])
    TeamMembershipFactory(team=TeamFactory(commune=world.commune_a2), user=other_leader, role="leader")
    other_cadre = UserFactory(commune=world.commune_a1, roles=["Cadres"])
    for person in (other_leader, other_cadre):
        client.force_login(person)
        assert client.get(reverse("courses:evidence_file", args=[evidence.pk])).status_code == 404
        response = client.post(reverse("courses:review_decide", args=[evidence.pk]), {"decision": "approve"})
        assert response.status_code == 404
        assert world.cadre.full_name not in client.get(reverse("courses:review_list")).content.decode()
    evidence.refresh_from_db()
    assert evidence.status == "submitted"
