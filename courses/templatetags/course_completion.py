"""Template tags for the panels apps above courses show beside a completed course (``courses.completion``).

{% load course_completion %}
{% course_completion_panels rows_or_enrollments as panels %}   (one call for the whole page)
{% completion_panel panels enrollment %}                        (the HTML for one enrollment)
{% enrollment_completion_panel enrollment %}                    (one enrollment the page holds)
{% course_completion_panel course %}                            (one course of the current user)
"""

from django import template

from ..completion import completion_panels

register = template.Library()


def _enrollment(item):
    return getattr(item, "enrollment", item)


@register.simple_tag(takes_context=True)
def course_completion_panels(context, items):
    """All the panels of a page at once: ``items`` are enrollments, or rows with an ``enrollment``."""
    return completion_panels(request=context.get("request"), enrollments=[_enrollment(i) for i in items or ()])


@register.simple_tag
def completion_panel(panels, enrollment):
    if not panels or enrollment is None:
        return ""
    return panels.get(_enrollment(enrollment).pk, "")


@register.simple_tag(takes_context=True)
def course_completion_panel(context, course):
    """For a page that shows one course (a quiz's result): the current user's enrollment, then its panels."""
    from ..models import Enrollment

    request = context.get("request")
    user = getattr(request, "user", None)
    if course is None or user is None or not user.is_authenticated:
        return ""
    enrollment = Enrollment.objects.filter(user=user, course=course, completed_at__isnull=False).first()
    if enrollment is None:
        return ""
    return completion_panels(request=request, enrollments=[enrollment]).get(enrollment.pk, "")


@register.simple_tag(takes_context=True)
def enrollment_completion_panel(context, enrollment):
    """For a page that already holds the enrollment (the course page): its panels, in the hooks' queries only."""
    if enrollment is None:
        return ""
    return completion_panels(request=context.get("request"), enrollments=[enrollment]).get(enrollment.pk, "")
