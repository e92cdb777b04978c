from django.core.management.base import BaseCommand

from accounts.roles import sync_roles


class Command(BaseCommand):
    help = "Create the role groups and set their permissions to what the apps declare (idempotent)."

    def handle(self, *args, **options):
        for name, group in sync_roles().items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
