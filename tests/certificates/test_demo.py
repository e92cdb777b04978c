"""seed_certificates leaves every state to look at, and running it again changes nothing."""

from certificates.models import Certificate, CertificateTemplate
from home.demo.certificates import seed_certificates
from tests.certificates.helpers import complete
from tests.courses.builders import build_course
from tests.factories import UserFactory


def test_seed_certificates_shows_every_state_and_is_idempotent(transactional_db, world):
    """Transactional, as under ``make run``: each render runs as soon as its certificate commits."""
    course, steps = build_course(title="Khóa mẫu", lessons=1)
    people = [UserFactory(username=f"canbo_{n:02d}", commune=world.commune_a1, roles=["Cadres"]) for n in range(6)]
    for person in people[:4]:
        complete(person, course, steps)
    from courses import services as course_services

    for person in people[4:]:
        course_services.enrollment_create(user=person, course=course)
    Certificate.objects.all().delete()  # as if every callback had been lost
    counts = seed_certificates(manager=world.manager_a)
    assert counts["revoked"] == 1 and counts["superseded"] == 1
    assert counts["issued"] >= 3 and counts["failed"] == 0 and counts["pending"] == 0
    assert CertificateTemplate.objects.get(is_default=True).place == "Bắc Ninh"
    again = seed_certificates(manager=world.manager_a)
    assert again == counts
