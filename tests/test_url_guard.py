"""Default-deny, walked: every URL of ours declares a rule, and the rule holds for the wrong people."""

import re

import pytest
from django.core.checks import run_checks
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from accounts.access import rule_for_callback
from accounts.checks import is_ours, iter_url_patterns, project_app_labels, unguarded_page_types, unguarded_urls
from accounts.roles import user_roles
from tests.access_samples import SCOPED_LISTING_MARKERS, sample_for

LOGIN_REDIRECT = re.compile(r"/(accounts|admin)/login/")


def our_urls():
    labels = project_app_labels()
    return [(route, name, cb) for route, name, cb in iter_url_patterns() if is_ours(cb, labels)]


def build_url(route, name, world):
    has_params = "<" in route or "(?P" in route
    if has_params:
        sample = sample_for(name)
        if sample is None:
            pytest.fail(f"URL {route!r} ({name}) takes parameters: add a sample to tests/access_samples.py")
        return reverse(name, kwargs=sample(world))
    try:
        return reverse(name)
    except NoReverseMatch:
        pytest.fail(f"URL {route!r} has no name; name it so the guard can reach it")


def test_every_url_and_page_type_declares_a_rule():
    assert unguarded_urls() == []
    assert unguarded_page_types() == []
    assert [e for e in run_checks() if e.id.startswith("kns.")] == []


def test_guard_sees_our_urls():
    names = {name for _route, name, _cb in our_urls()}
    # The walk must actually reach our public pages and our admin ViewSet views.
    assert {
        "accounts:login",
        "healthz",
        "wagtailusers_users:index",
        "wagtailusers_users:edit",
        "communes:index",
        "communes:inspect",
    } <= names


def _unguarded_view(request):
    from django.http import HttpResponse

    return HttpResponse("open to everyone by accident")


_unguarded_view.__module__ = "home.views"

from django.urls import include, path  # noqa: E402

urlpatterns = [path("oops/", _unguarded_view, name="oops"), path("", include("config.urls"))]


@override_settings(ROOT_URLCONF=__name__)
def test_check_fails_for_a_new_url_without_a_rule():
    errors = [e for e in run_checks() if e.id == "kns.E001"]
    assert len(errors) == 1
    assert "oops/" in errors[0].msg


def _refused(response):
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and bool(LOGIN_REDIRECT.search(response["Location"]))


def _wrong_role_user(rule, world):
    for user in (world.cadre, world.trainer, world.manager_b, world.leader):
        if not (user_roles(user) & set(rule.roles)):
            return user
    return None


@pytest.mark.django_db
def test_every_url_refuses_the_wrong_people(client, world):
    checked = 0
    for route, name, callback in our_urls():
        rule = rule_for_callback(callback)
        url = build_url(route, name, world)

        client.logout()
        response = client.get(url)
        if rule.kind == "public":
            assert response.status_code < 500, f"{url}: public URL failed for anonymous ({response.status_code})"
        else:
            assert _refused(response), f"{url}: anonymous got {response.status_code}"

        if rule.kind in ("role", "scoped"):
            wrong = _wrong_role_user(rule, world)
            assert wrong is not None, f"{url}: no wrong-role user in the world for {rule}"
            client.force_login(wrong)
            response = client.get(url)
            assert _refused(response), f"{url}: {wrong.username} (wrong role) got {response.status_code}"

        if rule.kind == "scoped":
            client.force_login(world.manager_b)
            response = client.get(url)
            marker = SCOPED_LISTING_MARKERS.get(name)
            if "<" in route:
                assert response.status_code in (403, 404), f"{url}: out-of-scope manager got {response.status_code}"
            elif marker:
                assert marker(world) not in response.content.decode(), f"{url}: leaks province A to manager B"
            else:
                pytest.fail(f"{url}: scoped listing needs a marker in tests/access_samples.py")
            # The same object is reachable in scope (a view the role may not use at all, such as
            # deleting people, still refuses by permission, never by pretending the object is gone).
            client.force_login(world.manager_a)
            response = client.get(url)
            assert response.status_code not in (403, 404), f"{url}: in-scope manager got {response.status_code}"
            client.force_login(world.superuser)
            assert client.get(url).status_code == 200, f"{url}: superuser cannot open it"
            if marker:
                client.force_login(world.manager_a)
                response = client.get(url)
                assert marker(world) in response.content.decode(), f"{url}: in-scope manager does not see the marker"
        checked += 1
    assert checked >= 8
