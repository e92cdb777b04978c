"""Emptying the caches that make pages cheap when what they hold changes.

- The Sites (``home.routing``): when a Site is saved or deleted, or a site's root page is saved.
- The organisation settings (``home.context_processors``): when they are saved or deleted.
- The header's catalogue link (``courses.context_processors``): when a page is published,
  unpublished, moved, renamed or a catalogue deleted.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from courses.context_processors import forget_catalogue_url
from courses.models import CourseIndexPage

from .context_processors import forget_organisation_settings
from .models import OrganisationSettings
from .routing import forget_sites


@receiver(post_save, sender=Site, dispatch_uid="home.forget_sites_on_site_save")
@receiver(post_delete, sender=Site, dispatch_uid="home.forget_sites_on_site_delete")
def forget_sites_on_site_change(sender, **kwargs):
    forget_sites()


@receiver(post_save, dispatch_uid="home.forget_sites_on_root_page_save")
def forget_sites_on_root_page_save(sender, instance, **kwargs):
    # A site's root page sits at depth 2 (under Wagtail's tree root); its url_path prefixes every route.
    if isinstance(instance, Page) and instance.depth is not None and instance.depth <= 2:
        forget_sites()


@receiver(page_published, dispatch_uid="home.forget_catalogue_url_on_publish")
@receiver(page_unpublished, dispatch_uid="home.forget_catalogue_url_on_unpublish")
@receiver(post_page_move, dispatch_uid="home.forget_catalogue_url_on_move")
@receiver(page_slug_changed, dispatch_uid="home.forget_catalogue_url_on_slug_change")
@receiver(post_delete, sender=CourseIndexPage, dispatch_uid="home.forget_catalogue_url_on_delete")
def forget_catalogue_url_on_page_change(sender, **kwargs):
    forget_catalogue_url()


@receiver(post_save, sender=OrganisationSettings, dispatch_uid="home.forget_organisation_settings_on_save")
@receiver(post_delete, sender=OrganisationSettings, dispatch_uid="home.forget_organisation_settings_on_delete")
def forget_organisation_settings_on_change(sender, instance, **kwargs):
    forget_organisation_settings(instance.site_id)
