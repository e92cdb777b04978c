"""Writes messages to the log and keeps them in ``outbox`` (dev and tests): nothing leaves the machine."""

import logging

logger = logging.getLogger("notifications.console")

# Like django.core.mail.outbox: what the console backend "sent" in this process.
outbox: list = []


class ConsoleBackend:
    def send(self, message) -> str:
        outbox.append(message)
        logger.info("[%s → %s] %s", message.channel, message.address, message.text)
        return f"console-{message.pk}"
