"""Background work for courses: assignment rules. Tasks take ids and call a service (``courses.assignments``)."""

from celery import shared_task

from . import assignments

# A province of 100,000 cadres takes well under a minute (docs/courses.md); Redis's visibility
# timeout (CELERY_VISIBILITY_TIMEOUT) must stay longer than the hard limit.
TIME_LIMIT = 540
SOFT_TIME_LIMIT = 500


@shared_task(
    name="courses.tasks.run_assignment_rule", ignore_result=True, time_limit=TIME_LIMIT, soft_time_limit=SOFT_TIME_LIMIT
)
def run_assignment_rule(rule_id: int) -> None:
    assignments.assignment_rule_run(rule_id=rule_id)


@shared_task(
    name="courses.tasks.assign_arrivals", ignore_result=True, time_limit=TIME_LIMIT, soft_time_limit=SOFT_TIME_LIMIT
)
def assign_arrivals(user_ids: list[int]) -> None:
    assignments.assignments_for_arrivals(user_ids=user_ids)


@shared_task(name="courses.tasks.reconcile_assignments", ignore_result=True)
def reconcile_assignments() -> int:
    """Nightly (beat): every active rule runs again over its whole target; idempotent."""
    return assignments.assignments_reconcile()
