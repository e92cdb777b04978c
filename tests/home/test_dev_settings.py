"""`make run PORT=8101`: links made outside a request (the certificate's QR code and address) point to
the port the dev server listens on (issue 10, item 6)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_VERIFY_URL = (
    "import django; django.setup(); "
    "from django.conf import settings; from certificates.codes import new_code; "
    "from certificates.qr import verify_url; "
    "print(settings.PUBLIC_BASE_URL); print(verify_url(new_code())); print(','.join(settings.ALLOWED_HOSTS))"
)


def dev_settings(**env) -> list[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PUBLIC_BASE_URL", "ALLOWED_HOSTS", "HOST", "PORT", "DATABASE_URL") and not k.startswith("DJANGO_")
    }
    result = subprocess.run(
        [sys.executable, "-c", PRINT_VERIFY_URL],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_dev_base_url_follows_host_and_port():
    base, verify, allowed = dev_settings(HOST="127.0.0.1", PORT="8101")
    assert base == "http://127.0.0.1:8101"
    assert verify.startswith("http://127.0.0.1:8101/certificates/verify/")
    assert "127.0.0.1" in allowed.split(",")


def test_dev_defaults_and_explicit_setting_wins():
    base, _verify, _allowed = dev_settings()
    assert base == "http://127.0.0.1:8000"
    base, _verify, _allowed = dev_settings(PORT="8101", PUBLIC_BASE_URL="https://demo.example.vn")
    assert base == "https://demo.example.vn"
    # A wildcard bind is no address to link to; a LAN address is, and the dev server accepts it.
    assert dev_settings(HOST="0.0.0.0", PORT="8102")[0] == "http://127.0.0.1:8102"  # noqa: S104
    base, _verify, allowed = dev_settings(HOST="192.168.1.20", PORT="8103")
    assert base == "http://192.168.1.20:8103"
    assert "192.168.1.20" in allowed.split(",")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_passes_host_and_port_to_seed_and_server():
    result = subprocess.run(  # noqa: S603
        [shutil.which("make"), "-n", "run", "PORT=8101"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = [line for line in result.stdout.splitlines() if "manage.py seed_demo" in line or "runserver" in line]
    assert len(lines) == 2, result.stdout
    for line in lines:
        assert "HOST=127.0.0.1" in line and "PORT=8101" in line
