"""Open Badges 3.0: the credential of a certificate, checked as an outside verifier would.

Nothing here imports our signing code (``certificates.credentials``, ``keys``, ``status_list``): the
credential, the JWK set and the status list are fetched through the public URLs with the test client
and checked with jwcrypto, gzip and base64 alone, against the required fields of the specs (VC Data
Model 2.0, Open Badges 3.0, Bitstring Status List, VC-JOSE-COSE).
"""

import base64
import gzip
import json
import os
import stat

import pytest
from django.core.management import call_command
from django.urls import reverse
from jwcrypto import jwk, jws

from certificates import services
from certificates.models import Certificate
from tests.certificates.helpers import issue

pytestmark = pytest.mark.django_db

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    from django.core.cache import cache

    cache.clear()
    settings.KNS_VERIFY_RATE_LIMIT = 1000


@pytest.fixture
def certificate(world, django_capture_on_commit_callbacks):
    return issue(django_capture_on_commit_callbacks, world.cadre, title="Dịch vụ công trực tuyến")


def published_keys(client) -> dict[str, jwk.JWK]:
    response = client.get("/certificates/issuer/jwks.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/jwk-set+json")
    found = {}
    for entry in response.json()["keys"]:
        assert entry["kty"] == "OKP" and entry["crv"] == "Ed25519" and "d" not in entry  # public halves only
        found[entry["kid"]] = jwk.JWK(**entry)
    return found


def verify_vc_jwt(client, token: str) -> tuple[dict, dict]:
    """A generic VC-JWT check: the header, the signature with the published key its kid names."""
    parsed = jws.JWS()
    parsed.deserialize(token)
    header = parsed.jose_header
    assert header["alg"] == "EdDSA"
    assert header["typ"] == "vc+jwt"
    key = published_keys(client)[header["kid"]]
    parsed.verify(key, alg="EdDSA")  # raises when the signature does not match
    return header, json.loads(parsed.payload)


def fetch_credential(client, certificate) -> str:
    response = client.get(f"/certificates/verify/{certificate.display_code}/credential.jwt")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/vc+jwt"
    return response.content.decode("ascii")


def status_bit(client, entry: dict) -> bool:
    """Fetch the status list the entry names, verify it, decode its bitstring, read the entry's bit."""
    path = entry["statusListCredential"].removeprefix("http://testserver")
    response = client.get(path)
    assert response.status_code == 200
    _header, status_credential = verify_vc_jwt(client, response.content.decode("ascii"))
    assert "BitstringStatusListCredential" in status_credential["type"]
    subject = status_credential["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    assert encoded.startswith("u")  # multibase base64url, no padding
    body = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    assert len(bits) >= 16 * 1024  # the spec's minimum: 131,072 entries
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def test_credential_has_the_required_fields_and_verifies_with_the_published_key(client, certificate):
    token = fetch_credential(client, certificate)
    _header, vc = verify_vc_jwt(client, token)

    # VC Data Model 2.0
    assert vc["@context"][0] == VC_V2 and OB_V3 in vc["@context"]
    assert {"VerifiableCredential", "OpenBadgeCredential"} <= set(vc["type"])
    assert vc["id"] == f"http://testserver/certificates/verify/{certificate.display_code}/"
    assert vc["validFrom"].endswith("Z") and vc["validFrom"][:10] == certificate.issued_at.date().isoformat()
    # Open Badges 3.0: the issuer Profile, an AchievementSubject naming the holder, the Achievement.
    issuer = vc["issuer"]
    assert issuer["id"] == "http://testserver/certificates/issuer/" and "Profile" in issuer["type"] and issuer["name"]
    subject = vc["credentialSubject"]
    assert "AchievementSubject" in subject["type"]
    assert subject["identifier"] == [
        {"type": "IdentityObject", "identityHash": "Trần Thị Học Viên", "identityType": "name", "hashed": False}
    ]
    achievement = subject["achievement"]
    assert achievement["id"] == f"urn:uuid:{certificate.course_key}"
    assert "Achievement" in achievement["type"]
    assert achievement["name"] == "Dịch vụ công trực tuyến"
    assert achievement["description"] and achievement["criteria"]["narrative"]
    # Bitstring Status List entry
    status = vc["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry" and status["statusPurpose"] == "revocation"
    assert status["statusListIndex"] == str(certificate.status_index) and status["statusListIndex"].isdigit()
    assert status["statusListCredential"] == "http://testserver/certificates/status/revocation/"
    assert status_bit(client, status) is False


def test_a_changed_credential_does_not_verify(client, certificate):
    token = fetch_credential(client, certificate)
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["achievement"]["name"] = "Khóa học khác"
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(jws.InvalidJWSSignature):
        verify_vc_jwt(client, f"{header}.{forged_payload}.{signature}")


def test_the_issuer_profile_and_the_contexts_are_published(client):
    profile = client.get("/certificates/issuer/")
    assert profile.status_code == 200 and profile["Access-Control-Allow-Origin"] == "*"
    data = profile.json()
    assert data["id"] == "http://testserver/certificates/issuer/" and data["type"] == ["Profile"] and data["name"]
    assert "/certificates/issuer/jwks.json" in profile["Link"]
    contexts = {"credentials-v2.jsonld": "BitstringStatusListEntry", "ob-v3p0-context-3.0.3.json": "AchievementSubject"}
    for name, term in contexts.items():
        response = client.get(f"/certificates/contexts/{name}")
        assert response.status_code == 200
        assert term in json.loads(response.content)["@context"]
    assert client.get("/certificates/contexts/secret.json").status_code == 404


def test_revoking_flips_the_bit(client, world, certificate):
    entry = verify_vc_jwt(client, fetch_credential(client, certificate))[1]["credentialStatus"]
    assert status_bit(client, entry) is False
    services.certificate_revoke(certificate=certificate, by=world.manager_a, reason="error")
    assert status_bit(client, entry) is True
    # Only its own bit: the neighbours' entries are untouched.
    neighbour = dict(entry, statusListIndex=str(int(entry["statusListIndex"]) + 1))
    assert status_bit(client, neighbour) is False
    # A revoked certificate's credential is no longer handed out.
    assert client.get(f"/certificates/verify/{certificate.display_code}/credential.jwt").status_code == 404


def test_reissue_sets_the_superseded_bit_and_the_new_version_has_its_own(
    client, world, certificate, django_capture_on_commit_callbacks
):
    old_entry = verify_vc_jwt(client, fetch_credential(client, certificate))[1]["credentialStatus"]
    with django_capture_on_commit_callbacks(execute=True):
        new = services.certificate_reissue(certificate=certificate, by=world.manager_a)
    new.refresh_from_db()
    assert new.status == "issued"
    new_entry = verify_vc_jwt(client, fetch_credential(client, new))[1]["credentialStatus"]
    assert new_entry["statusListIndex"] != old_entry["statusListIndex"]
    assert status_bit(client, old_entry) is True
    assert status_bit(client, new_entry) is False


def test_status_indexes_are_stable_and_unique(certificate, world, django_capture_on_commit_callbacks):
    from django.db import IntegrityError, transaction

    index = certificate.status_index
    assert index is not None
    certificate.refresh_from_db()
    certificate.save()
    certificate.refresh_from_db()
    assert certificate.status_index == index
    second = issue(django_capture_on_commit_callbacks, world.cadre, title="Chữ ký số")
    assert second.status_index not in (None, index)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=second.pk).update(status_index=index)


def test_rotation_old_credentials_still_verify_new_ones_use_the_new_key(
    client, world, certificate, django_capture_on_commit_callbacks, capsys
):
    old_header, _ = verify_vc_jwt(client, fetch_credential(client, certificate))
    old_token = fetch_credential(client, certificate)
    call_command("issuer_keys", "rotate")
    assert "retired" in capsys.readouterr().out
    keys_now = published_keys(client)
    assert old_header["kid"] in keys_now and len(keys_now) == 2

    second = issue(django_capture_on_commit_callbacks, world.cadre, title="Chữ ký số")
    new_header, _ = verify_vc_jwt(client, fetch_credential(client, second))
    assert new_header["kid"] != old_header["kid"]
    # What the old key signed still verifies with the published old key.
    assert verify_vc_jwt(client, old_token)[0]["kid"] == old_header["kid"]

    call_command("issuer_keys", "list")
    listing = capsys.readouterr().out
    assert listing.count(" ok") == 2 and "active" in listing and "retired" in listing


def test_private_keys_are_files_only_their_owner_reads_and_no_url_serves(client, settings, certificate):
    call_command("issuer_keys", "list")
    folder = settings.PRIVATE_MEDIA_ROOT / "issuer-keys"
    files = list(folder.iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(os.stat(files[0]).st_mode) == 0o600
    assert b"PRIVATE KEY" in files[0].read_bytes()
    for url in (f"/media/issuer-keys/{files[0].name}", f"/private/issuer-keys/{files[0].name}"):
        assert client.get(url).status_code == 404
    assert '"d"' not in client.get("/certificates/issuer/jwks.json").content.decode()


def test_create_refuses_a_second_active_key(certificate):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("issuer_keys", "create")


def test_no_credential_for_unknown_pending_or_anonymised_certificates(client, world, certificate):
    assert client.get("/certificates/verify/0000-0000-0000-0000-0000/credential.jwt").status_code == 404
    assert client.get("/certificates/verify/nonsense/credential.jwt").status_code == 404
    Certificate.objects.filter(pk=certificate.pk).update(holder_removed_at="2026-01-01T00:00:00Z")
    assert client.get(f"/certificates/verify/{certificate.display_code}/credential.jwt").status_code == 404
    assert reverse("certificates:credential", kwargs={"code": "X"}) == "/certificates/verify/X/credential.jwt"


def test_the_credential_of_a_demo_certificate_verifies(transactional_db, world, client):
    """The demo's certificates (seed_certificates, as `make run` seeds them) pass the same outside check."""
    from home.demo.certificates import seed_certificates
    from tests.certificates.helpers import complete
    from tests.courses.builders import build_course
    from tests.factories import UserFactory

    course, steps = build_course(title="Chuyển đổi số ở cơ sở", lessons=1)
    for n in range(4):
        complete(UserFactory(username=f"demo_{n}", commune=world.commune_a1, roles=["Cadres"]), course, steps)
    seed_certificates(manager=world.manager_a)
    demo = Certificate.objects.filter(status=Certificate.Status.ISSUED).order_by("pk").first()

    _header, vc = verify_vc_jwt(client, fetch_credential(client, demo))

    assert vc["credentialSubject"]["achievement"]["name"] == "Chuyển đổi số ở cơ sở"
    assert vc["credentialSubject"]["identifier"][0]["identityHash"] == demo.full_name
    assert status_bit(client, vc["credentialStatus"]) is False
