"""The one seam through which services queue sending: on commit, importing the tasks lazily."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def queue_send(message_ids: list[int]) -> None:
    """Queue sending of these messages once the current transaction commits (now, outside one)."""
    ids = list(message_ids)
    if ids:
        transaction.on_commit(lambda: _queue(ids))


def _queue(ids: list[int]) -> None:
    from .tasks import send_message, send_messages

    try:
        if len(ids) == 1:
            send_message.delay(ids[0])
        else:
            send_messages.delay(ids)
    except Exception:  # the broker is down: the sweeper queues rows left queued (docs/notifications.md)
        logger.exception("notifications: could not queue %s message(s)", len(ids))
