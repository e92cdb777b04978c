"""Links every public page shows in its header: the catalogue, my learning, evidence review.

The catalogue's URL is the same for everyone and changes only when pages are published,
unpublished, moved or deleted: it is cached (``CATALOGUE_URL_KEY``) and the cache entry is
removed on each of those (``courses.receivers``), so the header costs no query for it.
"""

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from accounts.roles import ADMIN_ROLES, TEAM_LEADERS, TRAINERS, has_role

CATALOGUE_URL_KEY = "kns:catalogue-url"
CATALOGUE_URL_SECONDS = 24 * 3600


def catalogue_url():
    url = cache.get(CATALOGUE_URL_KEY)
    if url is None:
        from .models import CourseIndexPage

        index = CourseIndexPage.objects.live().order_by("path").first()
        url = (index.url or "") if index else ""  # "" is cached too: no catalogue yet
        cache.set(CATALOGUE_URL_KEY, url, CATALOGUE_URL_SECONDS)
    return url or None


def forget_catalogue_url() -> None:
    cache.delete(CATALOGUE_URL_KEY)


def navigation(request):
    user = getattr(request, "user", None)
    return {
        # Lazy: pages that never print the header link pay nothing for it.
        "catalogue_url": SimpleLazyObject(catalogue_url),
        "is_reviewer": SimpleLazyObject(
            lambda: bool(user and user.is_authenticated and has_role(user, TEAM_LEADERS, TRAINERS))
        ),
        # Wagtail's user bar (edit this page) only for those who work in the admin: for a cadre it
        # would cost two permission queries to print nothing. The roles are read once per request.
        "shows_userbar": SimpleLazyObject(
            lambda: bool(user and user.is_authenticated and has_role(user, *ADMIN_ROLES))
        ),
    }
