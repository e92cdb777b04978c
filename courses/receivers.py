"""Keeping the Trainers' page permissions on every course catalogue; assigning people who arrive in a rule's target."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.signals import people_arrived

from . import jobs
from .models import CourseIndexPage
from .permissions import grant_trainer_course_tree


@receiver(post_save, sender=CourseIndexPage, dispatch_uid="courses.grant_trainers_on_new_catalogue")
def grant_trainers_on_new_catalogue(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        group = Group.objects.filter(name="Trainers").first()
        if group is not None:
            grant_trainer_course_tree(group)


# --- Assignment rules reach people who arrive in their target (docs/courses.md) ---------------------


@receiver(people_arrived, dispatch_uid="courses.assign_people_arrived")
def assign_people_arrived(sender, user_ids, **kwargs):
    """Imported or moved people: the active rules of their new commune, team or unit, on commit."""
    if user_ids:
        jobs.queue_arrivals(list(user_ids))


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="courses.assign_new_account")
def assign_new_account(sender, instance, created, raw=False, **kwargs):
    """An account created one at a time (the admin's "add person"): on commit, once its roles are set."""
    if created and not raw:
        jobs.queue_arrivals([instance.pk])
