"""``reports`` listens to ``courses``: a completed step or course refreshes its commune's summaries.

The handlers only register an on-commit callback (no query), so completing a step costs the
learner's request nothing more; the refresh itself is debounced and runs in a worker
(``reports.services.summaries_queue_refresh``).
"""

from django.dispatch import receiver

from courses.signals import course_completed, step_completed


@receiver(step_completed, dispatch_uid="reports.refresh_on_step")
def refresh_on_step(sender, completion, user, step, **kwargs):
    from .services import summaries_queue_refresh

    summaries_queue_refresh(commune_ids=[user.commune_id])


@receiver(course_completed, dispatch_uid="reports.refresh_on_course")
def refresh_on_course(sender, enrollment, user, course, **kwargs):
    from .services import summaries_queue_refresh

    summaries_queue_refresh(commune_ids=[enrollment.commune_id, user.commune_id])
