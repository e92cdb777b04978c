"""Default-deny access: every view and page type of ours declares who may use it.

A view is declared with ``@access(RULE)`` (functions or class-based views), a
Wagtail ViewSet with an ``access_rule`` class attribute, a page type with an
``access_rule`` class attribute. The system check in ``accounts.checks`` fails
when a URL or page type of ours has no rule, and ``tests/test_url_guard.py``
walks every URL with an anonymous user, a user of the wrong role and an
out-of-scope manager.

Rules:
- ``PUBLIC``: anyone.
- ``LOGGED_IN``: any active, logged-in user.
- ``role(...)``: logged-in users holding one of the roles (superusers always).
- ``scoped(...)``: like ``role``, and every object the view reaches by id is
  additionally checked against the user's locality scope by the view itself,
  answering 404 when it is outside. The guard test proves that for each one.

Wagtail's own views that our ViewSets and models bring into play, but that we do not build
(editing-session pings, bulk actions, Site history), have their rule in ``WAGTAIL_VIEW_RULES``
by URL name, enforced by ``accounts.middleware.AdminScopeMiddleware``. Objects those generic
views reach by id are checked with ``object_visible``, which asks the check the model's scoped
ViewSet registered (``register_object_check``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .roles import MANAGERS, TRAINERS, has_role
from .slugs import AsciiSlugPage

NOT_ALLOWED = _("Bạn không có quyền truy cập trang này.")


@dataclass(frozen=True)
class Rule:
    kind: str  # "public" | "logged_in" | "role" | "scoped"
    roles: tuple[str, ...] = ()
    admin: bool = False

    def allows(self, user) -> bool:
        if self.kind == "public":
            return True
        if not (user.is_authenticated and user.is_active):
            return False
        if self.kind == "logged_in":
            return True
        return has_role(user, *self.roles)

    def __str__(self):
        return self.kind if not self.roles else f"{self.kind}({', '.join(self.roles)})"


PUBLIC = Rule("public")
LOGGED_IN = Rule("logged_in")


def role(*roles: str, admin: bool = False) -> Rule:
    return Rule("role", tuple(roles), admin)


def scoped(*roles: str, admin: bool = True) -> Rule:
    return Rule("scoped", tuple(roles), admin)


def enforce(rule: Rule, request):
    """Return a response that refuses the request, or None when the rule allows it."""
    if rule.allows(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(NOT_ALLOWED)


def access(rule: Rule):
    """Declare and enforce who may use a view (a function or a View class)."""

    def decorate(view):
        if isinstance(view, type):
            original_dispatch = view.dispatch

            @wraps(original_dispatch)
            def dispatch(self, request, *args, **kwargs):
                refused = enforce(rule, request)
                return refused or original_dispatch(self, request, *args, **kwargs)

            view.dispatch = dispatch
            view.access_rule = rule
            return view

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            refused = enforce(rule, request)
            return refused or view(request, *args, **kwargs)

        wrapped.access_rule = rule
        return wrapped

    return decorate


ADMIN_STAFF = role(TRAINERS, MANAGERS, admin=True)
SUPERUSERS = role(admin=True)  # no role is enough: superusers only

# Wagtail views we keep and do not build, by URL name. Each also checks what it reaches:
# site history is narrowed per role, pings check the object (accounts.middleware); bulk actions
# are replaced by scoped ones for people (accounts.bulk_actions) and the snippets' own for templates.
WAGTAIL_VIEW_RULES: dict[str, Rule] = {
    "wagtailadmin_reports:site_history": role(TRAINERS, admin=True),
    "wagtailadmin_reports:site_history_results": role(TRAINERS, admin=True),
    "wagtailadmin_editing_sessions:ping": ADMIN_STAFF,
    "wagtailadmin_editing_sessions:release": ADMIN_STAFF,
    "wagtail_bulk_action": ADMIN_STAFF,
    # Site settings (home.OrganisationSettings): no role holds their permission.
    "wagtailsettings:edit": SUPERUSERS,
    "wagtailsettings:preview_on_edit": SUPERUSERS,
}

_OBJECT_CHECKS: dict[type, Callable] = {}


def register_object_check(model: type, check: Callable) -> None:
    """``check(user, obj) -> bool``: whether ``user`` may reach ``obj`` (its scoped ViewSet's rule)."""
    _OBJECT_CHECKS[model] = check


def object_visible(user, obj) -> bool:
    """Whether a generic Wagtail view may name ``obj`` to ``user``; models with no scope are left to Wagtail."""
    for model in type(obj).__mro__:
        check = _OBJECT_CHECKS.get(model)
        if check is not None:
            return bool(check(user, obj))
    return True


def rule_for(name: str | None, callback) -> Rule | None:
    """The rule for a URL: the view's own, or the one declared for a Wagtail view by URL name."""
    return rule_for_callback(callback) or WAGTAIL_VIEW_RULES.get(name or "")


def rule_for_callback(callback) -> Rule | None:
    """The rule declared for a resolved URL callback, looking through ``as_view()`` and ViewSets."""
    rule = getattr(callback, "access_rule", None)
    if rule is not None:
        return rule
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        rule = getattr(view_class, "access_rule", None)
        if rule is not None:
            return rule
    return None


class AccessControlledPage(AsciiSlugPage):
    """Mixin for page models: ``serve`` enforces the page type's ``access_rule``.

    Every page type of ours has it, so it also brings the ASCII slug rule (``accounts.slugs``).
    """

    access_rule: Rule | None = None

    def serve(self, request, *args, **kwargs):
        refused = enforce(type(self).access_rule, request)
        return refused or super().serve(request, *args, **kwargs)
