"""What apps above courses show beside a completed course, without courses knowing them.

``courses`` never imports ``certificates`` (nor anything above it). An app that has something to say
about a completed course (the certificate: pending, ready, revoked) registers a Wagtail hook named
``HOOK``; learner pages (the course page, "Việc học của tôi", a quiz's result page) call
``completion_panels`` once for all the enrollments they show. Each hook receives the request and
the completed enrollments, and returns ``{enrollment id: HTML}``; it must answer for all of them in
a constant number of queries (the certificates hook makes one), since learner pages have query
budgets (tests/courses/test_query_budget.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks

HOOK = "kns_course_completion_panels"


def completion_panels(*, request, enrollments: Iterable) -> dict[int, SafeString]:
    """Enrollment id → the panels the hooks give for it, for completed, active enrollments only.

    No query at all when none of ``enrollments`` is completed.
    """
    completed = [e for e in enrollments if e is not None and e.completed_at and e.withdrawn_at is None]
    if not completed:
        return {}
    panels: dict[int, list[str]] = {}
    for hook in hooks.get_hooks(HOOK):
        for enrollment_id, html in (hook(request=request, enrollments=completed) or {}).items():
            panels.setdefault(enrollment_id, []).append(html)
    return {pk: mark_safe("".join(parts)) for pk, parts in panels.items()}  # noqa: S308 - hooks return escaped HTML
