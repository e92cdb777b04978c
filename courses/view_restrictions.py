"""Wagtail's page view restrictions (privacy), checked in one query instead of two.

Wagtail reads the page's ancestors (to resolve aliases) and then the restrictions on all of them,
on every page served. The project does not use view restrictions (page types declare an
``access_rule``), but one set in the admin must still hold: the ancestors' tree paths are
prefixes of the page's own path, so one query finds the restrictions on the page, on its
ancestors and on the pages any of them is an alias of.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


def view_restrictions(page: Page):
    step = page.steplen
    paths = [page.path[:end] for end in range(step, len(page.path) + 1, step)]
    alias_sources = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of_id")
    return PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page_id__in=alias_sources))
