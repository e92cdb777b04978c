"""The one seam through which courses' services queue background work: on commit, tasks imported lazily."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)

# People arriving in a target are assigned in tasks of at most this many ids (a whole import can be 100,000).
ARRIVALS_PER_TASK = 5000


def queue_rule_run(rule_id: int) -> None:
    """Apply an assignment rule to its whole target in a Celery job, once the current transaction commits."""
    transaction.on_commit(lambda: _send("run_assignment_rule", rule_id))


def queue_arrivals(user_ids: list[int]) -> None:
    """Assign the active rules reaching these people once the transaction that brought them commits."""
    ids = sorted(set(user_ids))
    for start in range(0, len(ids), ARRIVALS_PER_TASK):
        chunk = ids[start : start + ARRIVALS_PER_TASK]
        transaction.on_commit(lambda chunk=chunk: _send("assign_arrivals", chunk))


def _send(task_name: str, argument) -> None:
    from . import tasks

    try:
        getattr(tasks, task_name).delay(argument)
    except Exception:  # noqa: BLE001 - the broker is down: the nightly reconcile assigns them
        logger.exception("courses: could not queue %s", task_name)
