"""The QR's signed offline payload: what the PDF's QR holds, and the server's check of a payload."""

import base64
import json

import pytest
import segno
from django.core.management import call_command
from jwcrypto import jwk, jws

from certificates import services
from certificates.models import Certificate
from certificates.offline import claims_of, payload_check, qr_url
from certificates.qr import qr_svg, verify_url
from certificates.rendering import document_for_certificate, render_html
from tests.certificates.helpers import issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(world, django_capture_on_commit_callbacks):
    return issue(django_capture_on_commit_callbacks, world.cadre, title="Dịch vụ công trực tuyến")


def token_of(certificate) -> str:
    url = qr_url(certificate)
    prefix = verify_url(certificate.code) + "#p="
    assert url.startswith(prefix)  # online, the same URL still opens the verify page
    return url[len(prefix) :]


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_the_pdf_qr_holds_the_verify_url_and_the_signed_payload(certificate):
    document = document_for_certificate(certificate)
    assert document.qr_target.startswith(verify_url(certificate.code) + "#p=")
    html = render_html(document)
    assert qr_svg(document.qr_target, colour="#1f1f1f") in html
    # The printed text stays the plain verify URL.
    assert verify_url(certificate.code) in html
    check = payload_check(document.qr_target.split("#p=")[1])
    assert check.state == "valid"
    assert check.claims == {
        "c": certificate.code,
        "n": "Trần Thị Học Viên",
        "k": "Dịch vụ công trực tuyến",
        "d": certificate.issued_on.isoformat(),
        "s": certificate.status_index,
    }


def test_the_qr_stays_small_enough_to_scan_for_long_names_and_titles(certificate):
    certificate.full_name = "Tôn Nữ Thị Phương Thảo Nguyễn Hoàng Bảo Ngọc Lê Thị Minh Châu Trần"
    certificate.course_title = "Ứng dụng chuyển đổi số trong giải quyết thủ tục hành chính cấp xã, " * 4
    claims = claims_of(certificate)
    assert len(claims["k"]) == 80 and claims["k"].endswith("…")
    url = "https://kynangso.bacninh.gov.vn" + qr_url(certificate).removeprefix("http://testserver")
    symbol = segno.make(url, error="l", micro=False)
    # Version 16 is 81 modules a side: 0.40 mm each at the printed 32 mm (0.35 mm at 28 mm, portrait).
    assert symbol.version <= 16, (len(url), symbol.version)


def test_a_forged_payload_is_refused(certificate):
    token = token_of(certificate)
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))

    # Another name under the real signature.
    changed = dict(claims, n="Nguyễn Văn Giả")
    assert payload_check(f"{header}.{b64(json.dumps(changed).encode())}.{signature}").state == "forged"
    # Signed by somebody else's key under our key id.
    stranger = jwk.JWK.generate(kty="OKP", crv="Ed25519")
    forged = jws.JWS(json.dumps(changed).encode())
    kid = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))["kid"]
    forged.add_signature(stranger, alg="EdDSA", protected=json.dumps({"alg": "EdDSA", "kid": kid}))
    assert payload_check(forged.serialize(compact=True)).state == "forged"
    # An unknown key id, another algorithm, rubbish.
    assert payload_check(token.replace(header, b64(b'{"alg":"EdDSA","kid":"nobody"}'), 1)).state == "forged"
    assert (
        payload_check(token.replace(header, b64(b'{"alg":"none","kid":"' + kid.encode() + b'"}'), 1)).state == "forged"
    )
    assert payload_check("not.a.token").state == "forged"
    assert payload_check("").state == "forged"
    # The genuine one still passes.
    assert payload_check(token).state == "valid"


def test_revoked_and_superseded_payloads_say_so(world, certificate, django_capture_on_commit_callbacks):
    token = token_of(certificate)
    with django_capture_on_commit_callbacks(execute=True):
        new = services.certificate_reissue(certificate=certificate, by=world.manager_a)
    assert payload_check(token).state == "revoked"
    new.refresh_from_db()
    new_token = token_of(new)
    assert payload_check(new_token).state == "valid"
    services.certificate_revoke(certificate=new, by=world.manager_a, reason="error")
    assert payload_check(new_token).state == "revoked"


def test_after_a_rotation_old_payloads_verify_and_new_ones_name_the_new_key(
    world, certificate, django_capture_on_commit_callbacks
):
    old_token = token_of(certificate)
    call_command("issuer_keys", "rotate")
    second = issue(django_capture_on_commit_callbacks, world.cadre, title="Chữ ký số")
    new_check = payload_check(token_of(second))
    old_check = payload_check(old_token)
    assert old_check.state == new_check.state == "valid"
    assert old_check.kid != new_check.kid
    assert Certificate.objects.count() == 2
