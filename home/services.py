"""Preparing a site: root page, home page, default Site, locale, collection and roles. Idempotent."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Collection, Locale, Page, Site

from accounts.roles import sync_roles

from .models import HomePage, OrganisationSettings

HOME_INTRO = (
    "Nền tảng học và thực hành kỹ năng số cho cán bộ tuyên giáo, dân vận và thành viên "
    "Tổ công nghệ số cộng đồng ở mỗi xã, phường."
)


@transaction.atomic
def site_bootstrap(*, hostname: str = "localhost", port: int = 80) -> HomePage:
    """Make sure the page tree, the default site and the roles exist, without any demo data.

    Safe to run on an empty database (after a test flush) and on a live site:
    existing pages and sites are kept as they are.
    """
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")

    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))

    home = HomePage.objects.first()
    if home is None:
        # Wagtail's first migration leaves a plain "Welcome" page at the site root; replace it.
        Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
        root.refresh_from_db()
        home = root.add_child(instance=HomePage(title=_("Kỹ Năng Số"), slug="home", intro=HOME_INTRO))
        home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Kỹ Năng Số")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    # Wagtail creates a site's settings row on first read; created here, showing a page never writes it.
    OrganisationSettings.for_site(site or Site.objects.get(is_default_site=True))
    sync_roles()
    return home
