"""``manage.py seed_scale --size S|M|L|XL``: synthetic data at benchmark sizes (docs/reports.md, "Scale")."""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from localities.models import Commune
from reports import scale, summaries


class Command(BaseCommand):
    help = (
        "Synthetic cadres, teams, enrolments, step completions, quiz attempts and certificates at a "
        "benchmark size (S=100, M=1,000, L=10,000, XL=100,000 cadres), then rebuilt summaries. Idempotent: "
        "the same size again only rebuilds the summaries; another size (or --reset) replaces the data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(scale.SIZES, key=scale.SIZES.get), default="S")
        parser.add_argument(
            "--reset", action="store_true", help="remove the synthetic data first (or only, with --size none)"
        )
        parser.add_argument("--seed", type=int, default=2025, help="random seed (the same seed gives the same data)")
        parser.add_argument(
            "--no-import",
            dest="import_localities",
            action="store_false",
            help="do not import the official localities when they are missing; use the communes there are",
        )
        parser.add_argument("--no-refresh", dest="refresh", action="store_false", help="do not rebuild the summaries")

    def handle(self, *args, size, reset, seed, import_localities, refresh, **options):
        if getattr(settings, "KNS_REFUSE_SYNTHETIC_DATA", False):
            raise CommandError("seed_scale refuses to run here (KNS_REFUSE_SYNTHETIC_DATA).")
        started = time.monotonic()
        if import_localities and Commune.objects.current().count() < 3000:
            self.stdout.write("importing the official localities (3,321 communes in 34 provinces)…")
            call_command("import_localities", verbosity=0)
        existing = scale.existing_size()
        if existing and (reset or existing != scale.SIZES[size]):
            self.stdout.write(f"removing {existing} synthetic cadres and their rows…")
            scale.reset()
        elif existing == scale.SIZES[size]:
            self.stdout.write(f"size {size} is already there ({existing} cadres)")
            scale.analyze()
            if refresh:
                rebuilt = summaries.rebuild()
                self.stdout.write(
                    f"summaries rebuilt: {rebuilt.communes} communes, {rebuilt.rows} rows in {rebuilt.seconds} s"
                )
            return
        communes = Commune.objects.current().count()
        if not communes:
            raise CommandError("There is no current commune: run import_localities first.")
        result = scale.seed(size=size, rng_seed=seed, refresh=refresh, progress=lambda m: self.stdout.write(f"  {m}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"seed_scale {size}: {result.cadres} cadres over {communes} communes, {result.teams} teams, "
                f"{result.enrolments} enrolments, {result.step_completions} step completions, "
                f"{result.attempts} quiz attempts, {result.certificates} certificates "
                f"in {time.monotonic() - started:.0f} s ({', '.join(f'{k} {v} s' for k, v in result.seconds.items())})"
            )
        )
