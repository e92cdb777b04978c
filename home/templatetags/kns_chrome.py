"""The site header and footer, rendered once per state and reused.

Every public page renders the same header for everyone in the same state: the language, whether the
person is logged in, the name shown, the links their roles open (evidence review, their team) and the
catalogue's URL. Rendering it cost a tenth of a lesson page (eight URL reversals, a dozen translations,
an include). ``{% site_header %}`` keeps the rendered HTML in the cache under a key made of everything
it shows, so a change of any of them (a role given, a name corrected, another language) is a new key,
not a stale entry, and nothing needs forgetting. The two things that differ on every request are put in
after: the CSRF token of its forms and the current address the language switcher returns to.
``{% site_footer %}`` does the same for the footer (the organisation's name and contacts, the language).

The key also holds a digest of the templates and of the translation catalogues, read once per process,
so a deployment that changes either never serves the previous rendering.
"""

import functools
import hashlib
from pathlib import Path

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

HEADER = "includes/header.html"
FOOTER = "includes/footer.html"
SWITCHER = "includes/language_switcher.html"
SECONDS = 3600
# Put in the cached HTML where the per-request values go; letters only, so escaping leaves them alone.
_ORGANISATION = template.Variable("settings.home.OrganisationSettings")
CSRF_MARK = "knsCsrfTokenMark"
NEXT_MARK = "knsNextPathMark"


@functools.cache
def _build_digest(engine) -> str:
    parts = [engine.get_template(name).source for name in (HEADER, FOOTER, SWITCHER)]
    for root in settings.LOCALE_PATHS:
        for catalogue in sorted(Path(root).glob("*/LC_MESSAGES/django.mo")):
            parts.append(f"{catalogue}:{catalogue.stat().st_mtime_ns}")
    return hashlib.sha1("\n".join(parts).encode(), usedforsecurity=False).hexdigest()[:16]


def _key(kind: str, context, shown: tuple) -> str:
    digest = hashlib.sha1(repr(shown).encode(), usedforsecurity=False).hexdigest()
    return f"kns:{kind}:{_build_digest(context.template.engine)}:{get_language()}:{digest}"


def _render(context, name: str, **marks) -> str:
    with context.push(**marks):
        return context.template.engine.get_template(name).render(context)


@register.simple_tag(takes_context=True)
def site_header(context):
    request = context.get("request")
    token = context.get("csrf_token")
    if request is None or not token or token == "NOTPROVIDED":  # noqa: S105 (Django's marker, not a secret)
        return _render(context, HEADER)  # outside a request (an error page): rendered as it stands
    user = context.get("user")
    logged_in = bool(user is not None and user.is_authenticated)
    shown = (
        get_script_prefix(),
        logged_in,
        user.get_full_name() if logged_in else "",
        bool(logged_in and context.get("is_reviewer")),
        str(context.get("team_page_url") or "") if logged_in else "",
        str(context.get("catalogue_url") or ""),
    )
    key = _key("header", context, shown)
    html = cache.get(key)
    if html is None:
        html = _render(context, HEADER, csrf_token=CSRF_MARK, header_next_path=NEXT_MARK)
        cache.set(key, html, SECONDS)
    html = html.replace(CSRF_MARK, str(token)).replace(NEXT_MARK, escape(request.get_full_path()))
    return mark_safe(html)  # noqa: S308 (our template; the path is escaped, the token is letters and digits)


@register.simple_tag(takes_context=True)
def site_footer(context):
    try:
        org = _ORGANISATION.resolve(context)  # as the footer itself reads it
    except template.VariableDoesNotExist:
        org = None
    fields = ("name", "address", "contact_phone", "contact_email")
    shown = (get_script_prefix(), *(str(getattr(org, name, "") or "") for name in fields))
    key = _key("footer", context, shown)
    html = cache.get(key)
    if html is None:
        html = _render(context, FOOTER)
        cache.set(key, html, SECONDS)
    return mark_safe(html)  # noqa: S308 (our template)
