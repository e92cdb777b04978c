"""Finding the Site and the page of a request in fewer queries than Wagtail's router.

Wagtail reads the Site on every request (one query with a CASE ordering), then the root page's
specific row, then walks the tree two queries per level: a lesson five levels down cost eight
queries before its own work began. Here:

- **The Site** comes from the cache (``SITES_KEY``: every host and port seen, in one entry),
  emptied whenever a Site is saved or deleted and when a site's root page is saved
  (``home.receivers``). Like Wagtail's own cache of site root paths, which ``{% pageurl %}``
  uses, this needs a cache shared by every process when there are several (``CACHE_URL``).
- **The page** is read by primary key, in one query for its specific model. The cache maps
  a URL path to ``(page id, content type id)`` only; the page itself is always read from the
  database, and its ``url_path`` is compared with the one asked for, so a page renamed,
  moved, unpublished or deleted is never served from a stale entry: the entry is simply
  looked up again (one more query). A path no page has (a 404, or a sub-path a routable
  page answers) falls back to Wagtail's own walk.

The project has no page type that routes its children itself (``RoutablePageMixin`` on a
parent); one that did would need to be excluded here.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.models import Page, Site

from courses.page_cache import pages_version

SITES_KEY = "kns:sites"
ROUTE_KEY = "kns:route:{}"
# The entries are checked on use; the timeout only bounds how long an unused one stays.
SITES_SECONDS = 24 * 3600
ROUTE_SECONDS = 24 * 3600


def site_for_request(request) -> Site | None:
    """Wagtail's answer for this host and port (``Site._find_for_request``), from the cache when there."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (hostname, request.get_port())
    sites = cache.get(SITES_KEY) or {}
    site = sites.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is not None:
            # Read again before writing, to lose as little as possible of another process's entries.
            sites = cache.get(SITES_KEY) or {}
            sites[key] = site
            cache.set(SITES_KEY, sites, SITES_SECONDS)
    request._wagtail_site = site
    return site


def forget_sites() -> None:
    cache.delete(SITES_KEY)


def _route_key(url_path: str) -> str:
    return ROUTE_KEY.format(hashlib.sha1(url_path.encode(), usedforsecurity=False).hexdigest())


def _specific(pk: int, content_type_id: int, url_path: str) -> Page | None:
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        return None  # an entry older than the content types (a restored or flushed database): a miss
    if model is None or not issubclass(model, Page):
        return None
    page = model.objects.filter(pk=pk).first()
    return page if page is not None and page.url_path == url_path else None


def page_for_path(site: Site, path: str) -> Page | None:
    """The page at ``path`` under the site's root, specific, or None when no page has that URL path."""
    components = [component for component in path.split("/") if component]
    url_path = site.root_page.url_path + "".join(f"{component}/" for component in components)
    # The live page itself, until the tree changes: the key holds courses.page_cache's version, replaced
    # on every publish, unpublish, move, slug change, delete and page save, so a stale row is never served.
    page_key = f"{_route_key(url_path)}:page:{pages_version()}"
    page = cache.get(page_key)
    if page is not None:
        return page
    page = _page_from_database(url_path)
    if page is not None and page.live:
        cache.set(page_key, page, ROUTE_SECONDS)
    return page


def _page_from_database(url_path: str) -> Page | None:
    key = _route_key(url_path)
    entry = cache.get(key)
    if entry is not None:
        page = _specific(*entry, url_path)
        if page is not None:
            return page
    entry = Page.objects.filter(url_path=url_path).values_list("pk", "content_type_id").first()
    if entry is None:
        return None
    page = _specific(*entry, url_path)
    if page is not None:
        cache.set(key, tuple(entry), ROUTE_SECONDS)
    return page


def route_for_request(request, path: str) -> None:
    """Set what Wagtail's ``Page.route_for_request`` would find, so that its serve view finds it set."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = site_for_request(request)
    if site is None:
        return  # Wagtail answers 404 itself
    page = page_for_path(site, path)
    if page is None:
        return  # Wagtail's own walk: a 404, or a sub-path a page answers itself
    try:
        # The page's own route with no components left: the live check, as in Wagtail's walk.
        request._wagtail_route_for_request = page.route(request, [])
    except Http404:
        request._wagtail_route_for_request = None
