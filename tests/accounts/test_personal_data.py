"""Personal data: the privacy notice, my own data (JSON, CSV), anonymising, and the log of who looked."""

import csv
import io
import json

import pytest
from axes.models import AccessLog
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts import audit
from accounts.models import CommuneChange, OneTimeLogin, TeamMembership, User
from accounts.services import commune_changes_record, one_time_login_issue, person_anonymised
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_privacy_notice_is_public_and_says_what_and_why(client):
    page = client.get(reverse("accounts:privacy")).content.decode()
    assert "Thông báo về xử lý dữ liệu cá nhân" in page
    for topic in ("Chúng tôi thu thập gì", "Để làm gì", "Ai được xem", "Lưu bao lâu", "Quyền của bạn"):
        assert topic in page
    assert "pháp luật Việt Nam về bảo vệ dữ liệu cá nhân" in page
    assert reverse("accounts:privacy") in client.get("/").content.decode()  # linked from every page's footer


def test_my_account_page_shows_my_profile_teams_and_downloads(client, world):
    client.force_login(world.cadre)
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Trần Thị Học Viên" in page and "Xã An Bình" in page
    assert "Tổ công nghệ số thôn Đông" in page
    assert reverse("accounts:my_data_csv") in page and reverse("accounts:my_data_json") in page


def test_a_cadre_downloads_their_own_data_as_json(client, world):
    world.cadre.phone = "0912 345 678"
    world.cadre.save()
    commune_changes_record(changes=[(world.cadre.pk, world.commune_a2.pk, world.commune_a1.pk)], actor=world.manager_a)
    client.force_login(world.cadre)

    response = client.get(reverse("accounts:my_data_json"))

    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    sections = data["sections"]
    profile = sections["profile"]["rows"][0]
    assert (profile["full_name"], profile["phone"], profile["commune"]) == (
        "Trần Thị Học Viên",
        "+84912345678",
        "Xã An Bình",
    )
    assert sections["teams"]["rows"][0]["team"] == "Tổ công nghệ số thôn Đông"
    assert sections["commune_changes"]["rows"][0]["from"] == "Phường Đông Hòa"
    # Nobody else's data.
    assert "Lê Văn Tổ Trưởng" not in response.content.decode()
    entry = ModelLogEntry.objects.get(action=audit.PERSONAL_DATA_DOWNLOAD)
    assert (entry.user, entry.object_id, entry.data["format"]) == (world.cadre, str(world.cadre.pk), "json")


def test_a_cadre_downloads_their_own_data_as_csv_that_excel_reads(client, world):
    world.cadre.phone = "0912 345 678"
    world.cadre.position = "=cmd|' /C calc'!A0"
    world.cadre.save()
    client.force_login(world.cadre)

    response = client.get(reverse("accounts:my_data_csv"))

    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel shows the diacritics
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Mục", "Số thứ tự", "Trường", "Giá trị"]
    values = {(row[0], row[2]): row[3] for row in rows[1:]}
    assert values[("Hồ sơ", "full_name")] == "Trần Thị Học Viên"
    assert values[("Hồ sơ", "phone")] == "+84912345678"  # a phone number is kept as it is
    assert values[("Hồ sơ", "position")] == "'=cmd|' /C calc'!A0"  # a formula is never run
    assert ModelLogEntry.objects.filter(action=audit.PERSONAL_DATA_DOWNLOAD, data__format="csv").exists()


def test_my_data_needs_a_login(client):
    response = client.get(reverse("accounts:my_data_json"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_admin_anonymises_a_departed_cadre_keeping_the_counts(client, world):
    person = world.cadre
    person.phone = "0912 345 678"
    person.email = "hoc.vien@example.invalid"
    person.position = "Công chức văn hóa"
    person.save()
    one_time_login_issue(user=person, actor=world.manager_a)
    AccessLog.objects.create(username="cadre_a1", ip_address="10.0.0.1", user_agent="Chrome")
    client.force_login(world.manager_a)
    client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        {
            "username": person.username,
            "full_name": person.full_name,
            "commune": person.commune_id,
            "is_active": "on",
            "groups": list(person.groups.values_list("pk", flat=True)),
        },
    )
    assert ModelLogEntry.objects.filter(label="Trần Thị Học Viên").exists()
    received = []
    person_anonymised.connect(lambda sender, user, actor, **kw: received.append((user.pk, actor.pk)), weak=False)
    counts = (User.objects.filter(commune=world.commune_a1).count(), TeamMembership.objects.count())

    client.force_login(world.superuser)
    assert "Không hoàn tác được" in client.get(reverse("kns_people:anonymise", args=[person.pk])).content.decode()
    response = client.post(reverse("kns_people:anonymise", args=[person.pk]))

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == f"Người dùng đã ẩn danh #{person.pk}"
    assert person.username == f"an-danh-{person.pk}"
    assert (person.phone, person.email, person.position) == (None, "", "")
    assert not person.is_active and not person.has_usable_password()
    assert person.commune == world.commune_a1
    assert (User.objects.filter(commune=world.commune_a1).count(), TeamMembership.objects.count()) == counts
    assert person.groups.filter(name="Cadres").exists()
    assert not OneTimeLogin.objects.filter(user_id=person.pk).exists()
    assert not AccessLog.objects.filter(username="cadre_a1").exists()
    assert not ModelLogEntry.objects.filter(label="Trần Thị Học Viên").exists()
    assert ModelLogEntry.objects.filter(action=audit.PERSON_ANONYMISE, object_id=str(person.pk)).exists()
    assert received == [(person.pk, world.superuser.pk)]


def test_only_superusers_may_anonymise(client, world):
    client.force_login(world.manager_a)
    response = client.post(reverse("kns_people:anonymise", args=[world.cadre.pk]))
    assert response.status_code in (302, 403)
    world.cadre.refresh_from_db()
    assert world.cadre.full_name == "Trần Thị Học Viên"


def test_viewing_the_people_list_is_logged_with_what_was_asked(client, world):
    client.force_login(world.manager_a)

    client.get(reverse("wagtailusers_users:index"), {"q": "Trần"})

    entry = ModelLogEntry.objects.get(action=audit.PEOPLE_LIST_VIEW)
    assert entry.user == world.manager_a
    assert entry.data["count"] == 1 and entry.data["filters"] == {"q": "Trần"}
    assert "Đã xem danh sách cán bộ (1 người)" in str(entry.formatter.format_message(entry))


def test_exporting_the_people_list_is_logged_and_safe_for_excel(client, world):
    UserFactory(username="cong.thuc", full_name="=HYPERLINK(1)", phone="0912 000 111", commune=world.commune_a2)
    client.force_login(world.manager_a)

    response = client.post(reverse("wagtailusers_users:index") + "?export=csv")  # exports start by POST
    content = b"".join(response.streaming_content)

    assert content.startswith(b"\xef\xbb\xbf")
    rows = {row[0]: row for row in csv.reader(io.StringIO(content.decode("utf-8-sig")))}
    assert rows["cong.thuc"][1] == "'=HYPERLINK(1)" and rows["cong.thuc"][2] == "+84912000111"
    assert "cadre_a1" in rows and "manager_b" not in rows  # only people in scope
    entry = ModelLogEntry.objects.get(action=audit.EXPORT)
    assert entry.user == world.manager_a and entry.data["format"] == "csv" and entry.data["count"] == len(rows) - 1


def test_the_people_list_makes_a_constant_number_of_queries(client, world, assert_constant_queries):
    client.force_login(world.manager_a)
    url = reverse("wagtailusers_users:index")

    pages, grown = [], []

    def listing():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        pages.append(response.content.decode())

    def grow():
        grown.extend(UserFactory(commune=world.commune_a2, roles=["Cadres"]) for _ in range(15))

    assert_constant_queries(listing, grow, label="people listing")
    # The counted page is the real listing: people in scope, the new ones too, nobody outside.
    assert "Trần Thị Học Viên" in pages[0]
    assert any(person.full_name in pages[-1] for person in grown)
    assert "Quản Lý Tỉnh Beta" not in pages[-1]


def test_commune_changes_are_only_history_rows(world):
    before = list(TeamMembership.objects.values_list("pk", "user_id", "team_id", "role"))
    commune_changes_record(changes=[(world.cadre.pk, world.commune_a1.pk, world.commune_a2.pk)], actor=None)
    assert CommuneChange.objects.count() == 1
    assert list(TeamMembership.objects.values_list("pk", "user_id", "team_id", "role")) == before


def test_managers_do_not_get_wagtails_cross_scope_site_history(client, world):
    from wagtail.log_actions import log

    log(world.cadre, "wagtail.edit", user=world.manager_a)
    client.force_login(world.manager_b)
    assert client.get(reverse("wagtailadmin_reports:site_history")).status_code == 403
    assert client.get(reverse("wagtailadmin_reports:site_history_results")).status_code == 403
    # Each person's own history stays, inside the scope.
    assert client.get(reverse("wagtailusers_users:history", args=[world.cadre.pk])).status_code == 404
    client.force_login(world.manager_a)
    assert (
        "Trần Thị Học Viên" in client.get(reverse("wagtailusers_users:history", args=[world.cadre.pk])).content.decode()
    )
    client.force_login(world.superuser)
    assert "Trần Thị Học Viên" in client.get(reverse("wagtailadmin_reports:site_history")).content.decode()


def test_login_records_and_import_reports_are_purged_after_their_time(world, settings):
    import datetime

    from django.utils import timezone

    from accounts.models import ImportJob
    from accounts.tasks import purge_personal_records

    old = timezone.now() - datetime.timedelta(days=settings.KNS_LOGIN_LOG_RETENTION_DAYS + 1)
    AccessLog.objects.create(username="cadre_a1", ip_address="10.0.0.1", user_agent="Chrome")
    AccessLog.objects.filter(username="cadre_a1").update(attempt_time=old)
    AccessLog.objects.create(username="leader_a1", ip_address="10.0.0.2", user_agent="Firefox")
    job = ImportJob.objects.create(
        created_by=world.manager_a,
        filename="cu.csv",
        status=ImportJob.Status.DONE,
        report={"created": 2, "rows": [{"full_name": "Trần Thị Học Viên", "phone": "+84912000001"}], "errors": []},
        created_at=timezone.now() - datetime.timedelta(days=settings.KNS_IMPORT_REPORT_RETENTION_DAYS + 1),
    )

    purge_personal_records.delay()

    assert list(AccessLog.objects.values_list("username", flat=True)) == ["leader_a1"]
    job.refresh_from_db()
    assert job.report == {"created": 2, "purged": True}
