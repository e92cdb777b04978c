"""Links every public page shows in its header: the catalogue, my learning, evidence review."""

from django.utils.functional import SimpleLazyObject

from accounts.roles import TEAM_LEADERS, TRAINERS, has_role


def _catalogue_url():
    from .models import CourseIndexPage

    index = CourseIndexPage.objects.live().order_by("path").first()
    return index.url if index else None


def navigation(request):
    user = getattr(request, "user", None)
    return {
        # Lazy: pages that never print the header link pay no query for it.
        "catalogue_url": SimpleLazyObject(_catalogue_url),
        "is_reviewer": SimpleLazyObject(
            lambda: bool(user and user.is_authenticated and has_role(user, TEAM_LEADERS, TRAINERS))
        ),
    }
