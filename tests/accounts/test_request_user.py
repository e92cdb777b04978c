"""``request.user`` and its roles are read in one query on every request (accounts.backends.user_with_roles),
and sessions live in the cache and the database (``cached_db``): what changes shows on the next request.

Each test logs in through the real session machinery, changes the thing the way the project's own code
paths change it (including a bulk insert of group rows, as the cadre import does, which sends no signal),
and reads the next response.
"""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.backends import user_with_roles
from accounts.models import User
from accounts.roles import TEAM_LEADERS, TRAINERS
from courses import services
from tests.courses.builders import build_course

pytestmark = pytest.mark.django_db


def test_the_user_and_the_roles_come_in_one_query_converted_like_the_orm(world):
    world.leader.last_login = datetime.datetime(2026, 3, 4, 5, 6, 7, tzinfo=datetime.UTC)
    world.leader.save(update_fields=["last_login"])
    with CaptureQueriesContext(connection) as queries:
        user = user_with_roles(world.leader.pk)
    assert len(queries.captured_queries) == 1
    assert user._kns_roles == set(world.leader.groups.values_list("name", flat=True)) == {"Cadres", TEAM_LEADERS}
    orm = User.objects.get(pk=world.leader.pk)
    for field in User._meta.concrete_fields:
        mine, theirs = getattr(user, field.attname), getattr(orm, field.attname)
        assert mine == theirs and type(mine) is type(theirs), field.name
    assert user.last_login.tzinfo is not None  # aware, as the ORM gives it, on SQLite too
    assert user_with_roles(10**9) is None and user_with_roles("not-a-number") is None
    assert user_with_roles(world.superuser.pk)._kns_roles == set()


def test_a_role_given_by_a_bulk_insert_shows_on_the_next_page(client, world):
    course, _ = build_course(lessons=1)
    client.force_login(world.cadre)
    assert "Duyệt minh chứng" not in client.get(course.url).content.decode()
    # The cadre import and the scale seeder write group rows in bulk: no m2m signal is sent.
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=world.cadre.pk, group_id=Group.objects.get(name=TRAINERS).pk)]
    )
    html = client.get(course.url).content.decode()
    assert "Duyệt minh chứng" in html and "wagtail-userbar" in html  # the trainer's links, at once
    User.groups.through.objects.filter(user_id=world.cadre.pk, group__name=TRAINERS).delete()
    html = client.get(course.url).content.decode()
    assert "Duyệt minh chứng" not in html and "wagtail-userbar" not in html


def test_a_deactivated_cadre_is_logged_out_at_once(client, world):
    course, steps = build_course(lessons=1)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    assert client.get(steps[0].url).status_code == 200
    User.objects.filter(pk=world.cadre.pk).update(is_active=False)  # as a bulk deactivation does
    refused = client.get(steps[0].url)
    assert refused.status_code == 302 and refused["Location"].startswith(reverse("accounts:login"))


def test_sessions_are_kept_in_the_cache_and_the_database():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"


def test_a_session_logged_out_no_longer_opens_a_page(client, world):
    course, steps = build_course(lessons=1)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(steps[0].url).status_code == 200
    client.post(reverse("accounts:logout"))

    client.cookies[settings.SESSION_COOKIE_NAME] = cookie  # the old cookie, kept by someone
    refused = client.get(steps[0].url)
    assert refused.status_code == 302 and refused["Location"].startswith(reverse("accounts:login"))


def test_a_password_changed_elsewhere_logs_the_other_sessions_out(client, world):
    course, steps = build_course(lessons=1)
    services.enrollment_create(user=world.cadre, course=course)
    client.force_login(world.cadre)
    assert client.get(steps[0].url).status_code == 200
    cadre = User.objects.get(pk=world.cadre.pk)
    cadre.set_password("một mật khẩu mới rất dài 2026")
    cadre.save()
    assert client.get(steps[0].url).status_code == 302
