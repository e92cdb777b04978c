"""Closing what Wagtail's own admin shows across scopes, and the rules of the Wagtail views we keep.

Site history (Reports → Site history). Wagtail lists every log entry on every object whose model
the user holds any permission for (``ModelLogEntry.objects.viewable_by_user``). Trainers hold view
permissions on certificates, evidence, attempts, provinces and communes, so they would read, across
every province, certificate codes with their holders' names, reminders sent to communes and
teams, and managers' names. What each role sees:

- superusers: everything;
- trainers: the history of what trainers author and nothing else: pages (as Wagtail's page
  permissions allow) and the shared content models in ``SHARED_HISTORY_MODELS`` (question banks,
  questions, categories, certificate templates, course-to-template links, images, documents) — no
  people, teams, certificates, imports, exports, reminders or targets;
- managers (and everyone else): refused, and the menu item hidden (``accounts.wagtail_hooks``);
  they read each person's and team's own history, which is scoped.

It is enforced where Wagtail decides (``viewable_by_user`` and its per-user cache of content types,
which the report, its filters of users, types and actions, and its export all read): before the
view runs, that cache is set to the content types the role may see. The report's own spreadsheet
export is answered by the same view with our formula guard (``SafeSiteHistoryView``): object labels
are typed by people.

Wagtail views that are not ours but that our ViewSets and models bring into play (site history,
editing-session pings, bulk actions, the certificate-template chooser) declare their rules in
``accounts.access.WAGTAIL_VIEW_RULES``; this middleware enforces them, and for editing-session
pings it also checks the object against the same scope as its edit view (``object_visible``).
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .access import NOT_ALLOWED, WAGTAIL_VIEW_RULES, enforce, object_visible
from .roles import TRAINERS, has_role

SITE_HISTORY_VIEWS = frozenset({"wagtailadmin_reports:site_history", "wagtailadmin_reports:site_history_results"})
# Models whose log entries name no learner and no locality: what a trainer may read in Site history.
SHARED_HISTORY_MODELS = frozenset(
    {
        "quizzes.questionbank",
        "quizzes.questioncategory",
        "quizzes.question",
        "certificates.certificatetemplate",
        "certificates.coursecertificate",
        "wagtailimages.image",
        "wagtaildocs.document",
        "wagtailcore.collection",
    }
)
EDITING_SESSION_PING = "wagtailadmin_editing_sessions:ping"


def sees_cross_scope_reports(user) -> bool:
    """Whether Site history is offered at all: superusers and trainers (trainers see only shared content)."""
    return user.is_superuser or has_role(user, TRAINERS)


def shared_history_content_type_ids() -> set[int]:
    ids = set()
    for label in SHARED_HISTORY_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        ids.add(ContentType.objects.get_for_model(model).pk)
    return ids


def limit_site_history(user) -> None:
    """Pre-fill Wagtail's per-user cache of the content types whose log entries the user may read."""
    if user.is_superuser:
        return
    user._allowed_content_type_ids = shared_history_content_type_ids()


_safe_site_history = None


def safe_site_history_view():
    """Wagtail's Site history view with ``SafeSpreadsheetExportMixin``: its CSV runs no formula either."""
    global _safe_site_history
    if _safe_site_history is None:
        from wagtail.admin.views.reports.audit_logging import LogEntriesView

        from .spreadsheets import SafeSpreadsheetExportMixin

        class SafeSiteHistoryView(SafeSpreadsheetExportMixin, LogEntriesView):
            pass

        _safe_site_history = SafeSiteHistoryView.as_view()
    return _safe_site_history


def check_editing_session_ping(request, view_kwargs) -> None:
    """404 for a ping about an object outside the user's scope: it would say who edits it, and that it exists."""
    try:
        model = apps.get_model(view_kwargs["app_label"], view_kwargs["model_name"])
    except LookupError as exc:
        raise Http404 from exc
    from django.contrib.admin.utils import unquote

    obj = model._default_manager.filter(pk=unquote(view_kwargs["object_id"])).first()
    if obj is None or not object_visible(request.user, obj):
        raise Http404


class AdminScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None:
            return None
        rule = WAGTAIL_VIEW_RULES.get(match.view_name)
        if rule is not None:
            refused = enforce(rule, request)
            if refused is not None:
                return refused
        if match.view_name in SITE_HISTORY_VIEWS and request.user.is_authenticated:
            if not sees_cross_scope_reports(request.user):
                raise PermissionDenied(NOT_ALLOWED)
            limit_site_history(request.user)
            if match.view_name == "wagtailadmin_reports:site_history" and request.GET.get("export"):
                return safe_site_history_view()(request, *view_args, **view_kwargs)
        elif match.view_name == EDITING_SESSION_PING and request.user.is_authenticated:
            check_editing_session_ping(request, view_kwargs)
        return None
