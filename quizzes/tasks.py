"""Background work for quizzes: closing attempts whose time ran out. Tasks take ids and call a service."""

from celery import shared_task

from . import services


@shared_task(name="quizzes.tasks.close_attempt", ignore_result=True)
def close_attempt(attempt_id: int) -> bool:
    """Close and grade one attempt if its deadline (plus grace) has passed. Idempotent."""
    return services.attempt_expire(attempt_id=attempt_id)


@shared_task(name="quizzes.tasks.close_expired_attempts", ignore_result=True)
def close_expired_attempts(limit: int = 500, batches: int = 20) -> int:
    """Run every minute by beat: close and grade the open attempts past their deadline, in batches.

    A backlog larger than ``limit × batches`` is finished by the next runs.
    """
    closed = 0
    for _batch in range(batches):
        done = services.attempts_close_expired(limit=limit)
        closed += done
        if done < limit:
            break
    return closed
