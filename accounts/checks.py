"""System check: every URL and page type of ours declares an access rule (default deny).

"Ours" is wider than "written in our modules": Wagtail's generic ViewSets add views of their own
(copy, usage, inspect, history, choosers) whose module is ``wagtail``, and a snippet, a setting or a
chooser of one of our models is served by Wagtail's views. A URL is ours when:

- its view's module is one of our apps (or ``config``), or
- its view was built for one of our models (``as_view(model=...)`` by a ViewSet, a snippet, a
  chooser, a setting, or a view class whose ``model`` is ours), or
- it is one of Wagtail's generic views that act on our objects by id (editing-session pings, bulk
  actions, Site history, settings), listed with their rules in ``accounts.access.WAGTAIL_VIEW_RULES``.

``kns.E001`` fails for each such URL without a rule; ``tests/test_url_guard.py`` walks them all.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, register
from django.urls import URLPattern, URLResolver, get_resolver

from .access import WAGTAIL_VIEW_RULES, rule_for


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


def callback_model(callback):
    """The model a view was built for (a ViewSet passes it to ``as_view``), if any."""
    model = (getattr(callback, "view_initkwargs", None) or {}).get("model")
    if model is None:
        model = getattr(getattr(callback, "view_class", None), "model", None)
    return model if isinstance(model, type) and hasattr(model, "_meta") else None


def is_ours(callback, labels: set[str], name: str | None = None) -> bool:
    if callback_module(callback).split(".")[0] in labels | {"config"}:
        return True
    model = callback_model(callback)
    if model is not None and model._meta.app_label in labels:
        return True
    return bool(name) and name in WAGTAIL_VIEW_RULES


def guarded_urls() -> list[tuple[str, str | None, object]]:
    """Every URL the guard covers: (route, qualified name, callback)."""
    labels = project_app_labels()
    return [(route, name, callback) for route, name, callback in iter_url_patterns() if is_ours(callback, labels, name)]


def unguarded_urls() -> list[tuple[str, str, str]]:
    return [
        (route, name or "", callback_module(callback))
        for route, name, callback in guarded_urls()
        if rule_for(name, callback) is None
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
