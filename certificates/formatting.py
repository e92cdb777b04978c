"""How numbers and dates read on a certificate and its verify page (Vietnamese, in text only).

Numbers written into CSS, SVG or JSON are never formatted here: they stay plain Python numbers.
"""

import datetime
from decimal import Decimal


def format_hours(hours: Decimal | int | float) -> str:
    """4 → "4", 4.5 → "4,5": Vietnamese text writes a decimal comma."""
    value = Decimal(str(hours)).normalize()
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_date_long(day: datetime.date) -> str:
    """ "ngày 05 tháng 11 năm 2025", as Vietnamese documents write it."""
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def format_date_short(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
