from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Demo targets and reminders for the dashboards, then rebuild every summary row (idempotent)."

    def handle(self, *args, **options):
        if not getattr(settings, "KNS_ALLOW_DEMO_DATA", False):
            raise CommandError(
                "seed_reports_demo refuses to run here: demo data is never loaded under production settings."
            )
        from reports.demo import seed_reports

        result = seed_reports()
        self.stdout.write(
            f"Reports demo: {result['targets']} targets, {result['reminders']} reminders, "
            f"summaries of {result['communes']} communes rebuilt in {result['seconds']} s."
        )
