"""Keeping the Trainers' page permissions on every course catalogue, including ones created later."""

from django.contrib.auth.models import Group
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import CourseIndexPage
from .permissions import grant_trainer_course_tree


@receiver(post_save, sender=CourseIndexPage, dispatch_uid="courses.grant_trainers_on_new_catalogue")
def grant_trainers_on_new_catalogue(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        group = Group.objects.filter(name="Trainers").first()
        if group is not None:
            grant_trainer_course_tree(group)
