"""Per-channel rate limit: at most settings.NOTIFY_RATE_PER_MINUTE[channel] sends per clock minute.

A fixed window counted in the cache (Redis in production, so shared by every worker; a
per-process memory cache in dev). Over the limit, the send waits for the next window: the
task retries then, the message is not dropped.
"""

import time

from django.conf import settings
from django.core.cache import cache


def wait_seconds(channel: str) -> int:
    """Take one send from this minute's allowance; 0 if allowed, else seconds until the next window."""
    limit = settings.NOTIFY_RATE_PER_MINUTE.get(channel) or 0
    if limit <= 0:
        return 0
    now = time.time()
    key = f"notify-rate:{channel}:{int(now // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=120)
        used = 1
    if used > limit:
        return 60 - int(now % 60) + 1
    return 0
