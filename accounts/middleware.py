"""Closing what Wagtail's own admin shows across scopes.

Wagtail's site history report (Reports → Site history) lists every log entry on every object
whose model the user has any permission for. Managers have permissions on people and teams, so
it would show a manager of one province the names of people in another, and who looked at them.
Managers who are not superusers see each person's and team's own history instead (scoped); the
report itself is refused and its menu item hidden (``accounts.wagtail_hooks``).
"""

from django.core.exceptions import PermissionDenied

from .access import NOT_ALLOWED
from .roles import MANAGERS, has_role

CROSS_SCOPE_ADMIN_VIEWS = frozenset({"wagtailadmin_reports:site_history", "wagtailadmin_reports:site_history_results"})


def sees_cross_scope_reports(user) -> bool:
    return user.is_superuser or not has_role(user, MANAGERS)


class AdminScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in CROSS_SCOPE_ADMIN_VIEWS:
            if request.user.is_authenticated and not sees_cross_scope_reports(request.user):
                raise PermissionDenied(NOT_ALLOWED)
        return None
