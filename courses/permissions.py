"""Trainers edit only the course tree: Wagtail page permissions on every course catalogue page."""

from django.contrib.auth.models import Permission
from wagtail.models import GroupPagePermission

from .models import CourseIndexPage

TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def grant_trainer_course_tree(group) -> None:
    permissions = list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=TRAINER_PAGE_PERMISSIONS)
    )
    for index_page in CourseIndexPage.objects.all():
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=index_page, permission=permission)
