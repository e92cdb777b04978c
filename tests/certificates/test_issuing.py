"""Issuing: the listener, the database's guarantees, idempotent renders, failures, the sweeper, e-mail."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from certificates import services
from certificates.codes import new_code
from certificates.models import Certificate, CertificateTemplate, CourseCertificate
from courses.models import Enrollment
from courses.signals import course_completed
from tests.certificates.helpers import complete, issue
from tests.conftest import skip_unless_postgres
from tests.courses.builders import build_course

pytestmark = pytest.mark.django_db


def test_completion_inserts_a_pending_certificate_in_the_same_transaction(world, django_capture_on_commit_callbacks):
    course, steps = build_course(lessons=2)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            complete(world.cadre, course, steps)
            # Still inside the completing transaction: the row is there, the render not queued yet.
            certificate = Certificate.objects.get(user=world.cadre, course_key=course.course_key)
            assert certificate.status == Certificate.Status.PENDING
            assert not certificate.pdf
    assert callbacks, "the render is queued on commit"
    for callback in callbacks:
        callback()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.render_attempts == 1
    assert certificate.full_name == world.cadre.full_name
    assert certificate.commune == world.commune_a1
    assert certificate.commune_name == "Xã An Bình"
    assert certificate.course_title == course.title
    assert certificate.hours == course.hours
    assert certificate.completed_on == timezone.localdate()


def test_a_rolled_back_completion_leaves_no_certificate(world):
    course, steps = build_course(lessons=1)
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            complete(world.cadre, course, steps)
            assert Certificate.objects.filter(user=world.cadre).exists()
            raise RuntimeError("the request failed after completing")
    assert not Certificate.objects.filter(user=world.cadre).exists()


def test_completion_announced_twice_gives_one_certificate(world, django_capture_on_commit_callbacks):
    course, steps = build_course(lessons=1)
    with django_capture_on_commit_callbacks(execute=True):
        complete(world.cadre, course, steps)
        enrollment = Enrollment.objects.get(user=world.cadre, course=course)
        course_completed.send(sender=Enrollment, enrollment=enrollment, user=world.cadre, course=course)
        assert services.certificate_request(enrollment=enrollment) is None
    assert Certificate.objects.filter(user=world.cadre, course_key=course.course_key).count() == 1


def _row(world, course_key, **overrides):
    values = {
        "code": new_code(),
        "user": world.cadre,
        "course_key": course_key,
        "full_name": "x",
        "course_title": "y",
        "hours": 1,
        "issuer_name": "z",
        "completed_on": datetime.date(2025, 1, 1),
        "issued_on": datetime.date(2025, 1, 1),
        "version": 1,
        "status": Certificate.Status.ISSUED,
    }
    values.update(overrides)
    return Certificate(**values)


@pytest.mark.parametrize("second_status", ["pending", "issued", "failed"])
def test_database_allows_one_live_certificate_per_cadre_and_course(world, second_status):
    course, _steps = build_course(lessons=1)
    _row(world, course.course_key).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(world, course.course_key, version=2, status=second_status).save()


def test_database_keeps_versions_unique_and_history_alongside(world):
    course, _steps = build_course(lessons=1)
    _row(world, course.course_key, status="superseded").save()
    _row(world, course.course_key, version=2, status="revoked").save()
    _row(world, course.course_key, version=3).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(world, course.course_key, version=3, status="superseded").save()


def test_render_is_idempotent(world, django_capture_on_commit_callbacks):
    certificate = issue(django_capture_on_commit_callbacks, world.cadre)
    name = Certificate.objects.get(pk=certificate.pk).pdf.name
    outcome = services.certificate_render(certificate_id=certificate.pk)
    assert outcome.status == services.RENDERING_SKIPPED
    certificate.refresh_from_db()
    assert certificate.pdf.name == name and certificate.render_attempts == 1


def _pending(world, **overrides):
    course, _steps = build_course(lessons=1)
    certificate = _row(world, course.course_key, status="pending", **overrides)
    certificate.save()
    return certificate


def test_a_live_claim_is_not_stolen_but_looked_at_again_later(world, django_capture_on_commit_callbacks, monkeypatch):
    certificate = _pending(world, render_started_at=timezone.now(), render_token="other", render_attempts=1)
    queued = []
    monkeypatch.setattr(services, "queue_render", lambda pk, **kwargs: queued.append((pk, kwargs)))
    assert services.certificate_render(certificate_id=certificate.pk).status == services.RENDERING_SKIPPED
    assert queued and queued[0][1]["recheck"] is True and queued[0][1]["countdown"] > 60
    certificate.refresh_from_db()
    assert certificate.status == "pending" and certificate.render_token == "other"


def test_a_killed_render_is_redone_once_its_claim_goes_stale(world, settings):
    started = timezone.now() - datetime.timedelta(seconds=settings.KNS_CERTIFICATE_CLAIM_SECONDS + 5)
    certificate = _pending(world, render_started_at=started, render_token="dead", render_attempts=1)
    assert services.certificate_render(certificate_id=certificate.pk).status == services.RENDERING_ISSUED
    certificate.refresh_from_db()
    assert certificate.status == "issued" and certificate.render_attempts == 2 and certificate.pdf


def test_renders_that_keep_dying_end_as_failed_with_the_reason(world, settings):
    started = timezone.now() - datetime.timedelta(seconds=settings.KNS_CERTIFICATE_CLAIM_SECONDS + 5)
    certificate = _pending(
        world, render_started_at=started, render_token="dead", render_attempts=settings.KNS_CERTIFICATE_MAX_ATTEMPTS
    )
    assert services.certificate_render(certificate_id=certificate.pk).status == services.RENDERING_FAILED
    certificate.refresh_from_db()
    assert certificate.status == "failed"
    assert str(settings.KNS_CERTIFICATE_MAX_ATTEMPTS) in certificate.last_error


def test_a_broken_template_fails_the_certificate_visibly(world, django_capture_on_commit_callbacks):
    course, steps = build_course(lessons=1)
    # Saved around the form's validation (a shell, an old row): the render must still refuse.
    broken = CertificateTemplate.objects.create(name="Hỏng", body="Hoàn thành {course} lúc {gio}")
    CourseCertificate.objects.create(course_key=course.course_key, course_title=course.title, template=broken)
    certificate = issue(django_capture_on_commit_callbacks, world.cadre, course=course, steps=steps)
    certificate.refresh_from_db()
    assert certificate.status == "failed"
    assert "{gio}" in certificate.last_error
    assert not certificate.pdf

    broken.body = "Hoàn thành {course}"
    broken.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_retry(certificate=certificate, by=world.manager_a)
    certificate.refresh_from_db()
    assert certificate.status == "issued" and certificate.pdf


def test_unexpected_errors_are_retried_then_shown_as_failed(world, django_capture_on_commit_callbacks, monkeypatch):
    from certificates import rendering

    calls = []

    def explode(certificate):
        calls.append(certificate.pk)
        raise OSError("disk on fire")

    monkeypatch.setattr(rendering, "render_certificate_pdf", explode)
    certificate = issue(django_capture_on_commit_callbacks, world.cadre)
    certificate.refresh_from_db()
    assert certificate.status == "failed"
    assert len(calls) == 3 == certificate.render_attempts
    assert "disk on fire" in certificate.last_error


def test_a_course_without_certificates_issues_none(world, django_capture_on_commit_callbacks):
    course, steps = build_course(lessons=1)
    template = CertificateTemplate.objects.create(name="Mẫu A")
    CourseCertificate.objects.create(
        course_key=course.course_key, course_title=course.title, template=template, enabled=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        complete(world.cadre, course, steps)
    assert not Certificate.objects.filter(user=world.cadre).exists()
    assert services.certificates_sweep()["requested"] == 0


def test_the_courses_template_is_used(world, django_capture_on_commit_callbacks):
    course, steps = build_course(lessons=1)
    template = CertificateTemplate.objects.create(name="Mẫu riêng", title="CHỨNG CHỈ", issuer_name="Sở Thông tin")
    CourseCertificate.objects.create(course_key=course.course_key, course_title=course.title, template=template)
    certificate = issue(django_capture_on_commit_callbacks, world.cadre, course=course, steps=steps)
    certificate.refresh_from_db()
    assert certificate.template == template and certificate.issuer_name == "Sở Thông tin"
    from tests.certificates.helpers import pdf_text

    assert "CHỨNG CHỈ" in pdf_text(certificate.pdf.read())


def test_sweeper_issues_for_completions_whose_callback_was_lost(world, django_capture_on_commit_callbacks):
    course, steps = build_course(lessons=1)
    from certificates import receivers

    course_completed.disconnect(dispatch_uid="certificates.request_on_completion")
    try:
        complete(world.cadre, course, steps)
    finally:
        course_completed.connect(receivers.request_certificate, dispatch_uid="certificates.request_on_completion")
    assert not Certificate.objects.filter(user=world.cadre).exists()
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.certificates_sweep()
    assert counts["requested"] == 1
    assert Certificate.objects.get(user=world.cadre).status == "issued"
    assert services.certificates_sweep()["requested"] == 0


def test_sweeper_requeues_stuck_pending_certificates(world, settings, django_capture_on_commit_callbacks):
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.KNS_CERTIFICATE_REQUEUE_SECONDS + 5)
    never_started = _pending(world, queued_at=long_ago)
    recent = _pending(world, queued_at=timezone.now())
    dead = _pending(
        world,
        render_started_at=timezone.now() - datetime.timedelta(seconds=settings.KNS_CERTIFICATE_CLAIM_SECONDS + 1),
        render_token="dead",
        render_attempts=1,
    )
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.certificates_sweep()
    assert counts["requeued"] == 2
    statuses = dict(Certificate.objects.values_list("pk", "status"))
    assert statuses[never_started.pk] == "issued" and statuses[dead.pk] == "issued"
    assert statuses[recent.pk] == "pending"  # queued a moment ago: its message is still on its way


def test_worker_start_sweep_looks_again_at_fresh_claims(world, monkeypatch):
    fresh = _pending(world, render_started_at=timezone.now(), render_token="maybe-dead", render_attempts=1)
    queued = []
    monkeypatch.setattr(services, "queue_render", lambda pk, **kwargs: queued.append((pk, kwargs)))
    counts = services.certificates_sweep(startup=True)
    assert counts["rechecks"] == 1
    assert queued == [(fresh.pk, {"countdown": queued[0][1]["countdown"], "recheck": True})]


def test_cadre_gets_an_email_once_when_issued(world, django_capture_on_commit_callbacks):
    world.cadre.email = "hocvien@example.vn"
    world.cadre.save()
    certificate = issue(django_capture_on_commit_callbacks, world.cadre, title="An toàn thông tin")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hocvien@example.vn"]
    assert "An toàn thông tin" in message.subject
    assert certificate.display_code in message.body
    assert "http://testserver/certificates/verify/" in message.body
    # Sent through notify(), once: the certificate's key makes a second notice a no-op.
    from notifications.models import Message

    sent = Message.objects.get(user=world.cadre, kind="certificate_issued")
    assert (sent.channel, sent.status) == ("email", "sent")
    with django_capture_on_commit_callbacks(execute=True):
        services._notify_issued(certificate)
    assert len(mail.outbox) == 1 and Message.objects.filter(kind="certificate_issued").count() == 1


def test_no_email_without_an_address(world, django_capture_on_commit_callbacks):
    from notifications.backends import console

    world.cadre.email = ""
    world.cadre.phone = "0987654321"
    world.cadre.save()
    console.outbox.clear()
    issue(django_capture_on_commit_callbacks, world.cadre, title="An toàn thông tin")
    assert mail.outbox == []
    # A phone but no e-mail: the notice goes by SMS (the console backend in tests).
    [sms] = console.outbox
    assert (sms.channel, sms.address) == ("sms", "+84987654321")
    assert "An toàn thông tin" in sms.text


@skip_unless_postgres()
@pytest.mark.postgres
def test_two_completions_at_once_leave_one_certificate_postgres(transactional_db, world):
    """Two transactions ask at the same moment; the partial unique index lets one through."""
    course, steps = build_course(lessons=1)
    complete(world.cadre, course, steps)
    Certificate.objects.all().delete()
    enrollment = Enrollment.objects.get(user=world.cadre, course=course)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def request():
        try:
            with transaction.atomic():
                barrier.wait(timeout=10)
                results.append(services.certificate_request(enrollment=Enrollment.objects.get(pk=enrollment.pk)))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert Certificate.objects.filter(user=world.cadre, course_key=course.course_key).count() == 1
    assert sum(1 for result in results if result is not None) == 1
