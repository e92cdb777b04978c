"""What every public page may show: the cadre's open notices (reminders) and, for team leaders,
the link to their team's page.

Both are lazy and cached per user for a few minutes (``NOTICE_FLAG_SECONDS``), so a page that
does not show them, or a user who has none, costs no query; sending a reminder or dismissing a
notice resets the cache.
"""

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

MAX_SHOWN = 3


def _notices(user):
    from .models import Notice
    from .services import NOTICE_FLAG_SECONDS, notice_flag_key

    key = notice_flag_key(user.pk)
    if cache.get(key) == 0:
        return []
    found = list(
        Notice.objects.filter(user=user, dismissed_at__isnull=True).order_by("-created_at", "-pk")[: MAX_SHOWN + 1]
    )
    cache.set(key, len(found), NOTICE_FLAG_SECONDS)
    return found[:MAX_SHOWN]


def _team_url(user):
    from django.urls import reverse

    from accounts.roles import TEAM_LEADERS, has_role

    key = f"reports:leads:{user.pk}"
    cached = cache.get(key)
    if cached is None:
        from accounts.models import TeamMembership

        leads = has_role(user, TEAM_LEADERS) and TeamMembership.objects.filter(user=user, role="leader").exists()
        cached = 1 if leads else 0
        cache.set(key, cached, 300)
    return reverse("reports:my_team") if cached else ""


def notices(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "site_notices": SimpleLazyObject(lambda: _notices(user)),
        "team_page_url": SimpleLazyObject(lambda: _team_url(user)),
    }
