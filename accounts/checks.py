"""System check: every URL and page type of ours declares an access rule (default deny)."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, register
from django.urls import URLPattern, URLResolver, get_resolver

from .access import rule_for_callback


def project_app_labels() -> set[str]:
    base = Path(settings.BASE_DIR).resolve()
    venv = base / ".venv"
    labels = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and not path.is_relative_to(venv):
            labels.add(config.name.split(".")[0])
    return labels


def iter_url_patterns(resolver=None, prefix="", namespace=""):
    """Yield (route, qualified name, callback) for every URL pattern, depth first."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from iter_url_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield prefix + str(entry.pattern), name, entry.callback


def callback_module(callback) -> str:
    target = getattr(callback, "view_class", None) or getattr(callback, "__wrapped__", None) or callback
    return getattr(target, "__module__", "") or ""


def is_ours(callback, labels: set[str]) -> bool:
    return callback_module(callback).split(".")[0] in labels | {"config"}


def unguarded_urls() -> list[tuple[str, str, str]]:
    labels = project_app_labels()
    return [
        (route, name or "", callback_module(callback))
        for route, name, callback in iter_url_patterns()
        if is_ours(callback, labels) and rule_for_callback(callback) is None
    ]


def unguarded_page_types() -> list[type]:
    from wagtail.models import Page

    labels = project_app_labels()
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model._meta.app_label in labels and "access_rule" not in model.__dict__
    ]


@register(Tags.security, Tags.urls)
def check_access_rules(app_configs=None, **kwargs):
    errors = []
    for route, name, module in unguarded_urls():
        errors.append(
            Error(
                f"The URL {route!r} ({name or 'unnamed'}, {module}) declares no access rule.",
                hint="Decorate the view with accounts.access.access(PUBLIC | LOGGED_IN | role(...) | scoped(...)).",
                id="kns.E001",
            )
        )
    for model in unguarded_page_types():
        errors.append(
            Error(
                f"The page type {model._meta.label} declares no access_rule.",
                hint="Set access_rule = PUBLIC, LOGGED_IN, role(...) or scoped(...) on the page class.",
                obj=model,
                id="kns.E002",
            )
        )
    return errors
