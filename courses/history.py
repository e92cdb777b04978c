"""Which pages carry learner history and so may be archived but never deleted."""

from django.db.models import Q
from wagtail.models import Page

from .models import Enrollment, StepCompletion


def pages_with_history(page: Page) -> list[int]:
    """Ids of the page and its descendants that have enrolments or step completions."""
    ids = list(
        Page.objects.filter(Q(pk=page.pk) | Q(path__startswith=page.path, depth__gt=page.depth)).values_list(
            "pk", flat=True
        )
    )
    with_history = set(Enrollment.objects.filter(course_id__in=ids).values_list("course_id", flat=True))
    with_history |= set(StepCompletion.objects.filter(step_id__in=ids).values_list("step_id", flat=True))
    return sorted(with_history)
