"""An ordered course: a session step locked when the cadre attended is completed once the step before it is."""

from django.dispatch import receiver

from courses.signals import step_completed

from .models import SessionStepPage


@receiver(step_completed, dispatch_uid="blended.complete_session_step_when_unlocked")
def complete_session_step_when_unlocked(sender, completion, user, step, **kwargs):
    if isinstance(step, SessionStepPage):
        return
    from .services import attended_course_session, complete_session_steps

    # One query for every step completed; more only for a cadre who attended a session of the course.
    if attended_course_session(user_id=user.pk, course_id=completion.course_id):
        complete_session_steps(user=user, course=completion.course)
