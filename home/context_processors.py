"""The request's Wagtail Site and organisation settings from the cache, before the page asks for them.

Wagtail looks the Site up with ``Site.find_for_request`` and the settings with
``OrganisationSettings.for_request``; both read what is already set on the request. Set here from
the cache (``home.routing`` for the Site; ``ORGANISATION_KEY`` for the settings, dropped when they
are saved: ``home.receivers``), the header, footer and ``{% pageurl %}`` cost no query, on Wagtail
pages and on our own views (my learning, account pages) alike. Returns nothing to templates.
"""

from django.core.cache import cache

from .models import OrganisationSettings
from .routing import site_for_request

ORGANISATION_KEY = "kns:organisation-settings:{}"
ORGANISATION_SECONDS = 24 * 3600


def forget_organisation_settings(site_id: int) -> None:
    cache.delete(ORGANISATION_KEY.format(site_id))


def site(request):
    site = site_for_request(request)
    attribute = OrganisationSettings.get_cache_attr_name()
    if site is not None and not hasattr(request, attribute):
        key = ORGANISATION_KEY.format(site.pk)
        settings = cache.get(key)
        if settings is None:
            settings = OrganisationSettings.for_site(site)
            cache.set(key, settings, ORGANISATION_SECONDS)
        settings._request = request  # as for_request does, for its page URLs
        setattr(request, attribute, settings)
    return {}
