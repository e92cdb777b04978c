"""Objects in province A for the URL guard (tests/access_samples.py): cheap rows, no rendering."""

import datetime
import uuid

from certificates.codes import new_code
from certificates.models import Certificate, CertificateJob, CertificateTemplate, CourseCertificate

SAMPLE_COURSE_KEY = uuid.UUID("00000000-0000-4000-8000-00000000c0de")


def sample_template(world) -> CertificateTemplate:
    template, _created = CertificateTemplate.objects.get_or_create(name="Mẫu thử nghiệm")
    return template


def sample_link(world) -> CourseCertificate:
    link, _created = CourseCertificate.objects.get_or_create(
        course_key=SAMPLE_COURSE_KEY,
        defaults={"course_title": "Khóa học thử nghiệm", "template": sample_template(world)},
    )
    return link


def sample_certificate(world) -> Certificate:
    existing = Certificate.objects.filter(user=world.cadre, course_key=SAMPLE_COURSE_KEY).first()
    if existing:
        return existing
    return Certificate.objects.create(
        code=new_code(),
        user=world.cadre,
        course_key=SAMPLE_COURSE_KEY,
        full_name=world.cadre.full_name,
        course_title="Khóa học thử nghiệm",
        hours=4,
        commune=world.commune_a1,
        commune_name=world.commune_a1.name,
        issuer_name="Ban Tuyên giáo và Dân vận",
        completed_on=datetime.date(2025, 10, 1),
        issued_on=datetime.date(2025, 10, 1),
        status=Certificate.Status.ISSUED,
    )


def sample_job(world) -> CertificateJob:
    job = CertificateJob.objects.filter(created_by=world.manager_a).first()
    return job or CertificateJob.objects.create(
        kind=CertificateJob.Kind.ZIP, created_by=world.manager_a, commune=world.commune_a1, label="Xã An Bình", total=1
    )
