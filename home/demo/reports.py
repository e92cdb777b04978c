"""Demo data for the managers' dashboards: targets, a round of reminders, fresh summary rows.

The work lives in ``reports`` (``reports.demo``); ``home`` sits below ``reports`` in the layers and
never imports it, so this calls its management command by name. Run it last in ``seed_demo``.
"""

from django.core.management import call_command


def seed_reports() -> None:
    call_command("seed_reports_demo", verbosity=0)
