"""Printed login sheets and codes by message: first login and a forgotten password without e-mail.

Real parts throughout: the admin screens through the test client, the Celery job (eager, on
commit), WeasyPrint's PDF parsed back with pypdf, the code-login page, Wagtail's log, and the
notifications app with its console SMS backend.
"""

import datetime as dt
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from accounts import audit
from accounts.login_sheets import login_sheets_purge, sheet_progress
from accounts.login_sheets_pdf import SLIPS_PER_CHUNK
from accounts.models import LoginSheet, OneTimeLogin
from accounts.roles import CADRES
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CODE = re.compile(r"\b(\d{4} \d{4})\b")


def _print(client, django_capture_on_commit_callbacks, url, **data):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"only_new": "on", **data})
    return response


def _pdf_text(client, sheet) -> str:
    response = client.get(reverse("kns_login_sheets:pdf", args=[sheet.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def _code_for(text: str, username: str) -> str:
    """The code printed on ``username``'s slip (the code follows the username on each slip)."""
    after = text[text.index(username) + len(username) :]
    return CODE.search(after).group(1)


def _code_login(client, username, code):
    client.logout()
    return client.post(reverse("accounts:code_login"), {"username": username, "code": code})


def test_manager_prints_a_commune_sheet_and_a_cadre_logs_in_with_its_code(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.manager_a)
    page = client.get(reverse("kns_login_sheets:commune", args=[world.commune_a1.pk]))
    assert page.status_code == 200
    # The cadre and the team leader of An Bình have never logged in; managers are never printed.
    assert re.search(r"data-kns-sheet-count>2<", page.content.decode())
    assert world.team_a1.name in page.content.decode()

    response = _print(client, django_capture_on_commit_callbacks, page.wsgi_request.path)
    sheet = LoginSheet.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("kns_login_sheets:sheet", args=[sheet.pk])
    assert sheet.status == LoginSheet.Status.READY
    assert sheet.total == 2
    assert OneTimeLogin.objects.filter(sheet=sheet).count() == 2

    sheet_page = client.get(response["Location"]).content.decode()
    assert "data-kns-sheet-download" in sheet_page

    text, pages = _pdf_text(client, sheet)
    assert pages == 1
    for person in (world.cadre, world.leader):
        assert person.full_name in text
        assert person.username in text
    assert world.manager_a.username not in text
    # The QR code and the printed address open the code-login page with the username filled in.
    assert "/accounts/code/?username=cadre_a1" in text.replace("\n", "")
    form = client.get(reverse("accounts:code_login") + "?username=cadre_a1").content.decode()
    assert 'value="cadre_a1"' in form

    code = _code_for(text, "cadre_a1")
    response = _code_login(client, "cadre_a1", code)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:set_password")
    # Used once: the same code does not work twice.
    assert _code_login(client, "cadre_a1", code).status_code == 200

    # The print and the download are in Wagtail's log, with the count and no names.
    entries = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(LoginSheet))
    actions = sorted(entries.values_list("action", flat=True))
    assert actions == [audit.LOGIN_SHEET_DOWNLOAD, audit.LOGIN_SHEET_PRINT]
    printed = entries.get(action=audit.LOGIN_SHEET_PRINT)
    assert printed.user_id == world.manager_a.pk
    assert printed.data["count"] == 2
    assert world.cadre.full_name not in str(printed.data)


def test_printing_again_invalidates_the_previous_sheets_codes(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.manager_a)
    url = reverse("kns_login_sheets:team", args=[world.team_a1.pk])
    _print(client, django_capture_on_commit_callbacks, url)
    first_text, _pages = _pdf_text(client, LoginSheet.objects.get())
    _print(client, django_capture_on_commit_callbacks, url)
    second = LoginSheet.objects.order_by("-pk").first()
    second_text, _pages = _pdf_text(client, second)
    old_code, new_code = _code_for(first_text, "leader_a1"), _code_for(second_text, "leader_a1")
    assert old_code != new_code

    refused = _code_login(client, "leader_a1", old_code)
    assert refused.status_code == 200
    assert "mã đã hết hạn, đã dùng" in refused.content.decode()
    assert _code_login(client, "leader_a1", new_code).status_code == 302
    assert ModelLogEntry.objects.filter(action=audit.LOGIN_SHEET_PRINT).count() == 2


def test_codes_expire_after_the_configured_days_and_the_file_after_its_hours(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.KNS_LOGIN_SHEET_CODE_DAYS = 3
    settings.KNS_LOGIN_SHEET_FILE_HOURS = 2
    client.force_login(world.manager_a)
    before = timezone.now()
    _print(client, django_capture_on_commit_callbacks, reverse("kns_login_sheets:team", args=[world.team_a1.pk]))
    sheet = LoginSheet.objects.get()
    assert before + dt.timedelta(days=3) <= sheet.codes_expire_at <= timezone.now() + dt.timedelta(days=3)
    assert sheet.file_expires_at - sheet.finished_at == dt.timedelta(hours=2)
    text, _pages = _pdf_text(client, sheet)
    code = _code_for(text, "cadre_a1")

    # Three days on, the printed code no longer lets anyone in.
    OneTimeLogin.objects.filter(sheet=sheet).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert _code_login(client, "cadre_a1", code).status_code == 200

    # Two hours on, the PDF is refused, then deleted by the purge.
    client.force_login(world.manager_a)
    path = sheet.file.path
    LoginSheet.objects.filter(pk=sheet.pk).update(file_expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get(reverse("kns_login_sheets:pdf", args=[sheet.pk])).status_code == 404
    assert login_sheets_purge() == 1
    sheet.refresh_from_db()
    assert sheet.status == LoginSheet.Status.EXPIRED
    assert not sheet.file
    import os

    assert not os.path.exists(path)


def test_out_of_scope_ids_answer_404_for_every_method_and_write_nothing(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.manager_b)
    for name, pk in (("commune", world.commune_a1.pk), ("team", world.team_a1.pk)):
        url = reverse(f"kns_login_sheets:{name}", args=[pk])
        assert client.get(url).status_code == 404
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, {"only_new": "on"}).status_code == 404
        assert client.put(url).status_code == 404
    assert not LoginSheet.objects.exists()
    assert not OneTimeLogin.objects.exists()
    # The chooser offers only the manager's own communes.
    index = client.get(reverse("kns_login_sheets:index")).content.decode()
    assert world.commune_a1.name not in index
    assert world.commune_b1.name in index


def test_a_sheet_is_only_for_the_manager_who_printed_it(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.manager_a)
    _print(client, django_capture_on_commit_callbacks, reverse("kns_login_sheets:team", args=[world.team_a1.pk]))
    sheet = LoginSheet.objects.get()
    for other in (world.manager_b, world.commune_manager_a1):
        client.force_login(other)
        for name in ("sheet", "status", "pdf"):
            assert client.get(reverse(f"kns_login_sheets:{name}", args=[sheet.pk])).status_code == 404
    # A cadre is sent to the admin login (Wagtail's own admin-access check), never shown the file.
    client.force_login(world.cadre)
    for url in (reverse("kns_login_sheets:index"), reverse("kns_login_sheets:pdf", args=[sheet.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/admin/login/" in response["Location"]


def test_nothing_to_print_says_so_and_writes_nothing(client, world):
    world.cadre.last_login = world.leader.last_login = timezone.now()
    world.cadre.save()
    world.leader.save()
    client.force_login(world.manager_a)
    response = client.post(reverse("kns_login_sheets:team", args=[world.team_a1.pk]), {"only_new": "on"})
    assert response.status_code == 400
    assert "Không có cán bộ nào chưa đăng nhập lần nào." in response.content.decode()
    assert not LoginSheet.objects.exists()


def test_a_large_commune_renders_in_chunks_with_progress(client, world, django_capture_on_commit_callbacks):
    extra = SLIPS_PER_CHUNK + 10
    for n in range(extra):
        UserFactory(
            username=f"an_binh_{n:03d}", full_name=f"Cán Bộ Xã {n:03d}", commune=world.commune_a1, roles=[CADRES]
        )
    client.force_login(world.manager_a)
    url = reverse("kns_login_sheets:commune", args=[world.commune_a1.pk])

    # Before the job runs, the page shows a progress bar fed by the status URL.
    response = client.post(url, {"only_new": "on"})
    sheet = LoginSheet.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "data-kns-import-progress" in page
    status = client.get(reverse("kns_login_sheets:status", args=[sheet.pk])).json()
    assert status["running"] is True
    assert status["total"] == extra + 2

    from accounts.login_sheets import login_sheet_build

    login_sheet_build(sheet_id=sheet.pk)
    sheet.refresh_from_db()
    assert sheet_progress(sheet)["percent"] == 100
    text, pages = _pdf_text(client, sheet)
    assert pages == -(-(extra + 2) // 6)  # six slips a page
    assert len(set(CODE.findall(text))) == extra + 2
    # Delivered again, the task does nothing: the sheet was claimed once.
    login_sheet_build(sheet_id=sheet.pk)
    assert OneTimeLogin.objects.filter(sheet=sheet).count() == extra + 2


# --- a new code by message ------------------------------------------------------------------------


@pytest.fixture
def sms(settings):
    settings.NOTIFY_CHANNELS = ["sms"]
    settings.NOTIFY_BACKENDS = {**settings.NOTIFY_BACKENDS, "sms": "console"}
    settings.KNS_CODE_REQUEST_PER_ACCOUNT = 2
    settings.KNS_CODE_REQUEST_PER_ADDRESS = 5
    from django.core.cache import cache

    cache.clear()


def _messages():
    from notifications.models import Message

    return Message.objects.filter(kind="one_time_code").order_by("pk")


def _request_code(client, identifier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:code_request"), {"identifier": identifier}, follow=True)
    return response


def test_forgotten_password_a_code_by_sms_then_login(client, world, sms, django_capture_on_commit_callbacks):
    world.cadre.phone = "0912 345 678"
    world.cadre.save()
    response = _request_code(client, "0912345678", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "mã đăng nhập một lần vừa được gửi" in response.content.decode()
    message = _messages().get()
    assert message.user == world.cadre
    assert message.channel == "sms"
    assert message.address == "+84912345678"
    assert message.status == "sent"
    # The code as the phone got it (the console backend's outbox): the stored row keeps it masked.
    from notifications.backends import console

    code = CODE.search(console.outbox[-1].text).group(1)
    assert "cadre_a1" in message.text and code not in message.text
    assert _code_login(client, "cadre_a1", code)["Location"] == reverse("accounts:set_password")
    assert ModelLogEntry.objects.filter(action=audit.ONE_TIME_CODE_REQUEST, object_id=str(world.cadre.pk)).exists()


def test_the_answer_does_not_reveal_whether_the_account_exists(client, world, sms, django_capture_on_commit_callbacks):
    world.cadre.phone = "0912 345 678"
    world.cadre.save()
    known = _request_code(client, "cadre_a1", django_capture_on_commit_callbacks)
    unknown = _request_code(client, "khong_ai_co_ten_nay", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 200

    def shown(response):
        body = response.content.decode()
        return [m.message for m in response.context["messages"]], body.count("alert")

    assert shown(known) == shown(unknown)
    assert _messages().count() == 1


def test_codes_by_message_are_limited_per_account_and_per_address(
    client, world, sms, django_capture_on_commit_callbacks
):
    world.cadre.phone = "0912 345 678"
    world.cadre.save()
    for _n in range(3):
        assert _request_code(client, "cadre_a1", django_capture_on_commit_callbacks).status_code == 200
    # Two per account in the window: the third request sent nothing, and said the same.
    assert _messages().count() == 2
    for _n in range(2):
        _request_code(client, "someone_else", django_capture_on_commit_callbacks)
    # Five per address: the sixth answers 429, whatever the name.
    limited = client.post(reverse("accounts:code_request"), {"identifier": "cadre_a1"})
    assert limited.status_code == 429
    assert _messages().count() == 2


def test_a_cadre_no_channel_reaches_keeps_their_printed_code(client, world, sms, django_capture_on_commit_callbacks):
    client.force_login(world.manager_a)
    _print(client, django_capture_on_commit_callbacks, reverse("kns_login_sheets:team", args=[world.team_a1.pk]))
    text, _pages = _pdf_text(client, LoginSheet.objects.get())
    client.logout()
    assert world.cadre.phone is None
    _request_code(client, "cadre_a1", django_capture_on_commit_callbacks)
    assert _code_login(client, "cadre_a1", _code_for(text, "cadre_a1")).status_code == 302


def test_a_double_click_prints_once(client, world):
    client.force_login(world.manager_a)
    url = reverse("kns_login_sheets:team", args=[world.team_a1.pk])
    first = client.post(url, {"only_new": "on"})
    second = client.post(url, {"only_new": "on"})
    sheet = LoginSheet.objects.get()
    assert first["Location"] == second["Location"] == reverse("kns_login_sheets:sheet", args=[sheet.pk])
    assert ModelLogEntry.objects.filter(action=audit.LOGIN_SHEET_PRINT).count() == 1
