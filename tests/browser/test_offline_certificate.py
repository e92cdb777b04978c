"""A certificate's QR checked on a phone with no connection: valid, forged, then revoked as of the last sync."""

import base64
import json

import pytest

from certificates import services
from certificates.offline import qr_url
from tests.certificates.helpers import issue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESULT = "[data-result]"


def result_state(page) -> str:
    page.wait_for_function("() => document.querySelector('[data-result]').dataset.state")
    return page.locator(RESULT).get_attribute("data-state")


def test_a_real_certificate_is_checked_offline_a_forged_one_refused(
    page, live_server, world, django_capture_on_commit_callbacks
):
    certificate = issue(django_capture_on_commit_callbacks, world.cadre, title="Dịch vụ công trực tuyến")
    base = live_server.url
    scanned = qr_url(certificate).removeprefix("http://testserver")  # what the phone's camera opens
    assert scanned.startswith(f"/certificates/verify/{certificate.display_code}/#p=")

    # Once online: the checker installs its service worker and keeps the keys and the status list.
    page.goto(base + "/certificates/verify/offline/")
    page.wait_for_function("() => document.body.dataset.ready === '1'")
    assert page.locator("link[rel=manifest]").count() == 1
    page.wait_for_function("async () => !!(await navigator.serviceWorker.ready).active")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_function("() => document.body.dataset.ready === '1'")  # the reloaded page's own sync
    assert "cập nhật lúc" in page.locator("[data-sync]").inner_text()

    # No connection: the QR's URL still opens, answered by the worker with the checker.
    page.context.set_offline(True)
    page.goto(base + scanned)
    assert result_state(page) == "valid"
    shown = page.locator(RESULT).inner_text()
    assert "Chứng nhận hợp lệ" in shown
    for text in ("Trần Thị Học Viên", "Dịch vụ công trực tuyến", certificate.display_code):
        assert text in shown
    assert certificate.issued_on.strftime("%d/%m/%Y") in shown

    # Someone prints their own name over the real signature: refused.
    path, token = scanned.split("#p=")
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["n"] = "Nguyễn Văn Giả"
    forged = base64.urlsafe_b64encode(json.dumps(claims, ensure_ascii=False).encode()).rstrip(b"=").decode()
    page.goto(f"{base}/certificates/verify/offline/#p={header}.{forged}.{signature}")
    assert result_state(page) == "forged"
    assert "Nguyễn Văn Giả" not in page.locator(RESULT).inner_text()
    # A pasted link works too.
    page.locator("#payload").fill(base + scanned)
    page.get_by_role("button", name="Kiểm tra").click()
    page.wait_for_function("() => document.querySelector('[data-result]').dataset.state === 'valid'")

    # Revoked while the phone was away; after one sync online, offline checks say so.
    services.certificate_revoke(certificate=certificate, by=world.manager_a, reason="error")
    page.goto(base + scanned)  # still offline: the list kept is the old one
    assert result_state(page) == "valid"
    page.context.set_offline(False)
    page.goto(base + "/certificates/verify/offline/")
    page.wait_for_function("() => document.body.dataset.ready === '1'")
    page.context.set_offline(True)
    page.goto(base + scanned)
    assert result_state(page) == "revoked"
    assert "thu hồi" in page.locator(RESULT).inner_text()
