"""notify(): the one way the project sends a person a message (docs/notifications.md).

``notify`` and ``notify_many`` only write rows and queue work on commit; the Celery task
``notifications.tasks.send_message`` sends each row through its channel's backend
(``notifications.sending``).
"""

import json
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone, translation

from . import jobs, kinds, routing
from .models import Message, NotificationPreference

logger = logging.getLogger(__name__)


def _checked_context(kind: str, context: dict | None) -> dict:
    if kind not in kinds.KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}")
    context = dict(context or {})
    # Stored on the row and read again by a worker: refuse what JSON cannot carry, here, not there.
    json.dumps(context)
    return context


def _templates(kind: str) -> tuple[str, str]:
    """The kind's subject and text in the cadre's language, not that of whoever triggered the message;
    translated once per call of notify/notify_many, filled per person."""
    spec = kinds.KINDS[kind]
    with translation.override(settings.LANGUAGE_CODE):
        return str(spec.subject), str(spec.text)


def _build(
    user,
    kind: str,
    context: dict,
    preference,
    *,
    idempotency_key: str | None,
    forced: str | None,
    templates: tuple[str, str],
):
    channel, address, reason = routing.choose(
        user,
        preferred=preference[0] if preference else "",
        opted_out=preference[1] if preference else False,
        opt_out_allowed=kinds.KINDS[kind].opt_out_allowed,
        forced=forced,
    )
    now = timezone.now()
    # The name as it was when the message was written: the templates and Zalo's template_data read it.
    context = {**context, "full_name": user.get_full_name()}
    subject, text = (kinds.fill(template, context) for template in templates)
    fields = {"context": context, "subject": subject, "text": text, "reason": reason}
    if not channel:
        # Nothing will be sent: a secret (a login code) has no reason to be stored at all.
        fields.update(kinds.redacted(kind, context, subject=subject, text=text, reason=reason))
    return Message(
        user_id=user.pk,
        kind=kind,
        channel=channel,
        address=address,
        context=fields["context"],
        subject=fields["subject"][:255],
        text=fields["text"],
        status=Message.Status.QUEUED if channel else Message.Status.SKIPPED,
        reason=fields["reason"],
        idempotency_key=idempotency_key,
        created_at=now,
        queued_at=now,
    )


def notify(
    user, kind: str, context: dict | None = None, *, idempotency_key: str | None = None, channel: str | None = None
) -> Message | None:
    """Record a message to ``user`` and queue its sending on commit.

    The channel is ``channel`` when given (and enabled, and the person has an address for it),
    else the person's preferred channel, else the first of ``settings.NOTIFY_CHANNELS`` they have
    an address for. Returns None when nothing will be sent (opted out, no address, inactive): the
    row is kept as ``skipped`` with the reason. With an ``idempotency_key`` already used, nothing
    new is written and the earlier message is returned (None if it was skipped).
    """
    context = _checked_context(kind, context)
    if idempotency_key:
        existing = Message.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing if existing.status != Message.Status.SKIPPED else None
    preference = NotificationPreference.objects.filter(user_id=user.pk).values_list("channel", "opted_out").first()
    message = _build(
        user, kind, context, preference, idempotency_key=idempotency_key, forced=channel, templates=_templates(kind)
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # Another call with the same key won the race: theirs is the message.
        existing = Message.objects.filter(idempotency_key=idempotency_key).first() if idempotency_key else None
        if existing is None:
            raise
        return existing if existing.status != Message.Status.SKIPPED else None
    if message.status == Message.Status.SKIPPED:
        logger.info("notifications: %s to user %s not sent (%s)", kind, user.pk, message.reason)
        return None
    jobs.queue_send([message.pk])
    return message


def notify_many(user_ids: Iterable[int], kind: str, context: dict | None = None, *, idempotency_prefix: str) -> int:
    """Notify many people at once (a course rolled out to a province): returns how many were queued.

    Works in batches of ``settings.NOTIFY_BULK_BATCH`` people with a fixed number of queries per
    batch (people, preferences, one bulk insert, the ids inserted) and one queued task per batch.
    Each person's key is ``f"{idempotency_prefix}:{user_id}"``: running it again for the same
    people writes nothing new (rows still queued are queued again, which sends nothing twice).
    """
    context = _checked_context(kind, context)
    User = get_user_model()
    ids = list(dict.fromkeys(int(pk) for pk in user_ids))
    size = settings.NOTIFY_BULK_BATCH
    templates = _templates(kind)
    queued = 0
    for start in range(0, len(ids), size):
        batch = ids[start : start + size]
        with transaction.atomic():
            people = User.objects.filter(pk__in=batch).only(
                "pk", "is_active", "phone", "email", "full_name", "username"
            )
            preferences = {
                row[0]: row[1:]
                for row in NotificationPreference.objects.filter(user_id__in=batch).values_list(
                    "user_id", "channel", "opted_out"
                )
            }
            rows = [
                _build(
                    person,
                    kind,
                    context,
                    preferences.get(person.pk),
                    idempotency_key=f"{idempotency_prefix}:{person.pk}",
                    forced=None,
                    templates=templates,
                )
                for person in people
            ]
            # A key already used (a rerun) is left as it is.
            Message.objects.bulk_create(rows, ignore_conflicts=True)
            message_ids = list(
                Message.objects.filter(
                    idempotency_key__in=[row.idempotency_key for row in rows], status=Message.Status.QUEUED
                ).values_list("pk", flat=True)
            )
            queued += len(message_ids)
            jobs.queue_send(message_ids)
    return queued


@transaction.atomic
def preference_set(*, user, channel: str, opted_out: bool) -> NotificationPreference:
    """Record how a person wants to be reached: a channel ("" = automatic) and whether they opt out."""
    if channel and channel not in routing.enabled_channels():
        raise ValueError(f"Channel {channel!r} is not enabled")
    preference, _created = NotificationPreference.objects.update_or_create(
        user_id=user.pk, defaults={"channel": channel, "opted_out": opted_out}
    )
    return preference


# Reasons that are fixed words of ours, never anything about the person: kept when a person is anonymised.
KNOWN_REASONS = (routing.OPTED_OUT, routing.NO_ADDRESS, routing.INACTIVE, routing.CHANNEL_DISABLED, "rate_limited")


def messages_forget(*, user_id: int) -> int:
    """Anonymising a person: their messages keep kind, channel, status and times (the counts) and
    lose the address, the subject, the text, what filled them, and a reason in free text (a
    gateway's reply may quote the phone number or the text); our own reason words stay."""
    return Message.objects.filter(user_id=user_id).update(
        address="",
        subject="",
        text="",
        context={},
        reason=Case(When(reason__in=KNOWN_REASONS, then=F("reason")), default=Value("")),
    )
