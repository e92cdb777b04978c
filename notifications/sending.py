"""Sending one message: claim, send through the channel's backend, record the outcome.

The claim is a conditional UPDATE (queued → sending): of two workers given the same id (a
retry, a duplicate delivery, the sweeper), one sends and the other finds nothing to do. A
transient failure puts the row back to queued for a retry with backoff, until
settings.NOTIFY_MAX_ATTEMPTS; a refusal fails it for good, with the reason.

A message whose kind has secrets (a login code) loses them in the UPDATE that records its final
status (sent, failed), so no row outlives its send with a usable code; the reason and the log
lines are scrubbed of them too, since a gateway may echo the text back in its error.
"""

import logging
import traceback
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from . import kinds, ratelimit
from .backends import Refused, Transient, get_backend
from .models import Message

logger = logging.getLogger(__name__)

SENT = "sent"
FAILED = "failed"
RETRY = "retry"
RATE_LIMITED = "rate_limited"
NOTHING = "nothing"


@dataclass(frozen=True)
class SendResult:
    outcome: str
    # Seconds to wait before the task tries again; None when it should not.
    retry_in: int | None = None
    # True when an eager run (dev, tests) should retry at once rather than leave it to the sweeper.
    retry_now: bool = False


def backoff(attempts: int) -> int:
    return settings.NOTIFY_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)


INTERRUPTED = "interrupted: the worker stopped while sending"


def _finish(message_id: int, **fields) -> None:
    Message.objects.filter(pk=message_id, status=Message.Status.SENDING).update(**fields)


def _ended(message: Message, *, reason: str, **fields) -> dict:
    """The fields of the UPDATE that ends ``message``: its status fields plus, for a kind with
    secrets, the context, subject, text and reason with the secrets masked."""
    if message.kind not in kinds.SECRET_KINDS:
        return {**fields, "reason": reason}
    return {
        **fields,
        **kinds.redacted(message.kind, message.context, subject=message.subject, text=message.text, reason=reason),
    }


def message_send(*, message_id: int) -> SendResult:
    message = Message.objects.filter(pk=message_id, status=Message.Status.QUEUED).first()
    if message is None:
        return SendResult(NOTHING)
    wait = ratelimit.wait_seconds(message.channel)
    if wait:
        Message.objects.filter(pk=message_id, status=Message.Status.QUEUED).update(reason="rate_limited")
        return SendResult(RATE_LIMITED, retry_in=wait)
    now = timezone.now()
    claimed = Message.objects.filter(pk=message_id, status=Message.Status.QUEUED).update(
        status=Message.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return SendResult(NOTHING)
    message.refresh_from_db(fields=["attempts", "status"])
    secrets = kinds.secret_values(message.kind, message.context)
    try:
        reference = get_backend(message.channel).send(message)
    except Transient as exc:
        reason = kinds.scrub(str(exc), secrets)[:255]
        if message.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
            _finish(message_id, **_ended(message, status=Message.Status.FAILED, reason=reason))
            logger.warning(
                "notifications: message %s failed after %s attempts: %s", message_id, message.attempts, reason
            )
            return SendResult(FAILED)
        # Going back to the queue: the retry still needs the secret, only the reason loses it.
        _finish(message_id, status=Message.Status.QUEUED, reason=reason, queued_at=timezone.now())
        return SendResult(RETRY, retry_in=backoff(message.attempts), retry_now=True)
    except Refused as exc:
        reason = kinds.scrub(str(exc), secrets)[:255]
        _finish(message_id, **_ended(message, status=Message.Status.FAILED, reason=reason))
        logger.warning("notifications: message %s refused: %s", message_id, reason)
        return SendResult(FAILED)
    except Exception as exc:  # noqa: BLE001 - a bug or an unforeseen error: recorded (scrubbed), never retried blindly
        reason = kinds.scrub(f"{exc.__class__.__name__}: {exc}", secrets)[:255]
        _finish(message_id, **_ended(message, status=Message.Status.FAILED, reason=reason))
        # The traceback as text, scrubbed: an exception's message may quote the text that held a code.
        detail = kinds.scrub("".join(traceback.format_exception(exc)), secrets)
        logger.error("notifications: message %s raised\n%s", message_id, detail)
        return SendResult(FAILED)
    _finish(
        message_id,
        **_ended(
            message,
            status=Message.Status.SENT,
            sent_at=timezone.now(),
            reason="",
            provider_ref=(reference or "")[:100],
        ),
    )
    return SendResult(SENT)


def messages_sweep() -> dict:
    """Queue again what was left queued (broker down, rate-limited in an eager run, a lost retry);
    fail what stayed ``sending`` too long: a worker died mid-send, and whether the gateway got it
    is unknown, so it is not sent again (at most once)."""
    from . import jobs

    now = timezone.now()
    stale = now - timedelta(seconds=settings.NOTIFY_SENDING_STALE_SECONDS)
    stuck = Message.objects.filter(status=Message.Status.SENDING, claimed_at__lt=stale)
    interrupted = 0
    # Rows with a secret are few (codes people asked for): each is failed and redacted on its own.
    for message in stuck.filter(kind__in=kinds.SECRET_KINDS).only("pk", "kind", "context", "subject", "text"):
        interrupted += stuck.filter(pk=message.pk).update(
            **_ended(message, status=Message.Status.FAILED, reason=INTERRUPTED)
        )
    interrupted += stuck.exclude(kind__in=kinds.SECRET_KINDS).update(status=Message.Status.FAILED, reason=INTERRUPTED)
    cutoff = now - timedelta(seconds=settings.NOTIFY_REQUEUE_SECONDS)
    ids = list(
        Message.objects.filter(status=Message.Status.QUEUED, queued_at__lt=cutoff)
        .order_by("queued_at")
        .values_list("pk", flat=True)[: settings.NOTIFY_SWEEP_LIMIT]
    )
    if ids:
        Message.objects.filter(pk__in=ids, status=Message.Status.QUEUED).update(queued_at=now)
        size = settings.NOTIFY_BULK_BATCH
        for start in range(0, len(ids), size):
            jobs.queue_send(ids[start : start + size])
    return {"requeued": len(ids), "interrupted": interrupted}
