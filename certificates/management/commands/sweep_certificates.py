from django.core.management.base import BaseCommand

from certificates.services import certificates_sweep


class Command(BaseCommand):
    help = (
        "Issue certificates for completions that have none, queue renders that died or were lost, "
        "delete expired ZIP exports. Beat runs the same every minute; this is for operators."
    )

    def handle(self, *args, **options):
        counts = certificates_sweep()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
