"""Formatting for the dashboards.

``num`` and ``pct`` are for text people read (localised: a decimal comma in Vietnamese). ``raw``
is for numbers written into attributes, SVG, JSON or CSS: never localised.
"""

from django import template

from reports.charts import _num, display

register = template.Library()


@register.filter
def num(value, digits=1):
    return display(value, int(digits))


@register.filter
def pct(value, digits=1):
    if value is None:
        return "—"
    return f"{display(float(value), int(digits))} %"


@register.filter
def raw(value, digits=1):
    """An unlocalised number (a dot for decimals), for attributes and styles."""
    if value is None:
        return "0"
    return _num(float(value), int(digits))


@register.filter
def status_count(row, status):
    return row.status_count(status)
