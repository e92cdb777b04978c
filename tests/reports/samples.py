"""Objects in province A for the URL guard (tests/access_samples.py): a target, an export, a notice."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from reports.models import ExportJob, Notice, Target


def sample_target(world) -> Target:
    target = Target.objects.filter(province=world.province_a).first()
    return target or Target.objects.create(
        province=world.province_a,
        percent=80,
        due_date=timezone.localdate() + datetime.timedelta(days=90),
        created_by=world.manager_a,
    )


def sample_export(world) -> ExportJob:
    job = ExportJob.objects.filter(created_by=world.manager_a, level="province").first()
    if job is None:
        job = ExportJob.objects.create(
            created_by=world.manager_a,
            table="communes",
            level="province",
            object_id=world.province_a.pk,
            label=f"{world.province_a.name} – tổng hợp",
            format=ExportJob.Format.CSV,
            in_background=True,
            status=ExportJob.Status.DONE,
            total=1,
            rows=1,
            expires_at=timezone.now() + datetime.timedelta(hours=24),
        )
    if not job.file or not job.file.storage.exists(job.file.name):
        job.file.save("bao-cao-mau.csv", ContentFile('\ufeff"Xã, phường"\r\n"Xã An Bình"\r\n'.encode()), save=True)
    return job


def sample_notice(world) -> Notice:
    notice = Notice.objects.filter(user=world.cadre).first()
    return notice or Notice.objects.create(user=world.cadre, message="Hãy bắt đầu khóa học.")
