from django.core.management.base import BaseCommand

from reports import summaries


class Command(BaseCommand):
    help = "Rebuild the dashboards' summary rows: every commune, or the communes given (former ones map to successors)."

    def add_arguments(self, parser):
        parser.add_argument("commune_ids", nargs="*", type=int, help="commune ids (default: all)")

    def handle(self, *args, commune_ids, **options):
        result = summaries.rebuild(commune_ids or None)
        self.stdout.write(f"Rebuilt {result.communes} communes: {result.rows} rows in {result.seconds} s.")
