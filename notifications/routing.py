"""Which channel reaches a person: their preference first, then settings.NOTIFY_CHANNELS in order."""

from django.conf import settings

from .models import Channel

# Which attribute of the user carries the address each channel needs.
ADDRESS_ATTRIBUTE = {Channel.SMS: "phone", Channel.ZALO: "phone", Channel.EMAIL: "email"}

OPTED_OUT = "opted_out"
NO_ADDRESS = "no_address"
INACTIVE = "inactive"
CHANNEL_DISABLED = "channel_disabled"


def enabled_channels() -> list[str]:
    return [c for c in settings.NOTIFY_CHANNELS if c in ADDRESS_ATTRIBUTE]


def address_for(user, channel: str) -> str:
    return (getattr(user, ADDRESS_ATTRIBUTE[channel], None) or "").strip()


def choose(
    user, *, preferred: str = "", opted_out: bool = False, opt_out_allowed: bool = True, forced: str | None = None
) -> tuple[str, str, str]:
    """Return ``(channel, address, "")`` or ``("", "", reason)`` when nothing can be sent."""
    if not user.is_active:
        return "", "", INACTIVE
    if opted_out and opt_out_allowed:
        return "", "", OPTED_OUT
    enabled = enabled_channels()
    if forced:
        if forced not in enabled:
            return "", "", CHANNEL_DISABLED
        order = [forced]
    else:
        order = ([preferred] if preferred in enabled else []) + [c for c in enabled if c != preferred]
    for channel in order:
        address = address_for(user, channel)
        if address:
            return channel, address, ""
    return "", "", NO_ADDRESS
