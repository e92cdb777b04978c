"""Wagtail's page view restrictions (privacy), checked in one query instead of two, and that one cached.

Wagtail reads the page's ancestors (to resolve aliases) and then the restrictions on all of them,
on every page served. The project does not use view restrictions (page types declare an
``access_rule``), but one set in the admin must still hold: the ancestors' tree paths are
prefixes of the page's own path, so one query finds the restrictions on the page, on its
ancestors and on the pages any of them is an alias of.

Whether that query finds anything is remembered per page until the tree changes
(``courses.page_cache.pages_version``, replaced when a page is published, moved, saved or deleted,
and when a restriction is saved or deleted: ``courses.page_cache``). With none, the answer is an
empty queryset that asks the database nothing; with some, the real query, so the admin's privacy
view and Wagtail's serve hook see the rows themselves.
"""

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

SECONDS = 24 * 3600


def _restrictions(page: Page):
    step = page.steplen
    paths = [page.path[:end] for end in range(step, len(page.path) + 1, step)]
    alias_sources = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of_id")
    return PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page_id__in=alias_sources))


def view_restrictions(page: Page):
    from .page_cache import pages_version

    key = f"kns:restricted:{page.path}:{pages_version()}"
    restricted = cache.get(key)
    if restricted is None:
        restricted = _restrictions(page).exists()
        cache.set(key, restricted, SECONDS)
    return _restrictions(page) if restricted else PageViewRestriction.objects.none()
