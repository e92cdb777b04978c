"""Issuer signing keys: ``issuer_keys create`` (the first), ``rotate`` (a new one signs from now
on, the old one keeps verifying), ``list``. See docs/certificates.md, "Open Badges"."""

from django.core.management.base import BaseCommand, CommandError

from certificates import keys
from certificates.models import IssuerKey


class Command(BaseCommand):
    help = "Create, rotate or list the Ed25519 keys that sign Open Badges credentials and QR payloads."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "rotate", "list"])

    def handle(self, *args, action, **options):
        if action == "create":
            if IssuerKey.objects.filter(active=True).exists():
                raise CommandError("An active key exists already; use 'rotate' to replace it.")
            key = keys.active_key()
            self.stdout.write(f"created {key.kid} (active), private key in {keys.key_dir() / key.private_file}")
        elif action == "rotate":
            old = IssuerKey.objects.filter(active=True).first()
            key = keys.key_rotate()
            retired = f"; {old.kid} retired, still published" if old else ""
            self.stdout.write(f"created {key.kid} (active){retired}")
        else:
            folder = keys.key_dir()
            for key in IssuerKey.objects.order_by("created_at", "pk"):
                state = "active" if key.active else f"retired {key.retired_at:%Y-%m-%d %H:%M}"
                present = "ok" if (folder / key.private_file).is_file() else "MISSING private file"
                self.stdout.write(f"{key.kid}  {key.created_at:%Y-%m-%d %H:%M}  {state}  {present}")
