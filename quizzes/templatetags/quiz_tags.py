"""Durations for people (``15 phút``) and for the countdown (``14:59``)."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duration(seconds) -> str:
    """1 giờ 30 phút, 15 phút, 45 giây."""
    try:
        seconds = max(0, int(seconds))
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(_("%(n)d giờ") % {"n": hours})
    if minutes:
        parts.append(_("%(n)d phút") % {"n": minutes})
    if secs or not parts:
        parts.append(_("%(n)d giây") % {"n": secs})
    return " ".join(parts)


@register.filter
def clock(seconds) -> str:
    """The countdown as m:ss or h:mm:ss, never localised."""
    try:
        seconds = max(0, int(seconds))
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
