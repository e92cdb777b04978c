"""The verify page (public, rate-limited, no personal data), "my certificates" and private downloads."""

import pytest
from django.urls import reverse

from certificates import services
from certificates.codes import BITS, format_code, new_code, normalise_code
from certificates.models import Certificate
from certificates.qr import verify_url
from tests.certificates.helpers import issue
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    from django.core.cache import cache

    cache.clear()
    settings.KNS_VERIFY_RATE_LIMIT = 1000


@pytest.fixture
def certificate(world, django_capture_on_commit_callbacks):
    world.cadre.phone = "+84912345678"
    world.cadre.email = "hocvien@example.vn"
    world.cadre.save()
    return issue(django_capture_on_commit_callbacks, world.cadre, title="Dịch vụ công trực tuyến")


def test_codes_are_random_grouped_and_unambiguous():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert BITS >= 80
    for code in list(codes)[:200]:
        assert not set(code) & set("ILOU")
        assert format_code(code).count("-") == 4 and all(len(group) == 4 for group in format_code(code).split("-"))
    code = next(iter(codes))
    typed = " " + format_code(code).lower().replace("-", " ") + " "
    assert normalise_code(typed) == code
    assert normalise_code("0O1IL" + code[5:]) == "00111" + code[5:]
    assert normalise_code("U" * 20) is None
    assert normalise_code("ABC") is None


def test_verify_url_is_stable_and_outside_any_language_prefix(certificate):
    url = reverse("certificates:verify", kwargs={"code": certificate.display_code})
    assert url == f"/certificates/verify/{certificate.display_code}/"
    assert verify_url(certificate.code) == f"http://testserver{url}"


@pytest.mark.smoke
def test_valid_certificate_shows_every_printed_field_and_nothing_personal(client, certificate):
    response = client.get(reverse("certificates:verify", kwargs={"code": certificate.display_code}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chứng nhận hợp lệ" in page
    for text in (
        "Trần Thị Học Viên",
        "Dịch vụ công trực tuyến",
        "Xã An Bình",
        certificate.display_code,
        certificate.issuer_name,
        certificate.completed_on.strftime("%d/%m/%Y"),
        certificate.issued_on.strftime("%d/%m/%Y"),
    ):
        assert text in page, text
    assert ">4<" in page.replace(" ", "") or "4</dd>" in page
    for personal in ("912345678", "hocvien@example.vn", world_username := "cadre_a1"):
        assert personal not in page, world_username


def test_typed_codes_are_forgiving_and_redirect_to_the_printed_form(client, certificate):
    typed = certificate.display_code.lower().replace("-", "")
    response = client.get(reverse("certificates:verify_form"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/certificates/verify/{certificate.display_code}/"
    response = client.get(f"/certificates/verify/{typed}/")
    assert response.status_code == 302


def test_unknown_and_malformed_codes_get_a_plain_not_found(client):
    for code in (format_code(new_code()), "khong-phai-ma", "<script>", "x" * 60):
        response = client.get(f"/certificates/verify/{code}/")
        assert response.status_code == 404
        assert "Không tìm thấy chứng nhận" in response.content.decode()
    response = client.get(reverse("certificates:verify_form"), {"code": "sai ma"})
    assert response.status_code == 404 and "Không tìm thấy chứng nhận" in response.content.decode()
    assert client.get(reverse("certificates:verify_form")).status_code == 200


def test_pending_and_failed_certificates_are_not_found(client, world, django_capture_on_commit_callbacks):
    certificate = issue(django_capture_on_commit_callbacks, world.cadre)
    for status in ("pending", "failed"):
        Certificate.objects.filter(pk=certificate.pk).update(status=status)
        assert client.get(f"/certificates/verify/{certificate.display_code}/").status_code == 404


def test_revoked_shows_date_and_reason_category_not_the_note(client, world, certificate):
    services.certificate_revoke(
        certificate=certificate, by=world.manager_a, reason="details", note="Sai ngày sinh, liên hệ chị Lan"
    )
    page = client.get(f"/certificates/verify/{certificate.display_code}/").content.decode()
    assert "Chứng nhận đã bị thu hồi" in page
    assert "Sai thông tin trên chứng nhận" in page
    certificate.refresh_from_db()
    assert certificate.revoked_at.astimezone().strftime("%d/%m/%Y")[:2] in page
    assert "chị Lan" not in page


def test_superseded_points_to_the_newer_version(client, world, certificate, django_capture_on_commit_callbacks):
    world.cadre.full_name = "Trần Thị Học Viên Mới"
    world.cadre.save()
    with django_capture_on_commit_callbacks(execute=True):
        new = services.certificate_reissue(certificate=certificate, by=world.manager_a)
    page = client.get(f"/certificates/verify/{certificate.display_code}/").content.decode()
    assert "đã được thay thế" in page
    assert new.display_code in page
    page = client.get(f"/certificates/verify/{new.display_code}/").content.decode()
    assert "Chứng nhận hợp lệ" in page and "Trần Thị Học Viên Mới" in page and "lần cấp thứ 2" in page


def test_verify_is_rate_limited_per_address(client, settings, certificate):
    settings.KNS_VERIFY_RATE_LIMIT = 3
    url = f"/certificates/verify/{certificate.display_code}/"
    for _ in range(3):
        assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code == 200
    response = client.get(url, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    assert response["Retry-After"] == str(settings.KNS_VERIFY_RATE_WINDOW)
    # Guessing unknown codes counts too; another address is not affected.
    assert client.get(f"/certificates/verify/{format_code(new_code())}/", REMOTE_ADDR="203.0.113.7").status_code == 429
    assert client.get(url, REMOTE_ADDR="198.51.100.2").status_code == 200


def test_my_certificates_lists_and_links_the_download(client, world, certificate):
    client.force_login(world.cadre)
    page = client.get(reverse("certificates:mine")).content.decode()
    assert "Dịch vụ công trực tuyến" in page
    assert reverse("certificates:download", args=[certificate.pk]) in page
    assert client.get(reverse("certificates:mine")).status_code == 200
    client.logout()
    assert client.get(reverse("certificates:mine")).status_code == 302


def test_my_certificates_queries_do_not_grow(
    client, world, django_capture_on_commit_callbacks, assert_constant_queries
):
    client.force_login(world.cadre)
    issue(django_capture_on_commit_callbacks, world.cadre, title="Khóa một")

    def measure():
        assert client.get(reverse("certificates:mine")).status_code == 200

    def grow():
        for title in ("Khóa hai", "Khóa ba", "Khóa bốn"):
            issue(django_capture_on_commit_callbacks, world.cadre, title=title)

    assert_constant_queries(measure, grow, label="my certificates")


@pytest.mark.parametrize(
    "who, status",
    [
        ("owner", 200),
        ("other_cadre", 404),
        ("leader_same_team", 404),
        ("manager_a", 200),
        ("commune_manager_a1", 200),
        ("manager_b", 404),
        ("trainer_without_scope", 404),
        ("superuser", 200),
    ],
)
def test_downloads_are_private(client, world, certificate, who, status):
    users = {
        "owner": world.cadre,
        "other_cadre": UserFactory(commune=world.commune_a1, roles=["Cadres"]),
        "leader_same_team": world.leader,
        "manager_a": world.manager_a,
        "commune_manager_a1": world.commune_manager_a1,
        "manager_b": world.manager_b,
        "trainer_without_scope": world.trainer,
        "superuser": world.superuser,
    }
    client.force_login(users[who])
    response = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "private" in response["Cache-Control"]


def test_download_needs_login_and_is_logged_for_managers(client, world, certificate):
    from wagtail.models import ModelLogEntry

    assert client.get(reverse("certificates:download", args=[certificate.pk])).status_code == 302
    client.force_login(world.manager_a)
    client.get(reverse("certificates:download", args=[certificate.pk]))
    assert ModelLogEntry.objects.filter(action="kns.certificate.download", user=world.manager_a).count() == 1


def test_owner_cannot_download_a_revoked_certificate(client, world, certificate):
    services.certificate_revoke(certificate=certificate, by=world.manager_a, reason="error")
    client.force_login(world.cadre)
    assert client.get(reverse("certificates:download", args=[certificate.pk])).status_code == 404
    client.force_login(world.manager_a)
    assert client.get(reverse("certificates:download", args=[certificate.pk])).status_code == 200
