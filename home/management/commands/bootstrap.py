from django.core.management.base import BaseCommand

from home.services import site_bootstrap


class Command(BaseCommand):
    help = "Prepare a production site (root and home pages, default site, roles) without demo data. Idempotent."

    def handle(self, *args, **options):
        home = site_bootstrap()
        self.stdout.write(self.style.SUCCESS(f"Site ready; home page: {home.url_path} (id {home.pk})."))
