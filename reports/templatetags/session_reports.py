"""``{% session_report level object %}``: the training-sessions section of a dashboard page (reports.sessions)."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def session_report(context, level, obj):
    from reports.sessions import render_section

    request = context["request"]
    html = render_section(request=request, level=level, obj=obj, can_export=bool(context.get("can_export")))
    return mark_safe(html)  # noqa: S308 - a rendered template (autoescaped)
