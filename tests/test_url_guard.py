"""Default-deny, walked: every URL of ours declares a rule, and the rule holds for every role and method.

"Ours" includes what Wagtail serves for us (``accounts.checks``): the default views its generic
ViewSets add (copy, usage, inspect, history, choosers), snippets, settings, bulk actions and
editing-session pings. For each such URL (one test per URL, so a failure names it) the guard:

- builds the URL from a sample in ``tests/access_samples.py``: objects of province A, and, for views
  that reach people, a person of higher privilege (``HIGHER_PRIVILEGE_SAMPLES``);
- sends every method the view accepts (GET, POST and whatever else its class defines), with a valid
  CSRF token (``enforce_csrf_checks``), as each role: anonymous, cadre, team leader, trainer, commune
  manager (A1), province manager (A), the other province's manager (B) and a superuser;
- expects a refusal (login redirect, Wagtail's redirect to the dashboard, 403, 404 or 405) from every
  role the rule does not allow, from B's manager for any object of province A, and from everyone but a
  superuser for a person of higher privilege; no 5xx from anyone;
- checks that no response to any role names a person outside that role's scope, or shows their phone.

The same walk over the whole role × URL × method matrix is the bar of issue 16: 0 responses outside
a role's rule. It runs on the ``world`` of tests/conftest.py, built once for the module; each URL's
test rolls back what its requests wrote.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.core.checks import run_checks
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path, reverse
from django.views.generic.edit import ProcessFormView
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from accounts import audit
from accounts.access import LOGGED_IN, access, rule_for, scoped
from accounts.checks import guarded_urls, unguarded_page_types, unguarded_urls
from accounts.models import User
from accounts.personal_data_views import PERSONAL_DATA_EXPORT
from accounts.roles import CADRES, MANAGERS
from certificates.keys import active_key
from tests.access_samples import HIGHER_PRIVILEGE_SAMPLES, SCOPED_LISTING_MARKERS, sample_for, second_manager_a
from tests.conftest import build_world
from tests.factories import UserFactory

LOGIN_REDIRECT = re.compile(r"/(accounts|admin)/login/")
CSRF_TOKEN = "kns0guard0token0kns0guard0token0"  # 32 characters: a CSRF secret, sent back as the token
METHODS = ("get", "post", "put", "patch", "delete")
# Roles that must be refused come first; each request is rolled back anyway (``walk``).
ROLES = ("anonymous", "cadre", "leader", "trainer", "manager_b", "commune_manager", "manager_a", "superuser")
PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


# --- what the guard walks -----------------------------------------------------------------------------


def walked_urls():
    return [(route, name, callback) for route, name, callback in guarded_urls()]


def _url_id(entry):
    route, name, _callback = entry
    return f"{name or 'unnamed'} {route}"


def route_params(route: str) -> set[str]:
    return {a or b for a, b in PARAM.findall(route)}


def build_url(route, name, world, samples=None) -> str | None:
    params = route_params(route)
    if not name:
        pytest.fail(f"URL {route!r} has no name; name it so the guard can reach it")
    if not params:
        return reverse(name) if samples is None else None
    sample = sample_for(name, samples)
    if sample is None:
        if samples is not None:
            return None
        pytest.fail(
            f"URL {route!r} ({name}) takes parameters {sorted(params)} but tests/access_samples.py has no sample "
            f"for it. Add SAMPLES[{name!r}] (or its namespace) returning kwargs for an object of province A, "
            "so the guard can prove that out-of-scope people are refused."
        )
    values = sample(world)
    query = values.pop("_query", None)
    try:
        url = reverse(name, kwargs={key: value for key, value in values.items() if key in params})
    except NoReverseMatch as error:
        pytest.fail(f"the sample for {name!r} does not fit {route!r}: {error}")
    return url + ("?" + urlencode(query) if query else "")


def accepted_methods(callback) -> list[str]:
    view_class = getattr(callback, "view_class", None)
    if view_class is None:
        return ["get", "post"]  # a function view: it answers 405 itself to what it does not take
    methods = [method for method in METHODS if hasattr(view_class, method)]
    if "post" in methods and getattr(view_class, "put", None) is ProcessFormView.put:
        methods.remove("put")  # Django's form views answer PUT by calling post(): already sent
    return methods


# --- the matrix: what the walk sent and how it was answered, for the figures of issue 16's bar ---------


@dataclass
class Matrix:
    urls: set = field(default_factory=set)  # URL names walked
    requests: int = 0  # role x URL x method requests sent
    by_method: Counter = field(default_factory=Counter)
    by_role: Counter = field(default_factory=Counter)
    refused: int = 0  # of which refused (login redirect, dashboard redirect, 401, 403, 404, 405)
    must_refuse: int = 0  # of which the rule required a refusal
    outside: int = 0  # responses outside the role's rule (any problem: not refused, leak, change, 5xx)


MATRIX = Matrix()


# --- the world of the walk ----------------------------------------------------------------------------


@dataclass
class GuardWorld:
    world: object
    users: dict
    hidden: dict  # role -> texts (names, phones) that must never reach that role
    public: list  # texts public pages show anyone: the certificate holder's name on the verify page
    # Markers that replace SCOPED_LISTING_MARKERS' for this world; a marker may return several texts
    # (any of them shows the listing answers in scope; none may reach B's manager).
    markers: dict = field(default_factory=dict)


PHONES = {"cadre": "+84977000101", "leader": "+84977000102", "manager_a": "+84977000103"}


def _person_texts(*people) -> list[str]:
    texts = []
    for person in people:
        texts.append(person.full_name)
        if person.phone:
            texts += [person.phone, "0" + person.phone[3:]]
    return texts


def build_guard_world(world=None, *, phones=PHONES) -> GuardWorld:
    """The walk's people on ``world`` (the tests' own, built here, unless given: the demo walk maps
    seed_demo's people onto a World, tests/test_url_guard_demo.py), plus a cadre in commune A2 and one in
    province B. ``phones`` are set on the world's people (the demo keeps its own)."""
    world = world or build_world()
    for attr, phone in (phones or {}).items():
        person = getattr(world, attr)
        person.phone = phone
        person.save(update_fields=["phone"])
    a2_cadre = UserFactory(
        username="a2_cadre",
        full_name="Đinh Thị Phường Hai",
        commune=world.commune_a2,
        phone="+84977000201",
        roles=[CADRES],
    )
    b1_cadre = UserFactory(
        username="b1_cadre", full_name="Vũ Văn Tỉnh Bê", commune=world.commune_b1, phone="+84977000301", roles=[CADRES]
    )
    users = {
        "anonymous": None,
        "cadre": world.cadre,
        "leader": world.leader,
        "trainer": world.trainer,
        "commune_manager": world.commune_manager_a1,
        "manager_a": world.manager_a,
        "manager_b": world.manager_b,
        "superuser": world.superuser,
    }
    phone_only = lambda person: [person.phone, "0" + person.phone[3:]]  # noqa: E731
    hidden = {
        # The verify page is public and names the cadre as a certificate's holder: only their phone is hidden.
        "anonymous": [
            *_person_texts(a2_cadre, b1_cadre, world.leader, world.manager_a, world.manager_b),
            *phone_only(world.cadre),
        ],
        "cadre": [*_person_texts(a2_cadre, b1_cadre, world.manager_b), *phone_only(world.leader)],
        "leader": _person_texts(a2_cadre, b1_cadre, world.manager_b),
        "trainer": [*_person_texts(a2_cadre, b1_cadre, world.manager_b), *phone_only(world.cadre)],
        "commune_manager": _person_texts(a2_cadre, b1_cadre, world.manager_b),
        "manager_a": _person_texts(b1_cadre, world.manager_b),
        "manager_b": _person_texts(world.cadre, world.leader, a2_cadre, world.manager_a, world.commune_manager_a1),
        "superuser": [],
    }
    return GuardWorld(world=world, users=users, hidden=hidden, public=[world.cadre.full_name])


@pytest.fixture(scope="module")
def guard(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once; each test's own transaction (the ``db`` fixture) is a savepoint inside."""
    media = tmp_path_factory.mktemp("guard-media")
    with (
        override_settings(MEDIA_ROOT=media / "public", PRIVATE_MEDIA_ROOT=media / "private"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        built = build_guard_world()
        prepare_walk(built)
        yield built
        transaction.set_rollback(True)


def prepare_walk(built: GuardWorld) -> None:
    """Samples build their objects on first use: build them all now, once, and not in every test."""
    for route, name, _callback in walked_urls():
        for samples in (None, HIGHER_PRIVILEGE_SAMPLES):
            if name and route_params(route) and sample_for(name, samples):
                sample_for(name, samples)(built.world)
    for marker in SCOPED_LISTING_MARKERS.values():  # some markers are objects built on first use too
        marker(built.world)
    # A site in use (see GET_MAY_WRITE): everyone's Wagtail profile, and the issuer's signing key.
    for person in User.objects.all():
        UserProfile.get_for_user(person)
    active_key()


@pytest.fixture
def _media_root():
    """The module's media settings hold for the whole walk (the samples' files live there)."""


# --- the checks ---------------------------------------------------------------------------------------


def refused(response) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return True
    if response.status_code == 302:
        location = response["Location"]
        return bool(LOGIN_REDIRECT.search(location)) or location in ("/admin/", reverse("wagtailadmin_home"))
    return False


def body_text(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


def send(client, method: str, url: str):
    data = {"csrfmiddlewaretoken": CSRF_TOKEN}
    if method == "get":
        return client.get(url)
    if method == "post":
        return client.post(url, data)
    return getattr(client, method)(url, data=urlencode(data), content_type="application/x-www-form-urlencoded")


def expected_refusal(role, rule, *, has_object: bool, users) -> bool:
    user = users[role]
    if user is None:
        return rule.kind != "public"
    if not rule.allows(user):
        return True
    # Province B's manager may use every scoped view, but no object of province A.
    return rule.kind == "scoped" and has_object and role == "manager_b"


def person_state(person) -> tuple:
    from accounts.models import User

    row = User.objects.filter(pk=person.pk).values_list(
        "is_active", "is_superuser", "is_staff", "password", "full_name", "phone", "commune_id"
    )
    return (list(row), sorted(User.objects.get(pk=person.pk).groups.values_list("name", flat=True)))


# "No GET changes state" (issue 16): a GET may write only these, and nothing else, for any role.
# - Wagtail's record of who has an edit view open (its "someone else is editing" notice);
# - our audit of who looked at personal data (a listing, a team's page, a download), in Wagtail's log.
# The walk's world is a site in use: every person has their Wagtail profile and the issuer's key exists
# (Wagtail makes a profile on a person's first admin page, and certificates.keys the first key on first
# need: one row each, ever, which the walk would otherwise see on every GET, since each is rolled back).
GET_MAY_WRITE = frozenset({"wagtailadmin_editingsession", "wagtailcore_modellogentry"})
READ_AUDIT_ACTIONS = frozenset(
    {
        audit.PEOPLE_LIST_VIEW,
        audit.TEAM_LIST_VIEW,
        audit.TEAM_VIEW,
        audit.PERSONAL_DATA_DOWNLOAD,
        audit.LOGIN_SHEET_DOWNLOAD,
        PERSONAL_DATA_EXPORT,  # a person's own ZIP, made and downloaded in the request (a manager's is by POST)
    }
)
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def written_tables(queries) -> set[str]:
    return {m.group(1) for q in queries.captured_queries if (m := WRITE.match(q["sql"]))}


def get_writes(where: str, tables: set[str], logged: set[str]) -> list[str]:
    problems = [f"{where}: wrote to {table}" for table in sorted(tables - GET_MAY_WRITE)]
    problems += [f"{where}: logged {action}, not a record of reading" for action in sorted(logged - READ_AUDIT_ACTIONS)]
    return problems


def walk(
    guard: GuardWorld, route, name, callback, url, *, target=None, roles=ROLES, answers=None, matrix=None
) -> list[str]:
    """Send every method as every role; return what went wrong (empty when the rule holds).

    ``target``: a person of higher privilege whom the URL reaches. Everyone but a superuser must then be
    refused, or answer without naming them and without changing them (a bulk action leaves them out).
    ``answers``, if given, collects each role's GET answer as (status, text) for ``check_in_scope``.
    ``matrix``, if given, counts every request and every response outside the rule (``MATRIX``).
    """
    rule = rule_for(name, callback)
    problems = []
    has_object = bool(route_params(route))
    before = person_state(target) if target is not None else None
    for role in roles:
        user = guard.users[role]
        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        client.cookies["csrftoken"] = CSRF_TOKEN
        if user is not None:
            client.force_login(user)
        hidden = guard.hidden[role]
        if rule.kind == "public":  # what anyone may see (the holder's name on the verify page)
            hidden = [text for text in hidden if text not in guard.public]
        if target is not None and role != "superuser":
            hidden = [*hidden, *_person_texts(target)]
        for method in accepted_methods(callback):
            cache.clear()  # the login rate limit and lockouts count across requests
            # Every request starts from the same rows: a POST that deletes or moves the sample (as a
            # role allowed to) must not make a later role's refusal look right.
            with transaction.atomic():
                last_log = ModelLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
                with CaptureQueriesContext(connection) as queries:
                    response = send(client, method, url)
                    text = body_text(response)
                changed = target is not None and person_state(target) != before
                logged = set(ModelLogEntry.objects.filter(pk__gt=last_log).values_list("action", flat=True))
                transaction.set_rollback(True)
            if answers is not None and method == "get":
                answers[role] = (response.status_code, text, refused(response))
            where = f"{method.upper()} {url} as {role}"
            must_refuse = expected_refusal(role, rule, has_object=has_object, users=guard.users)
            before_count = len(problems)
            if method == "get":
                problems += get_writes(where, written_tables(queries), logged)
            if response.status_code >= 500:
                error = getattr(response, "exc_info", None)
                problems.append(
                    f"{where}: {response.status_code} {error[1]!r}" if error else f"{where}: {response.status_code}"
                )
            else:
                if must_refuse and not refused(response):
                    problems.append(f"{where}: {response.status_code}, but the rule {rule} refuses this role here")
                if changed and role != "superuser":
                    problems.append(f"{where}: changed {target.username}, a person of higher privilege")
                leaked = [secret for secret in hidden if secret in text]
                if leaked:
                    problems.append(f"{where}: the response shows {leaked}, outside this role's scope")
            if matrix is not None:
                matrix.urls.add(name)
                matrix.requests += 1
                matrix.by_method[method.upper()] += 1
                matrix.by_role[role] += 1
                matrix.refused += refused(response)
                matrix.must_refuse += must_refuse
                matrix.outside += len(problems) > before_count
    return problems


def check_in_scope(guard: GuardWorld, route, name, callback, url, answers) -> list[str]:
    """Scoped views really answer in scope (a guard that refuses everything proves nothing).

    Read from the walk's GET answers: the superuser and province A's manager reach the object, and a
    scoped listing shows A's marker to A's manager and not to B's.
    """
    rule = rule_for(name, callback)
    problems = []
    if rule.kind != "scoped" or "get" not in accepted_methods(callback):
        return problems
    world = guard.world
    status, _text, was_refused = answers["superuser"]
    if was_refused or status >= 400:
        problems.append(f"GET {url} as superuser: {status} (is the sample right?)")
    status, text, _was_refused = answers["manager_a"]
    marker = guard.markers.get(name) or SCOPED_LISTING_MARKERS.get(name)
    if route_params(route):
        if status in (403, 404):
            problems.append(f"GET {url} as the province manager in scope: {status}")
    elif marker is None:
        problems.append(f"{url}: a scoped listing needs a marker in SCOPED_LISTING_MARKERS (tests/access_samples.py)")
    else:
        texts = marker(world)
        texts = [texts] if isinstance(texts, str) else list(texts)
        if not any(marker_text in text for marker_text in texts):
            problems.append(f"GET {url}: the in-scope manager does not see {texts[:3]!r}")
        seen = [marker_text for marker_text in texts if marker_text in answers["manager_b"][1]]
        if seen:
            problems.append(f"GET {url}: province B's manager sees {seen[:3]!r} of province A")
    return problems


# --- the tests ----------------------------------------------------------------------------------------


def test_every_url_and_page_type_declares_a_rule():
    assert unguarded_urls() == []
    assert unguarded_page_types() == []
    assert [e for e in run_checks() if e.id.startswith("kns.")] == []


def test_guard_sees_what_wagtail_adds_for_us():
    names = {name for _route, name, _cb in walked_urls()}
    assert {
        "accounts:login",
        "healthz",
        "wagtailusers_users:index",
        "wagtailusers_users:edit",
        "communes:index",
        "communes:inspect",
        # Wagtail's own views, built for our models or acting on them:
        "teams:usage",
        "teams:history",
        "wagtailsnippets_certificates_certificatetemplate:copy",
        "wagtailsnippetchoosers_certificates_certificatetemplate:choose",
        "wagtailadmin_editing_sessions:ping",
        "wagtail_bulk_action",
        "wagtailadmin_reports:site_history_results",
        "wagtailsettings:edit",
    } <= names
    # The people ViewSet offers only the views we mean to offer.
    people = {name.split(":")[1] for name in names if name and name.startswith("wagtailusers_users:")}
    assert people == {"index", "index_results", "add", "edit", "delete", "history", "history_results"}


@pytest.mark.django_db
@pytest.mark.parametrize("entry", walked_urls(), ids=_url_id)
def test_url_refuses_everyone_outside_its_rule(guard, entry):
    problems = walk_url(guard, entry, MATRIX)
    assert problems == [], "\n".join(problems)


def walk_url(guard: GuardWorld, entry, matrix: Matrix) -> list[str]:
    """One URL's whole walk: its sample as every role and method, in scope, and with a higher person."""
    route, name, callback = entry
    url = build_url(route, name, guard.world)
    answers = {}
    problems = walk(guard, route, name, callback, url, answers=answers, matrix=matrix)
    problems += check_in_scope(guard, route, name, callback, url, answers)
    higher = build_url(route, name, guard.world, HIGHER_PRIVILEGE_SAMPLES)
    if higher is not None:
        problems += walk(guard, route, name, callback, higher, target=second_manager_a(guard.world), matrix=matrix)
    return problems


def test_the_matrix_of_the_walk(request):
    """Issue 16's bar, in figures the lead can quote: printed (even under -q) and asserted.

    Runs after the per-URL tests above (pytest keeps the file's order); when only some of them ran
    (``-k``, ``-x`` stopping early), the figures would be partial, so it skips.
    """
    check_matrix(request, MATRIX, "URL guard matrix (issue 16's bar):")


def check_matrix(request, matrix: Matrix, title: str) -> None:
    """Print the figures of a whole walk (even under -q) and assert them: 0 responses outside a rule."""
    names = {name for _route, name, _callback in walked_urls()}
    if matrix.urls != names:
        pytest.skip(f"the walk covered {len(matrix.urls)} of {len(names)} URLs in this run: no figures")
    with_object = sum(bool(route_params(route)) for route, _name, _cb in walked_urls())
    higher = sum(
        bool(route_params(route) and sample_for(name, HIGHER_PRIVILEGE_SAMPLES)) for route, name, _cb in walked_urls()
    )
    lines = [
        title,
        f"  roles: {len(ROLES)} ({', '.join(ROLES)})",
        f"  URLs: {len(names)} ({with_object} with an object of province A; {higher} walked again with a person "
        "of higher privilege)",
        f"  methods sent: {dict(sorted(matrix.by_method.items()))}",
        f"  requests: {matrix.requests} ({matrix.requests // len(ROLES)} URL x method pairs x {len(ROLES)} roles)",
        f"  refused: {matrix.refused}, of which the rule required {matrix.must_refuse}",
        f"  responses outside a role's rule: {matrix.outside}",
    ]
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n" + "\n".join(lines))
    assert set(matrix.by_role.values()) == {matrix.requests // len(ROLES)}  # every role got every request
    assert matrix.must_refuse <= matrix.refused
    assert matrix.outside == 0


# --- the guard itself fails for what it must catch ---------------------------------------------------


def _unguarded_view(request):
    from django.http import HttpResponse

    return HttpResponse("open to everyone by accident")


_unguarded_view.__module__ = "home.views"


def _leaky_team_viewset():
    """A new ViewSet for one of our models, whose default views carry a rule but filter nothing."""
    from wagtail.admin.viewsets.model import ModelViewSet

    from accounts.models import Team

    rule = scoped(MANAGERS)

    class RuleOnlyMixin:
        access_rule = rule

    class LeakyTeamViewSet(ModelViewSet):
        model = Team
        form_fields = ["name", "village"]
        inspect_view_enabled = True

        def construct_view(self, view_class, **kwargs):
            marked = type(view_class.__name__, (RuleOnlyMixin, view_class), {})
            return super().construct_view(marked, **kwargs)

    return LeakyTeamViewSet("leaky_teams", url_prefix="leaky-teams")


def _bare_team_viewset():
    from wagtail.admin.viewsets.model import ModelViewSet

    from accounts.models import Team

    class BareTeamViewSet(ModelViewSet):
        model = Team
        form_fields = ["name"]

    return BareTeamViewSet("bare_teams", url_prefix="bare-teams")


def _names_everyone(request):
    """A scoped listing with no object by id (so no refusal is due) that forgets the scope in its body."""
    from django.http import HttpResponse

    return HttpResponse(", ".join(f"{p.full_name} {p.phone}" for p in User.objects.order_by("pk")))


def _writes_on_get(request):
    """A page whose GET changes state: it renames whoever opens it, and logs an action that is not a read."""
    from django.http import HttpResponse

    User.objects.filter(pk=request.user.pk).update(position="Đã mở trang")
    log(request.user, "wagtail.edit", user=request.user)
    return HttpResponse("ok")


_names_everyone.__module__ = _writes_on_get.__module__ = "home.views"  # "ours", as a new view would be
_names_everyone = access(scoped(MANAGERS))(_names_everyone)
_writes_on_get = access(LOGGED_IN)(_writes_on_get)
_bare = _bare_team_viewset()
_leaky = _leaky_team_viewset()
urlpatterns = [
    path("oops/", _unguarded_view, name="oops"),
    path("names-everyone/", _names_everyone, name="names_everyone"),
    path("writes-on-get/", _writes_on_get, name="writes_on_get"),
    path("admin/bare-teams/", include((_bare.get_urlpatterns(), "bare_teams"), namespace="bare_teams")),
    path("admin/leaky-teams/", include((_leaky.get_urlpatterns(), "leaky_teams"), namespace="leaky_teams")),
    path("", include("config.urls")),
]


@override_settings(ROOT_URLCONF=__name__)
def test_check_fails_for_new_urls_without_a_rule_wagtails_default_views_included():
    errors = [e for e in run_checks() if e.id == "kns.E001"]
    flagged = {e.msg.split("'")[1] for e in errors}
    assert "oops/" in flagged
    # Every default view of a newly registered ViewSet for one of our models: its module is wagtail's.
    for view in ("", "new/", "edit/<int:pk>/", "delete/<int:pk>/", "usage/<int:pk>/", "copy/<int:pk>/"):
        assert f"admin/bare-teams/{view}" in flagged
    assert not any("leaky-teams" in route for route in flagged)  # these carry a rule...


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_walk_fails_for_a_new_viewset_whose_default_views_are_not_scoped(guard):
    # ...but the rule is not kept: the walk sees province B's manager reach province A's team.
    leaky = [entry for entry in guarded_urls() if (entry[1] or "").startswith("leaky_teams:")]
    assert {name.split(":")[1] for _route, name, _cb in leaky} >= {"edit", "inspect", "usage", "copy", "history"}
    world = guard.world
    failures = {}
    for route, name, callback in leaky:
        if route_params(route):
            url = reverse(name, kwargs={"pk": world.team_a1.pk})
            failures[name] = walk(guard, route, name, callback, url, roles=("manager_b",))
    for view in ("edit", "inspect", "usage", "copy", "history", "delete"):
        problems = failures[f"leaky_teams:{view}"]
        assert any("as manager_b" in problem for problem in problems), problems


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_walk_fails_for_a_page_that_names_people_outside_the_scope(guard):
    [(route, name, callback)] = [entry for entry in guarded_urls() if entry[1] == "names_everyone"]
    problems = walk(guard, route, name, callback, reverse(name), roles=("manager_b", "commune_manager", "superuser"))
    world = guard.world
    # B's manager is shown A's people and their phones, A1's manager the province manager and A2's cadre.
    leaks = [problem for problem in problems if "outside this role's scope" in problem]
    assert any("as manager_b" in p and world.cadre.full_name in p and PHONES["cadre"] in p for p in leaks), problems
    assert any("as commune_manager" in p and "Đinh Thị Phường Hai" in p for p in leaks), problems
    assert not any("as superuser" in problem for problem in problems)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_walk_fails_for_a_get_that_changes_state(guard):
    [(route, name, callback)] = [entry for entry in guarded_urls() if entry[1] == "writes_on_get"]
    problems = walk(guard, route, name, callback, reverse(name), roles=("cadre",))
    assert any("GET" in p and "wrote to accounts_user" in p for p in problems), problems
    assert any("GET" in p and "logged wagtail.edit" in p for p in problems), problems
    assert not any(p.startswith("POST") for p in problems), problems  # a POST may write


def test_a_url_with_parameters_and_no_sample_fails_loudly():
    with pytest.raises(pytest.fail.Exception, match="has no sample"):
        build_url("admin/new-feature/<int:pk>/", "new_feature:detail", None)


# --- admin POSTs whose target is in the form, not the URL (issue 10) ----------------------------------

# The walk above sends these POSTs empty, so an out-of-scope manager only meets a form error there. Here
# each role posts a complete form for a target of province A: the one allowed (province A's manager)
# creates the rule, and every other role (wrong role, province B, a neighbouring commune's manager) is
# refused or shown the form's error, with nothing written.
ASSIGNMENT_TARGETS = {
    "province": lambda world: world.province_a,
    "commune": lambda world: world.commune_a1,
    "team": lambda world: world.team_a1,
}
ASSIGNMENT_POSTS = [
    # (role, target field, allowed)
    ("manager_a", "commune", True),
    ("cadre", "commune", False),  # wrong roles
    ("leader", "team", False),
    ("trainer", "commune", False),
    ("manager_b", "province", False),  # out of scope: another province's manager
    ("manager_b", "commune", False),
    ("manager_b", "team", False),
    ("commune_manager", "province", False),  # a commune manager never assigns a province
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "field", "allowed"), ASSIGNMENT_POSTS, ids=lambda v: str(v))
def test_assignment_rule_post_with_a_target_of_province_a(guard, role, field, allowed):
    import datetime

    from django.utils import timezone

    from courses.models import Assignment, CoursePage, Enrollment
    from tests.access_samples import course_a1

    world = guard.world
    course = CoursePage.objects.get(pk=course_a1(world)["course_id"])
    data = {
        "csrfmiddlewaretoken": CSRF_TOKEN,
        "course": course.pk,
        "due_date": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        field: ASSIGNMENT_TARGETS[field](world).pk,
    }
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = CSRF_TOKEN
    client.force_login(guard.users[role])
    rules, enrolments = Assignment.objects.count(), Enrollment.objects.count()
    cache.clear()
    response = client.post(reverse("assignments:add"), data)
    written = (Assignment.objects.count() - rules, Enrollment.objects.count() - enrolments)
    if allowed:
        assert response.status_code == 302, response.status_code
        assert written[0] == 1
        return
    text = body_text(response)
    form_error = response.status_code == 200 and ("error-message" in text or "errorlist" in text)
    assert refused(response) or form_error, (response.status_code, response.get("Location"))
    assert written == (0, 0)
