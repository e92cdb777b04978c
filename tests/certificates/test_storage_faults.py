"""When the private store refuses to write a PDF, the render records the real reason, releases its
claim and tries again later; after the last try the certificate is failed with that reason (never
"stopped midway"), and once the store works again a retry issues it.

The fault is a real one: the private store is the project's own FileSystemStorage, and a file sits
where its ``certificates`` folder should be, so every write raises OSError from the operating system,
as a full or read-only disk would. Nothing of ours is replaced.
"""

import pytest

from certificates import services
from certificates.models import Certificate
from tests.certificates.helpers import complete, pdf_text
from tests.courses.builders import build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def store_refuses(settings):
    root = settings.PRIVATE_MEDIA_ROOT
    root.mkdir(parents=True, exist_ok=True)
    blocker = root / "certificates"
    blocker.write_bytes(b"")  # not a folder: the storage cannot create certificates/<year>/

    def repair():
        blocker.unlink()

    return repair


def _pending(world):
    course, steps = build_course(title="Kỹ năng số cơ bản", lessons=1)
    complete(world.cadre, course, steps)  # the render is queued on commit, which does not run here
    return Certificate.objects.get(user=world.cadre, course_key=course.course_key)


def test_a_refused_write_releases_the_claim_keeps_the_reason_and_retries(world, store_refuses):
    certificate = _pending(world)

    outcome = services.certificate_render(certificate_id=certificate.pk)

    certificate.refresh_from_db()
    assert outcome.status == services.RENDERING_RETRY
    assert certificate.status == "pending" and not certificate.pdf
    assert (certificate.render_token, certificate.render_started_at, certificate.render_attempts) == ("", None, 1)
    assert "Không lưu được tệp PDF" in certificate.last_error
    assert "Error" in certificate.last_error and "certificates" in certificate.last_error  # the OS's own reason
    # The claim is free: the next try (queued 30 s later) can take it at once.
    outcome = services.certificate_render(certificate_id=certificate.pk)
    assert outcome.status == services.RENDERING_RETRY
    certificate.refresh_from_db()
    assert certificate.render_attempts == 2


def test_after_the_last_try_it_fails_with_the_real_reason_and_a_retry_issues_it_once_the_store_works(
    world, store_refuses, django_capture_on_commit_callbacks
):
    certificate = _pending(world)

    # Celery runs eagerly in tests: each try queues the next, until the tries are used up.
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_render(certificate.pk)

    certificate.refresh_from_db()
    assert certificate.status == "failed"
    assert certificate.render_attempts == 3
    assert "Không lưu được tệp PDF" in certificate.last_error
    assert "dừng giữa chừng" not in certificate.last_error

    store_refuses()
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_retry(certificate=certificate, by=world.manager_a)
    certificate.refresh_from_db()
    assert certificate.status == "issued", certificate.last_error
    assert "Trần Thị Học Viên" in pdf_text(certificate.pdf.read())
