"""Celery tasks: thin, take ids, call notifications.sending."""

from celery import shared_task

from . import sending


@shared_task(bind=True, name="notifications.tasks.send_message", ignore_result=True, max_retries=None)
def send_message(self, message_id: int) -> str:
    result = sending.message_send(message_id=message_id)
    if self.request.is_eager:
        # Eager runs (dev, tests) retry a transient failure at once, without the backoff; each try
        # counts an attempt, so this ends. A rate-limited message stays queued for the sweeper.
        while result.retry_now:
            result = sending.message_send(message_id=message_id)
        return result.outcome
    if result.retry_in is not None:
        raise self.retry(countdown=result.retry_in)
    return result.outcome


@shared_task(name="notifications.tasks.send_messages", ignore_result=True)
def send_messages(message_ids: list[int]) -> int:
    """Fan a batch out into one task per message, so each retries and is rate-limited on its own."""
    for message_id in message_ids:
        send_message.delay(message_id)
    return len(message_ids)


@shared_task(name="notifications.tasks.sweep_messages", ignore_result=True)
def sweep_messages() -> dict:
    return sending.messages_sweep()
